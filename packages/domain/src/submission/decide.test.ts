import {
  foldEvents,
  portfolioDecider,
  receiptKey,
  submissionDecider,
  type Actor,
  type ReceiptCategory,
  type SchoolState,
  type SubmissionCommand,
  type SubmissionContext,
  type SubmissionEvent,
} from '@licheng/domain';
import {
  admin,
  at,
  contextAt,
  pdf,
  portfolioCommand,
  portfolioEvent,
  schoolEvent,
  schoolFixture,
  specify,
  student,
  submitter,
  system,
  teacher,
} from '../testing';

/**
 * Submission to the central database (R-SUB-1..3). One stream per (school, category, period). The fixture's
 * submission window for every category is 2023-04-13 17:00 until 2023-04-14 08:00; sub1 is in role group
 * g-submit holding S0205S..S0208S and S0218S.
 */

const { policy } = schoolFixture();
const given = specify(submissionDecider);

type Entry = { studentId: string; items: Array<{ itemId: string; title: string }> };
const ROSTER: Entry[] = [
  {
    studentId: 's1',
    items: [
      { itemId: 'o1', title: '函數報告' },
      { itemId: 'o2', title: '力學實驗' },
    ],
  },
  { studentId: 's2', items: [{ itemId: 'o7', title: '專題研究成果' }] },
];
const FIXED: Entry[] = [
  {
    studentId: 's1',
    items: [
      { itemId: 'o1', title: '函數報告' },
      { itemId: 'o2', title: '力學實驗（修正檔名）' },
    ],
  },
  { studentId: 's2', items: [{ itemId: 'o7', title: '專題研究成果' }] },
];

const submit = (
  fid: string,
  roster: Entry[] = ROSTER,
  category: ReceiptCategory = 'courseOutcomes',
  period = '1110',
): SubmissionCommand =>
  ({ type: 'SubmitRoster', data: { schoolId: 'sch1', category, period, fid, roster } }) as SubmissionCommand;
const result = (
  fid: string,
  outcome: 'accepted' | 'rejected',
  message: string,
  category: ReceiptCategory = 'courseOutcomes',
  period = '1110',
): SubmissionCommand =>
  ({
    type: 'RecordSubmissionResult',
    data: { schoolId: 'sch1', category, period, fid, result: outcome, message },
  }) as SubmissionCommand;

const submitted = (
  fid: string,
  roster: Entry[] = ROSTER,
  submitterId = 'sub1',
  category: ReceiptCategory = 'courseOutcomes',
  period = '1110',
) => ({ type: 'RosterSubmitted', data: { fid, category, period, roster, submitterId } }) as SubmissionEvent;
const rejected = (fid: string, message = '資料檢核錯誤：學生 s1 成果 o2 檔名重複') =>
  ({ type: 'SubmissionRejected', data: { fid, message } }) as SubmissionEvent;
const accepted = (fid: string, message = '檢核無誤，資料已匯入') =>
  ({ type: 'SubmissionAccepted', data: { fid, message } }) as SubmissionEvent;

/**
 * R-SUB-4: what s1 and s2 selected for school year 111: the items the rosters list, as outcomes and (under
 * the same ids, so one roster serves every category) as performances.
 */
const selected = (studentId: string, outcomes: ReadonlyArray<[string, string]>) =>
  foldEvents(portfolioDecider.evolve, portfolioDecider.initialState(), [
    ...outcomes.flatMap(([outcomeId, courseId]) => [
      portfolioEvent('CourseOutcomeUploaded', {
        studentId,
        outcomeId,
        courseId,
        description: outcomeId,
        document: pdf(`${outcomeId}.pdf`),
        term: courseId.slice(-4),
        subject: '數學',
      }),
      portfolioEvent('CourseOutcomeSentForCertification', { outcomeId }),
      portfolioEvent('CourseOutcomeCertified', { outcomeId, teacherId: 't1', result: 'passed' }),
      portfolioEvent('CourseOutcomeSelected', { outcomeId, schoolYear: 111 }),
    ]),
    ...outcomes.flatMap(([performanceId]) => [
      portfolioEvent('PerformanceRecorded', {
        studentId,
        performanceId,
        schoolYear: 111,
        semester: 1,
        details: { category: 'creativeWork', name: '校刊封面設計' },
        startDate: '2022-10-01',
        endDate: '2022-10-31',
        description: '校刊封面',
        document: pdf(`${performanceId}.pdf`),
      }),
      portfolioEvent('PerformanceSelected', { performanceId, schoolYear: 111 }),
    ]),
  ]);
