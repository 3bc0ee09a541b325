import {
  portfolioDecider,
  schoolDecider,
  submissionDecider,
  type SchoolCommand,
  type SchoolState,
  type SubmissionCommand,
} from '@licheng/domain';
import {
  admin,
  at,
  contextAt,
  OTHER_GRADES,
  pdf,
  portfolioCommand,
  portfolioEvent,
  roundsFixture,
  SENIORS,
  specify,
  student,
  system,
} from '../testing';

/**
 * R-ROUND-1 / R-ROUND-2 across streams. Seed 000: "111-2 高三學生收訖明細確認" runs 4/14 – 4/18 for the seniors
 * only and "學校將於5月傳送高三學生第6學期修課紀錄"; seed 001: the other grades confirm later ("高二及高三適用").
 * After the seniors' 1112 round is sealed, junior j1 (entry year 110) still uploads for 1112 while the
 * upload window allows, is submitted in the other grades' round and confirms there.
 */
const { events } = roundsFixture();
const sealSeniors = (category: string, period: string) =>
  ({
    type: 'SealPeriod',
    data: { schoolId: 'sch1', category, period, cohorts: SENIORS, digest: null },
  }) as unknown as SchoolCommand;
const afterSeniorsSealed: SchoolState = (() => {
  let given = specify(schoolDecider)(...events);
  for (const [category, period] of [
    ['courseRecords', '1112'],
    ['courseOutcomes', '1110'],
  ] as const) {
    const { events: sealed } = given
      .when(sealSeniors(category, period), { now: at('2023-04-21T09:00'), actor: system() })
      .thenSucceeds();
    given = specify(schoolDecider)(...events, ...sealed);
    events.push(...sealed);
  }
  return given.state;
})();

const upload = (studentId: string) =>
  portfolioCommand('UploadCourseOutcome', {
    schoolId: 'sch1',
    studentId,
    outcomeId: `${studentId}-o1`,
    courseId: 'math-1112',
    description: '機率報告',
    document: pdf(`${studentId}.pdf`),
  });
const roster = (cohorts: ReadonlyArray<number>, studentIds: string[]) =>
  ({
    type: 'SubmitRoster',
    data: {
      schoolId: 'sch1',
      category: 'courseRecords',
      period: '1112',
      cohorts,
      fid: `F-${cohorts.join('.')}`,
      roster: studentIds.map((studentId) => ({ studentId, items: [{ itemId: 'math-1112', title: '數學 4 學分' }] })),
    },
  }) as SubmissionCommand;
const statement = (cohorts?: ReadonlyArray<number>) =>
  portfolioCommand('IssueReceiptStatement', {
    schoolId: 'sch1',
    studentId: 'j1',
    category: 'courseRecords',
    period: '1112',
    ...(cohorts ? { cohorts } : {}),
    fid: 'F-110.111',
    items: [{ itemId: 'math-1112', title: '數學 4 學分' }],
  });
const confirm = portfolioCommand('ConfirmReceipt', {
  schoolId: 'sch1',
  studentId: 'j1',
  category: 'courseRecords',
  period: '1112',
});
const submissionCtx = (now: string) => ({ now: at(now), actor: admin(), policy: afterSeniorsSealed, portfolios: {} });

describe("the seniors' 1112 round sealed while a junior goes on (R-ROUND-1, R-ROUND-2)", () => {
  it('lets a junior upload for 1112 in May, and refuses a senior whose round is sealed (R-ROUND-2, R-SEAL-2)', () => {
    const given = specify(portfolioDecider)();
    given.when(upload('j1'), contextAt(afterSeniorsSealed, '2023-05-10T09:00', student('j1'))).thenSucceeds();
    const error = given
      .when(upload('s1'), contextAt(afterSeniorsSealed, '2023-05-10T09:00', student('s1')))
      .thenError('PERIOD_SEALED', 'R-SEAL-2');
    expect(error.details).toMatchObject({ category: 'courseOutcomes', period: '1110', cohorts: [109] });
  });

  it(
    "submits the junior in the other grades' round in June, and refuses the sealed seniors' round (R-ROUND-1, " +
      'R-SEAL-2)',
    () => {
      const { events: submitted } = specify(submissionDecider)()
        .when(roster(OTHER_GRADES, ['j1']), submissionCtx('2023-06-24T09:00'))
        .thenSucceeds();
      expect(submitted[0]?.data).toMatchObject({ cohorts: [110, 111] });
      specify(submissionDecider)()
        .when(roster(SENIORS, ['s1']), submissionCtx('2023-04-21T10:00'))
        .thenError('PERIOD_SEALED', 'R-SEAL-2');
    },
  );

  it("refuses a senior in the other grades' roster, naming the student and cohort (R-ROUND-1)", () => {
    const error = specify(submissionDecider)()
      .when(roster(OTHER_GRADES, ['j1', 's1']), submissionCtx('2023-06-24T09:00'))
      .thenError('STUDENT_NOT_IN_ROUND', 'R-ROUND-1');
    expect(error.details).toEqual({ studentId: 's1', entrySchoolYear: 109, cohorts: [110, 111] });
    expect(error.message['zh-TW']).toContain('s1');
  });

  it(
    "has the junior confirm in their own round from 6/26, not in the seniors' April window (R-ROUND-1, " + 'R-REC-2)',
    () => {
      const { state, events: issued } = specify(portfolioDecider)()
        .when(statement(OTHER_GRADES), contextAt(afterSeniorsSealed, '2023-06-24T09:05', system()))
        .thenSucceeds();
      const given = specify(portfolioDecider)(...issued);
      expect(state.receipts['courseRecords:1112']?.fid).toBe('F-110.111');
      given
        .when(confirm, contextAt(afterSeniorsSealed, '2023-04-15T09:00', student('j1')))
        .thenError('OUTSIDE_WORK_PERIOD', 'R-REC-2');
      given
        .when(confirm, contextAt(afterSeniorsSealed, '2023-06-27T09:00', student('j1')))
        .then(portfolioEvent('ReceiptConfirmed', { category: 'courseRecords', period: '1112', stage: 'first' }));
    },
  );

  it('refuses a statement from a round the student is not in (R-ROUND-1)', () => {
    specify(portfolioDecider)()
      .when(statement(), contextAt(afterSeniorsSealed, '2023-06-24T09:05', system()))
      .thenError('STUDENT_NOT_IN_ROUND', 'R-ROUND-1');
    specify(portfolioDecider)()
      .when(statement(SENIORS), contextAt(afterSeniorsSealed, '2023-06-24T09:05', system()))
      .thenError('STUDENT_NOT_IN_ROUND', 'R-ROUND-1');
  });
});
