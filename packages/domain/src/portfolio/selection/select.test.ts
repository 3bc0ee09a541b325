import * as E from 'fp-ts/Either';
import { foldEvents, portfolioDecider, type PortfolioEvent, type PortfolioState } from '@licheng/domain';
import {
  contextAt,
  parent,
  pdf,
  portfolioCommand,
  portfolioEvent,
  schoolEvent,
  schoolFixture,
  specify,
  student,
} from '../../testing';

const given = specify(portfolioDecider);
const { policy } = schoolFixture();
const s1 = student('s1');
const IN_SELECTION = '2023-04-12T10:00';

const SUBJECT: Record<string, string> = {
  'math-1111': '數學',
  'phys-1111': '物理',
  'math-1112': '數學',
  'phys-1112': '物理',
  'proj-1112': '專題研究',
  'math-1101': '數學',
  'math-1102': '數學',
};
const uploaded = (outcomeId: string, courseId: string): PortfolioEvent =>
  portfolioEvent('CourseOutcomeUploaded', {
    studentId: 's1',
    outcomeId,
    courseId,
    term: courseId.slice(-4),
    subject: SUBJECT[courseId],
    description: '成果',
    document: pdf(),
  });
const sentEvent = (outcomeId: string) => portfolioEvent('CourseOutcomeSentForCertification', { outcomeId });
const passedOutcome = (outcomeId: string, courseId = 'math-1111'): PortfolioEvent[] => [
  uploaded(outcomeId, courseId),
  sentEvent(outcomeId),
  portfolioEvent('CourseOutcomeCertified', { outcomeId, teacherId: 't1', result: 'passed' }),
];
const outcomeSelected = (outcomeId: string, schoolYear = 111) =>
  portfolioEvent('CourseOutcomeSelected', { outcomeId, schoolYear });
const COURSES_111 = ['math-1111', 'phys-1111', 'math-1112', 'phys-1112', 'proj-1112'];
/** `n` passed outcomes of school year 111 across both semesters, the first `selected` of them selected. */
const passedOutcomes = (n: number, selected: number): PortfolioEvent[] => [
  ...Array.from({ length: n }, (_, i) => passedOutcome(`o${i + 1}`, COURSES_111[i % COURSES_111.length])).flat(),
  ...Array.from({ length: selected }, (_, i) => outcomeSelected(`o${i + 1}`)),
];

const CATEGORIES = [
  { category: 'creativeWork', name: '作品' },
  { category: 'serviceLearning', unit: '圖書館', name: '服務' },
  { category: 'other', name: '交流' },
  { category: 'groupActivity', kind: '社團', name: '天文社' },
  { category: 'certificate', code: '1100', name: '英檢', obtainedDate: '2022-12-01', scoreOrLevel: '中級' },
];
const recorded = (performanceId: string, i = 0, schoolYear = 111): PortfolioEvent =>
  portfolioEvent('PerformanceRecorded', {
    studentId: 's1',
    performanceId,
    schoolYear,
    semester: 1,
    details: CATEGORIES[i % CATEGORIES.length],
    startDate: `${schoolYear + 1911}-10-01`,
    endDate: `${schoolYear + 1911}-10-01`,
    description: '表現',
    document: pdf(),
  });
const performanceSelected = (performanceId: string, schoolYear = 111) =>
  portfolioEvent('PerformanceSelected', { performanceId, schoolYear });
const performances = (n: number, selected: number, schoolYear = 111, prefix = 'p'): PortfolioEvent[] => [
  ...Array.from({ length: n }, (_, i) => recorded(`${prefix}${i + 1}`, i, schoolYear)),
  ...Array.from({ length: selected }, (_, i) => performanceSelected(`${prefix}${i + 1}`, schoolYear)),
];

const ref = { schoolId: 'sch1', studentId: 's1' };
const selectOutcome = (outcomeId: string) => portfolioCommand('SelectCourseOutcome', { ...ref, outcomeId });
const deselectOutcome = (outcomeId: string) => portfolioCommand('DeselectCourseOutcome', { ...ref, outcomeId });
const selectPerformance = (performanceId: string) => portfolioCommand('SelectPerformance', { ...ref, performanceId });
const deselectPerformance = (performanceId: string) =>
  portfolioCommand('DeselectPerformance', { ...ref, performanceId });