const PORTFOLIOS = {
  s1: selected('s1', [
    ['o1', 'math-1111'],
    ['o2', 'phys-1111'],
  ]),
  s2: selected('s2', [['o7', 'math-1112']]),
};
const ctx = (now: string, actor: Actor = submitter('sub1'), p: SchoolState = policy): SubmissionContext => ({
  now: at(now),
  actor,
  policy: p,
  portfolios: PORTFOLIOS,
});

/** The fixture school with one more role group: `functionCodes`, with `userId` its only member. */
const withGroup = (userId: string, functionCodes: string[]) =>
  schoolFixture({
    extra: [
      schoolEvent('RoleGroupDefined', { groupId: 'g-other', name: '其他處室', functionCodes }),
      schoolEvent('RoleGroupMemberAdded', { groupId: 'g-other', userId }),
    ],
  }).policy;

/** The fixture school with one more role group holding `functionCodes` with the stated rights. */
const withGroupRights = (userId: string, functionCodes: string[], rights: unknown[]) =>
  schoolFixture({
    extra: [
      schoolEvent('RoleGroupDefined', { groupId: 'g-other', name: '其他處室', functionCodes, rights }),
      schoolEvent('RoleGroupMemberAdded', { groupId: 'g-other', userId }),
    ],
  }).policy;

