import { foldEvents, portfolioDecider, submissionDecider, type SubmissionCommand } from '@licheng/domain';
import { admin, at, pdf, portfolioEvent, schoolEvent, schoolFixture, specify, submitter } from '../testing';

/**
 * R-SUB-4 / R-SEL-3: "學生勾選、學校提交" (seed 001): the school submits what each student selected when the
 * selection window closed (2023-04-13 17:00 in the fixture), nothing else and nothing less. A mismatch is
 * refused before the attempt reaches the central database, naming the student and the item.
 */
const { policy } = schoolFixture();
const s1 = foldEvents(portfolioDecider.evolve, portfolioDecider.initialState(), [
  ...['o1', 'o2', 'o3'].flatMap((outcomeId) => [
    portfolioEvent('CourseOutcomeUploaded', {
      studentId: 's1',
      outcomeId,
      courseId: 'math-1111',
      description: `${outcomeId} 報告`,
      document: pdf(`${outcomeId}.pdf`),
      term: '1111',
      subject: '數學',
    }),
    portfolioEvent('CourseOutcomeSentForCertification', { outcomeId }),
    portfolioEvent('CourseOutcomeCertified', { outcomeId, teacherId: 't1', result: 'passed' }),
  ]),
  portfolioEvent('CourseOutcomeSelected', { outcomeId: 'o1', schoolYear: 111 }),
  portfolioEvent('CourseOutcomeSelected', { outcomeId: 'o2', schoolYear: 111 }),
]);
const submit = (itemIds: string[], category = 'courseOutcomes', period = '1110') =>
  ({
    type: 'SubmitRoster',
    data: {
      schoolId: 'sch1',
      category,
      period,
      fid: 'F1',
      roster: [{ studentId: 's1', items: itemIds.map((itemId) => ({ itemId, title: `${itemId} 報告` })) }],
    },
  }) as SubmissionCommand;
const ctx = (now = '2023-04-13T18:00') => ({ now: at(now), actor: submitter('sub1'), policy, portfolios: { s1 } });
const given = specify(submissionDecider);

describe('a roster holds exactly what each student selected (R-SUB-4)', () => {
  it('accepts the selection as it stood when the window closed (R-SUB-4)', () => {
    given()
      .when(submit(['o2', 'o1']), ctx())
      .thenSucceeds();
  });

  it.each([
    ['an item the student did not select', ['o1', 'o2', 'o3'], 'o3', 'unselected'],
    ['an item the student does not have', ['o1', 'o2', 'o9'], 'o9', 'unknown'],
    ['a roster leaving out a selected item', ['o1'], 'o2', 'missing'],
  ])('refuses %s, naming student and item (ROSTER_NOT_AS_SELECTED, R-SUB-4)', (_what, itemIds, itemId, problem) => {
    const error = given().when(submit(itemIds), ctx()).thenError('ROSTER_NOT_AS_SELECTED', 'R-SUB-4');
    expect(error.details).toEqual({ studentId: 's1', itemId, problem });
    expect(error.message['zh-TW']).toContain(`學生 s1`);
    expect(error.message['zh-TW']).toContain(itemId);
    expect(error.message.en).toContain(itemId);
  });

  it('refuses a selected item named with files other than its own (R-SUB-4, R-REC-7)', () => {
    const files = (name: string) => ({ kind: 'selectedItem', files: [{ name, sha256: pdf(name).sha256 }] });
    const roster = (name: string) =>
      ({
        type: 'SubmitRoster',
        data: {
          schoolId: 'sch1',
          category: 'courseOutcomes',
          period: '1110',
          fid: 'F1',
          roster: [
            {
              studentId: 's1',
              items: [
                { itemId: 'o1', title: 'o1 報告', details: files(name) },
                { itemId: 'o2', title: 'o2 報告', details: files('o2.pdf') },
              ],
            },
          ],
        },
      }) as SubmissionCommand;
    given().when(roster('o1.pdf'), ctx()).thenSucceeds();
    const error = given().when(roster('other.pdf'), ctx()).thenError('ROSTER_NOT_AS_SELECTED', 'R-SUB-4');
    expect(error.details).toEqual({ studentId: 's1', itemId: 'o1', problem: 'files' });
  });

  it('refuses an outcome listed as a performance: the categories are selected apart (R-SUB-4)', () => {
    given()
      .when(submit(['o1'], 'performances'), ctx())
      .thenError('ROSTER_NOT_AS_SELECTED', 'R-SUB-4');
  });

  it(
    'refuses submitting a selection before its window closes: it is not yet what the student chose ' +
      '(SELECTION_NOT_CLOSED, R-SEL-3)',
    () => {
      const extended = schoolEvent('WorkPeriodSet', {
        term: '1110',
        item: 'outcomeSelection',
        window: { start: at('2023-04-11T08:00'), end: at('2023-04-14T07:00') },
      });
      const open = { ...ctx('2023-04-13T18:00'), policy: schoolFixture({ extra: [extended] }).policy };
      given()
        .when(submit(['o1', 'o2']), open)
        .thenError('SELECTION_NOT_CLOSED', 'R-SEL-3');
    },
  );

  it("leaves course records to the school's records system: no selection to match (R-SUB-4, R-SUB-1)", () => {
    given()
      .when(submit(['math-1112'], 'courseRecords', '1112'), { ...ctx(), actor: admin() })
      .thenSucceeds();
  });
});