describe('at most six passed outcomes per school year (R-SEL-1)', () => {
  it('accepts a sixth selection in one school year (R-SEL-1)', () => {
    given(...passedOutcomes(6, 5))
      .when(selectOutcome('o6'), contextAt(policy, IN_SELECTION, s1))
      .then(outcomeSelected('o6'));
  });

  it('refuses a seventh selection in one school year (R-SEL-1)', () => {
    const error = given(...passedOutcomes(7, 6))
      .when(selectOutcome('o7'), contextAt(policy, IN_SELECTION, s1))
      .thenError('SELECTION_CAP_REACHED', 'R-SEL-1');
    expect(error.details).toMatchObject({ kind: 'outcomes', limit: 6, actual: 6, schoolYear: 111 });
  });

  it('counts outcomes of both semesters of the year together (R-SEL-1)', () => {
    const events = passedOutcomes(7, 6);
    const terms = new Set(
      events
        .filter((e) => e.type === 'CourseOutcomeUploaded')
        .slice(0, 6)
        .map((e) => (e.type === 'CourseOutcomeUploaded' ? e.data.term : '')),
    );
    expect(terms).toEqual(new Set(['1111', '1112']));
    given(...events)
      .when(selectOutcome('o7'), contextAt(policy, IN_SELECTION, s1))
      .thenError('SELECTION_CAP_REACHED', 'R-SEL-1');
  });

  it("does not count another school year's selections (R-SEL-1)", () => {
    const lastYear = Array.from({ length: 6 }, (_, i) => [
      ...passedOutcome(`y${i}`, i % 2 ? 'math-1101' : 'math-1102'),
      outcomeSelected(`y${i}`, 110),
    ]).flat();
    given(...lastYear, ...passedOutcome('o1'))
      .when(selectOutcome('o1'), contextAt(policy, IN_SELECTION, s1))
      .thenSucceeds();
  });

  it('frees a place when an outcome is deselected (R-SEL-1, R-SEL-2)', () => {
    given(...passedOutcomes(7, 6), portfolioEvent('CourseOutcomeDeselected', { outcomeId: 'o2', schoolYear: 111 }))
      .when(selectOutcome('o7'), contextAt(policy, IN_SELECTION, s1))
      .thenSucceeds();
  });

  it('refuses selecting a draft outcome: only passed ones (R-SEL-1)', () => {
    given(uploaded('o1', 'math-1111'))
      .when(selectOutcome('o1'), contextAt(policy, IN_SELECTION, s1))
      .thenError('OUTCOME_NOT_PASSED', 'R-SEL-1');
  });

  it('refuses selecting a failed outcome (R-SEL-1)', () => {
    given(
      uploaded('o1', 'math-1111'),
      sentEvent('o1'),
      portfolioEvent('CourseOutcomeCertified', {
        outcomeId: 'o1',
        teacherId: 't1',
        result: 'failed',
        reason: '不完整',
      }),
    )
      .when(selectOutcome('o1'), contextAt(policy, IN_SELECTION, s1))
      .thenError('OUTCOME_NOT_PASSED', 'R-SEL-1');
  });

  it('refuses selecting an outcome still pending after the teacher window closed (R-OUT-11)', () => {
    given(uploaded('o1', 'math-1112'), sentEvent('o1'))
      .when(selectOutcome('o1'), contextAt(policy, IN_SELECTION, s1))
      .thenError('OUTCOME_NOT_PASSED', 'R-OUT-11');
  });

  it('refuses selecting an outcome not in the portfolio (R-SEL-1)', () => {
    given()
      .when(selectOutcome('o1'), contextAt(policy, IN_SELECTION, s1))
      .thenError('ITEM_NOT_FOUND', 'R-SEL-1');
  });
});

describe('at most ten performances per school year, all categories together (R-SEL-1)', () => {
  it('accepts a tenth performance selection (R-SEL-1)', () => {
    given(...performances(10, 9))
      .when(selectPerformance('p10'), contextAt(policy, IN_SELECTION, s1))
      .then(performanceSelected('p10'));
  });

  it('refuses an eleventh performance selection, whatever its category (R-SEL-1)', () => {
    const events = performances(11, 10);
    const categories = new Set(
      events.flatMap((e) => (e.type === 'PerformanceRecorded' ? [e.data.details.category] : [])),
    );
    expect(categories.size).toBe(CATEGORIES.length);
    const error = given(...events)
      .when(selectPerformance('p11'), contextAt(policy, IN_SELECTION, s1))
      .thenError('SELECTION_CAP_REACHED', 'R-SEL-1');
    expect(error.details).toMatchObject({ kind: 'performances', limit: 10, actual: 10 });
  });

  it("does not count another school year's performance selections (R-SEL-1)", () => {
    given(...performances(10, 10, 110, 'y'), ...performances(1, 0))
      .when(selectPerformance('p1'), contextAt(policy, IN_SELECTION, s1))
      .thenSucceeds();
  });

  it('keeps the outcome and performance caps apart (R-SEL-1)', () => {
    given(...passedOutcomes(6, 6), ...performances(1, 0))
      .when(selectPerformance('p1'), contextAt(policy, IN_SELECTION, s1))
      .thenSucceeds();
  });
});