describe('who submits (R-SUB-1)', () => {
  it('accepts a roster from a member of a role group holding the function, inside the window (R-SUB-1)', () => {
    given().when(submit('F1'), ctx('2023-04-13T17:00')).then(submitted('F1'));
  });

  it('refuses a submitter in no role group holding the function (R-SUB-1)', () => {
    given()
      .when(submit('F1'), ctx('2023-04-13T18:00', submitter('u9')))
      .thenError('NOT_A_SUBMITTER', 'R-SUB-1');
  });

  it.each<[string, Actor]>([
    ['a teacher', teacher('t1')],
    ['a student', student('s1')],
    ['the system', system()],
  ])('refuses %s submitting outcomes (R-SUB-1)', (_who, actor) => {
    given().when(submit('F1'), ctx('2023-04-13T18:00', actor)).thenError('NOT_A_SUBMITTER', 'R-SUB-1');
  });

  it('refuses a member whose group holds only the read-only views S0205S and S0206S (R-SUB-1)', () => {
    const viewOnly = withGroup('u9', ['S0205S', 'S0206S']);
    given()
      .when(submit('F1'), ctx('2023-04-13T18:00', submitter('u9'), viewOnly))
      .thenError('NOT_A_SUBMITTER', 'R-SUB-1');
    given()
      .when(submit('F1', ROSTER, 'performances'), ctx('2023-04-13T18:00', submitter('u9'), viewOnly))
      .thenError('NOT_A_SUBMITTER', 'R-SUB-1');
  });

  it(
    'matches the function to the category: a cadre submitter (S0218S) submits cadre records, not outcomes or ' +
      'performances (R-SUB-1)',
    () => {
      const cadreOnly = withGroup('u9', ['S0218S']);
      const cadreRoster: Entry[] = [{ studentId: 's1', items: [{ itemId: 'cadre-1', title: '班長' }] }];
      given()
        .when(submit('F1', cadreRoster, 'cadreRecords', '1112'), ctx('2023-04-13T18:00', submitter('u9'), cadreOnly))
        .thenSucceeds();
      given()
        .when(submit('F1', ROSTER, 'courseOutcomes', '1110'), ctx('2023-04-13T18:00', submitter('u9'), cadreOnly))
        .thenError('NOT_A_SUBMITTER', 'R-SUB-1');
      given()
        .when(submit('F1', ROSTER, 'performances', '1110'), ctx('2023-04-13T18:00', submitter('u9'), cadreOnly))
        .thenError('NOT_A_SUBMITTER', 'R-SUB-1');
    },
  );

  it('lets sub1 submit every category its group holds a function for (R-SUB-1)', () => {
    given()
      .when(submit('F1', ROSTER, 'performances', '1110'), ctx('2023-04-13T18:00'))
      .thenSucceeds();
    given()
      .when(submit('F1', ROSTER, 'cadreRecords', '1112'), ctx('2023-04-13T18:00'))
      .thenSucceeds();
  });

  it(
    "takes course records, for which no function code exists, from the school's records system and the " +
      'administrator only (R-SUB-1)',
    () => {
      // 003 §2: 修課資料 are synced from the records system; 3.10 學校查詢接受紀錄 lists what it sent.
      given()
        .when(submit('F1', ROSTER, 'courseRecords', '1112'), ctx('2023-04-13T18:00', system()))
        .then(submitted('F1', ROSTER, 'system', 'courseRecords', '1112'));
      given()
        .when(submit('F1', ROSTER, 'courseRecords', '1112'), ctx('2023-04-13T18:00', admin()))
        .thenSucceeds();
      given()
        .when(submit('F1', ROSTER, 'courseRecords', '1112'), ctx('2023-04-13T18:00'))
        .thenError('NOT_A_SUBMITTER', 'R-SUB-1');
    },
  );

  it(
    'lets the administrator submit every category without a role group: 003 3.6, 3.9 and 3.14 are 校管理者 ' +
      'functions (R-SUB-1, R-AUTH-5)',
    () => {
      given()
        .when(submit('F1'), ctx('2023-04-13T18:00', admin('admin2')))
        .then(submitted('F1', ROSTER, 'admin2'));
      given()
        .when(submit('F1', ROSTER, 'performances', '1110'), ctx('2023-04-13T18:00', admin('admin2')))
        .thenSucceeds();
      given()
        .when(
          submit('F1', [{ studentId: 's1', items: [{ itemId: 'cadre-1', title: '班長' }] }], 'cadreRecords', '1112'),
          ctx('2023-04-13T18:00', admin('admin2')),
        )
        .thenSucceeds();
    },
  );

  it(
    'refuses a submitter whose group is not in use (是否使用=否), or who was removed from it (R-SUB-1, ' + 'R-AUTH-5)',
    () => {
      const notInUse = schoolFixture({
        extra: [
          schoolEvent('RoleGroupDefined', {
            groupId: 'g-submit',
            name: '註冊組',
            functionCodes: ['S0205S', 'S0206S', 'S0207S', 'S0208S', 'S0218S'],
            inUse: false,
          }),
        ],
      }).policy;
      const removed = schoolFixture({
        extra: [schoolEvent('RoleGroupMemberRemoved', { groupId: 'g-submit', userId: 'sub1' })],
      }).policy;
      given()
        .when(submit('F1'), ctx('2023-04-13T18:00', submitter('sub1'), notInUse))
        .thenError('NOT_A_SUBMITTER', 'R-SUB-1');
      given()
        .when(submit('F1'), ctx('2023-04-13T18:00', submitter('sub1'), removed))
        .thenError('NOT_A_SUBMITTER', 'R-SUB-1');
    },
  );

  it('refuses a member whose group holds S0207S without the 新增 right (R-SUB-1, R-AUTH-5)', () => {
    const noAdd = withGroupRights('u9', ['S0207S'], [{ code: 'S0207S', add: false, change: true, delete: true }]);
    given()
      .when(submit('F1'), ctx('2023-04-13T18:00', submitter('u9'), noAdd))
      .thenError('NOT_A_SUBMITTER', 'R-SUB-1');
  });

  it('refuses an empty roster, and a student not enrolled at the school (R-SUB-1)', () => {
    given().when(submit('F1', []), ctx('2023-04-13T18:00')).thenError('EMPTY_ROSTER', 'R-SUB-1');
    given()
      .when(submit('F1', [{ studentId: 's9', items: [{ itemId: 'o1', title: '函數報告' }] }]), ctx('2023-04-13T18:00'))
      .thenError('STUDENT_NOT_ENROLLED');
  });

  it('refuses a period of the wrong kind for the category (R-REC-1)', () => {
    given()
      .when(submit('F1', ROSTER, 'courseOutcomes', '1112'), ctx('2023-04-13T18:00'))
      .thenError('SUBMISSION_PERIOD_MISMATCH', 'R-REC-1');
  });
});

describe('the submission deadline (R-SUB-1)', () => {
  it('accepts a roster in the last minute before the deadline, 2023-04-14 07:59 (R-SUB-1)', () => {
    given().when(submit('F1'), ctx('2023-04-14T07:59')).then(submitted('F1'));
  });

  it('refuses a roster at the deadline, 2023-04-14 08:00, naming the window (R-SUB-1, R-TIME-2)', () => {
    const error = given().when(submit('F1'), ctx('2023-04-14T08:00')).thenError('OUTSIDE_WORK_PERIOD', 'R-SUB-1');
    expect(error.message.en).toContain('2023-04-14T08:00');
    expect(error.message['zh-TW']).toContain('2023-04-14T08:00');
  });

  it('refuses a roster before the window opens (R-SUB-1)', () => {
    given().when(submit('F1'), ctx('2023-04-13T16:59')).thenError('OUTSIDE_WORK_PERIOD', 'R-SUB-1');
  });

  it('refuses a roster for a period with no submission window set (R-SUB-1)', () => {
    given()
      .when(submit('F1', ROSTER, 'courseOutcomes', '1100'), ctx('2023-04-13T18:00'))
      .thenError('WORK_PERIOD_NOT_SET', 'R-SUB-1');
  });

  it(
    'refuses fixing a rejected roster after the deadline: only an accepted submission may be corrected later ' +
      '(R-SUB-1, R-SUB-2)',
    () => {
      given(submitted('F1'), rejected('F1'))
        .when(submit('F2', FIXED), ctx('2023-04-14T08:00'))
        .thenError('OUTSIDE_WORK_PERIOD', 'R-SUB-1');
    },
  );
});