describe('selecting only inside the selection window (R-SEL-2, R-TIME-2)', () => {
  const one = passedOutcome('o1');

  it('accepts a selection at 08:00 exactly, when the window opens (R-SEL-2, R-TIME-2)', () => {
    given(...one)
      .when(selectOutcome('o1'), contextAt(policy, '2023-04-11T08:00', s1))
      .thenSucceeds();
  });

  it('refuses a selection at 07:59 (R-SEL-2)', () => {
    given(...one)
      .when(selectOutcome('o1'), contextAt(policy, '2023-04-11T07:59', s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-SEL-2');
  });

  it('accepts a selection at 16:59 on the last day and refuses one at 17:00 (R-SEL-2, R-TIME-2)', () => {
    given(...one)
      .when(selectOutcome('o1'), contextAt(policy, '2023-04-13T16:59', s1))
      .thenSucceeds();
    given(...one)
      .when(selectOutcome('o1'), contextAt(policy, '2023-04-13T17:00', s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-SEL-2');
  });

  it('lets the student deselect inside the window (R-SEL-2)', () => {
    given(...one, outcomeSelected('o1'))
      .when(deselectOutcome('o1'), contextAt(policy, IN_SELECTION, s1))
      .then(portfolioEvent('CourseOutcomeDeselected', { outcomeId: 'o1', schoolYear: 111 }));
  });

  it('lets the student change their mind freely: select, deselect, select again (R-SEL-2)', () => {
    const ctx = contextAt(policy, IN_SELECTION, s1);
    const first = given(...one)
      .when(selectOutcome('o1'), ctx)
      .thenSucceeds();
    const second = given(...one, ...first.events)
      .when(deselectOutcome('o1'), ctx)
      .thenSucceeds();
    const third = given(...one, ...first.events, ...second.events)
      .when(selectOutcome('o1'), ctx)
      .thenSucceeds();
    expect(third.state.outcomes['o1']?.selected).toBe(true);
    const perf = given(recorded('p1'), performanceSelected('p1')).when(deselectPerformance('p1'), ctx).thenSucceeds();
    given(recorded('p1'), performanceSelected('p1'), ...perf.events)
      .when(selectPerformance('p1'), ctx)
      .thenSucceeds();
  });

  it('refuses selecting an outcome already selected (R-SEL-2)', () => {
    given(...one, outcomeSelected('o1'))
      .when(selectOutcome('o1'), contextAt(policy, IN_SELECTION, s1))
      .thenError('ALREADY_SELECTED', 'R-SEL-2');
  });

  it('refuses deselecting what is not selected (R-SEL-2)', () => {
    given(...one)
      .when(deselectOutcome('o1'), contextAt(policy, IN_SELECTION, s1))
      .thenError('NOT_SELECTED', 'R-SEL-2');
    given(recorded('p1'))
      .when(deselectPerformance('p1'), contextAt(policy, IN_SELECTION, s1))
      .thenError('NOT_SELECTED', 'R-SEL-2');
  });

  it('judges outcomes by the outcome selection window and performances by the performance one (R-SEL-2)', () => {
    const apart = schoolFixture({
      extra: [
        schoolEvent('WorkPeriodSet', {
          term: '1110',
          item: 'performanceSelection',
          window: { start: '2023-04-14T08:00+08:00', end: '2023-04-16T17:00+08:00' },
        }),
      ],
    }).policy;
    given(...one)
      .when(selectOutcome('o1'), contextAt(apart, IN_SELECTION, s1))
      .thenSucceeds();
    given(recorded('p1'))
      .when(selectPerformance('p1'), contextAt(apart, IN_SELECTION, s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-SEL-2');
    given(...one)
      .when(selectOutcome('o1'), contextAt(apart, '2023-04-15T10:00', s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-SEL-2');
    given(recorded('p1'))
      .when(selectPerformance('p1'), contextAt(apart, '2023-04-15T10:00', s1))
      .thenSucceeds();
  });

  it('refuses a selection when the school set no selection window for the year (R-SEL-2)', () => {
    const { ['1110:outcomeSelection']: _removed, ...workPeriods } = policy.workPeriods;
    given(...one)
      .when(selectOutcome('o1'), contextAt({ ...policy, workPeriods }, IN_SELECTION, s1))
      .thenError('WORK_PERIOD_NOT_SET', 'R-SEL-2');
  });

  it('uses the window of the school year the outcome belongs to (R-SEL-2)', () => {
    given(...passedOutcome('y1', 'math-1102'))
      .when(selectOutcome('y1'), contextAt(policy, IN_SELECTION, s1))
      .thenError('WORK_PERIOD_NOT_SET', 'R-SEL-2');
  });
});

describe('the selection is frozen when the window closes (R-SEL-3, R-WIN-4)', () => {
  const AFTER = '2023-04-13T17:00';
  const selectedOne = [
    ...passedOutcome('o1'),
    outcomeSelected('o1'),
    ...passedOutcome('o2', 'phys-1111'),
    recorded('p1'),
    performanceSelected('p1'),
    recorded('p2'),
  ];

  it('refuses deselecting an outcome after the window closed (R-SEL-3)', () => {
    given(...selectedOne)
      .when(deselectOutcome('o1'), contextAt(policy, AFTER, s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-SEL-2');
  });

  it('refuses selecting another outcome after the window closed (R-SEL-3, R-WIN-4)', () => {
    given(...selectedOne)
      .when(selectOutcome('o2'), contextAt(policy, AFTER, s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-SEL-2');
  });

  it('refuses deselecting or selecting a performance after the window closed (R-SEL-3, R-WIN-4)', () => {
    given(...selectedOne)
      .when(deselectPerformance('p1'), contextAt(policy, AFTER, s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-SEL-2');
    given(...selectedOne)
      .when(selectPerformance('p2'), contextAt(policy, '2023-07-01T10:00', s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-SEL-2');
  });

  it('keeps what was selected when the window closed: no command after it changes the selection (R-SEL-3)', () => {
    const selectedIn = (state: PortfolioState) => ({
      outcomes: Object.values(state.outcomes)
        .filter((o) => o.selected)
        .map((o) => o.outcomeId),
      performances: Object.values(state.performances)
        .filter((p) => p.selected)
        .map((p) => p.performanceId),
    });
    const attempts = [
      deselectOutcome('o1'),
      selectOutcome('o2'),
      deselectPerformance('p1'),
      selectPerformance('p2'),
      portfolioCommand('DeletePerformance', { ...ref, performanceId: 'p1' }),
      portfolioCommand('DeleteCourseOutcome', { ...ref, outcomeId: 'o1' }),
    ];
    // Every command the student could send after the close is decided by the library, and whatever it accepts is folded
    // in.
    let state = given(...selectedOne).state;
    const before = selectedIn(state);
    for (const command of attempts) {
      const decided = portfolioDecider.decide(command, state, contextAt(policy, AFTER, s1));
      if (E.isRight(decided)) state = foldEvents(portfolioDecider.evolve, state, decided.right);
    }
    expect(before).toEqual({ outcomes: ['o1'], performances: ['p1'] });
    expect(selectedIn(state)).toEqual(before);
  });
});

describe('who may select (R-AUTH-1)', () => {
  it('refuses a parent selecting for their child, and another student (R-AUTH-1)', () => {
    given(...passedOutcome('o1'))
      .when(selectOutcome('o1'), contextAt(policy, IN_SELECTION, parent('p1')))
      .thenError('ROLE_NOT_ALLOWED', 'R-AUTH-1');
    given(...passedOutcome('o1'))
      .when(selectOutcome('o1'), contextAt(policy, IN_SELECTION, student('s2')))
      .thenError('NOT_OWN_PORTFOLIO', 'R-AUTH-1');
    given(recorded('p1'))
      .when(selectPerformance('p1'), contextAt(policy, IN_SELECTION, parent('p1')))
      .thenError('ROLE_NOT_ALLOWED', 'R-AUTH-1');
  });
});