describe('attempts and their results (R-SUB-2)', () => {
  it('ends an attempt as rejected with the central database’s validation message (R-SUB-2)', () => {
    given(submitted('F1'))
      .when(result('F1', 'rejected', '資料檢核錯誤：學生 s1 成果 o2 檔名重複'), ctx('2023-04-13T17:30'))
      .then(rejected('F1'));
  });

  it('ends an attempt as accepted (檢核無誤，資料已匯入) (R-SUB-2)', () => {
    given(submitted('F1'))
      .when(result('F1', 'accepted', '檢核無誤，資料已匯入'), ctx('2023-04-13T17:30'))
      .then(accepted('F1'));
  });

  it('lets the system record the result the central database returned (R-SUB-2)', () => {
    given(submitted('F1'))
      .when(result('F1', 'accepted', '檢核無誤，資料已匯入'), ctx('2023-04-13T17:30', system()))
      .then(accepted('F1'));
  });

  it('refuses a teacher recording a result (R-SUB-1)', () => {
    given(submitted('F1'))
      .when(result('F1', 'accepted', '檢核無誤，資料已匯入'), ctx('2023-04-13T17:30', teacher('t1')))
      .thenError('NOT_A_SUBMITTER', 'R-SUB-1');
  });

  it('refuses a result for an FID never submitted, and a second result for the same attempt (R-SUB-2)', () => {
    given()
      .when(result('F9', 'accepted', '檢核無誤，資料已匯入'), ctx('2023-04-13T17:30'))
      .thenError('UNKNOWN_FID', 'R-SUB-2');
    given(submitted('F1'), rejected('F1'))
      .when(result('F1', 'accepted', '檢核無誤，資料已匯入'), ctx('2023-04-13T17:30'))
      .thenError('SUBMISSION_RESULT_ALREADY_RECORDED', 'R-SUB-2');
  });

  it('refuses reusing an FID: every attempt has its own (R-SUB-2)', () => {
    given(submitted('F1'), rejected('F1'))
      .when(submit('F1', FIXED), ctx('2023-04-13T19:00'))
      .thenError('FID_ALREADY_USED', 'R-SUB-2');
  });

  it(
    'accepts a rejected roster fixed and submitted again under a new FID, then accepted, keeping every attempt ' +
      '(R-SUB-2)',
    () => {
      let history: SubmissionEvent[] = [];
      const run = (command: SubmissionCommand, context: SubmissionContext) => {
        history = [
          ...history,
          ...given(...history)
            .when(command, context)
            .thenSucceeds().events,
        ];
      };
      run(submit('F1'), ctx('2023-04-13T17:10'));
      run(result('F1', 'rejected', '資料檢核錯誤：學生 s1 成果 o2 檔名重複'), ctx('2023-04-13T17:20', system()));
      run(submit('F2', FIXED), ctx('2023-04-13T19:00'));
      run(result('F2', 'accepted', '檢核無誤，資料已匯入'), ctx('2023-04-13T19:10', system()));

      expect(history).toEqual([submitted('F1'), rejected('F1'), submitted('F2', FIXED), accepted('F2')]);
      const { state } = given(...history);
      expect(state.attempts).toEqual({
        F1: {
          fid: 'F1',
          submitterId: 'sub1',
          roster: ROSTER,
          status: 'rejected',
          message: '資料檢核錯誤：學生 s1 成果 o2 檔名重複',
        },
        F2: { fid: 'F2', submitterId: 'sub1', roster: FIXED, status: 'accepted', message: '檢核無誤，資料已匯入' },
      });
      expect(state.acceptedFids).toEqual(['F2']);
    },
  );

  it(
    'accepts a corrected resubmission after an accepted one, past the deadline, as the school does on 4/18–4/19 ' +
      '(R-SUB-2, R-REC-4)',
    () => {
      given(submitted('F1'), accepted('F1'))
        .when(submit('F2', FIXED), ctx('2023-04-19T10:00'))
        .then(submitted('F2', FIXED));
      const { state } = given(submitted('F1'), accepted('F1'), submitted('F2', FIXED), accepted('F2'));
      expect(state.acceptedFids).toEqual(['F1', 'F2']);
      expect(Object.keys(state.attempts)).toEqual(['F1', 'F2']);
    },
  );
});

describe('what an accepted submission holds for a student (R-SUB-3)', () => {
  it('refuses a roster naming a student twice: each student has one statement (R-SUB-3)', () => {
    const twice: Entry[] = [...ROSTER, { studentId: 's1', items: [{ itemId: 'o3', title: '另一件' }] }];
    given().when(submit('F1', twice), ctx('2023-04-13T18:00')).thenError('DUPLICATE_ROSTER_ENTRY', 'R-SUB-3');
  });

  it("makes each student's entry of the accepted attempt that student's receipt statement (R-SUB-3)", () => {
    const { state } = given(submitted('F1'), rejected('F1'), submitted('F2', FIXED), accepted('F2'));
    const fid = state.acceptedFids.at(-1)!;
    const entry = state.attempts[fid]!.roster.find((e) => e.studentId === 's1')!;
    const statement = portfolioCommand('IssueReceiptStatement', {
      schoolId: 'sch1',
      studentId: 's1',
      category: 'courseOutcomes',
      period: '1110',
      fid,
      items: entry.items,
    });
    const { state: portfolio } = specify(portfolioDecider)()
      .when(statement, contextAt(policy, '2023-04-13T19:11', system()))
      .thenSucceeds();
    expect(portfolio.receipts[receiptKey('courseOutcomes', '1110')]).toMatchObject({
      fid: 'F2',
      items: FIXED[0]!.items,
      answer: null,
    });
  });
});
