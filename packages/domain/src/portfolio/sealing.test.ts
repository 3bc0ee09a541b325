import {
  foldEvents,
  portfolioDecider,
  schoolDecider,
  submissionDecider,
  type Actor,
  type PortfolioCommand,
  type PortfolioEvent,
  type ReceiptCategory,
  type SchoolEvent,
  type SchoolState,
  type SubmissionCommand,
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
 * R-SEAL-2: once a category's period is sealed, no command that would change its data is accepted, whoever
 * sends it. Each case runs twice: against the school before the seal (accepted, or refused for another reason)
 * and after the system sealed it on 2023-04-21 (PERIOD_SEALED). Upload and selection windows were extended
 * into June (R-WIN-3) so that, for those commands, the seal is the only thing in the way.
 */

const window = (start: string, end: string) => ({ start: `${start}+08:00`, end: `${end}+08:00` });
const extensions: SchoolEvent[] = [
  schoolEvent('WorkPeriodSet', {
    term: '1110',
    item: 'performanceUpload',
    window: window('2022-08-01T08:00', '2023-06-30T17:00'),
  }),
  schoolEvent('WorkPeriodSet', {
    term: '1112',
    item: 'outcomeUpload',
    window: window('2023-02-13T08:00', '2023-06-30T17:00'),
  }),
  schoolEvent('WorkPeriodSet', {
    term: '1110',
    item: 'performanceSelection',
    window: window('2023-04-11T08:00', '2023-06-30T17:00'),
  }),
  schoolEvent('WorkPeriodSet', {
    term: '1110',
    item: 'outcomeSelection',
    window: window('2023-04-11T08:00', '2023-06-30T17:00'),
  }),
  schoolEvent('PlanApprovalOrderSet', { stages: [{ kind: 'homeroom' }] }),
];
const { events: schoolEvents } = schoolFixture({ extra: extensions });
const open: SchoolState = foldEvents(schoolDecider.evolve, schoolDecider.initialState(), schoolEvents);

/** The school after the system sealed one category's period on 2023-04-21, through the school decider. */
const sealedBy = (category: ReceiptCategory, period: string): SchoolState =>
  specify(schoolDecider)(...schoolEvents)
    .when({ type: 'SealPeriod', data: { schoolId: 'sch1', category, period, digest: null } } as never, {
      now: at('2023-04-21T09:00'),
      actor: system(),
    })
    .thenSucceeds().state;

const NOW = '2023-04-22T09:00';
const given = specify(portfolioDecider);

const content = {
  details: { category: 'creativeWork', name: '校刊封面設計' },
  startDate: '2022-10-01',
  endDate: '2022-10-31',
  description: '校刊封面',
  document: pdf('cover.pdf'),
};
const history: PortfolioEvent[] = [
  portfolioEvent('CourseOutcomeUploaded', {
    studentId: 's1',
    outcomeId: 'o1',
    courseId: 'math-1112',
    description: '機率報告',
    document: pdf('o1.pdf'),
    term: '1112',
    subject: '數學',
  }),
  portfolioEvent('CourseOutcomeUploaded', {
    studentId: 's1',
    outcomeId: 'o2',
    courseId: 'math-1111',
    description: '函數報告',
    document: pdf('o2.pdf'),
    term: '1111',
    subject: '數學',
  }),
  portfolioEvent('CourseOutcomeSentForCertification', { outcomeId: 'o2' }),
  portfolioEvent('CourseOutcomeCertified', { outcomeId: 'o2', teacherId: 't1', result: 'passed' }),
  portfolioEvent('PerformanceRecorded', {
    studentId: 's1',
    performanceId: 'p1',
    schoolYear: 111,
    semester: 1,
    ...content,
  }),
  portfolioEvent('PerformanceRecorded', {
    studentId: 's1',
    performanceId: 'p2',
    schoolYear: 111,
    semester: 2,
    ...content,
  }),
  portfolioEvent('ReceiptStatementIssued', {
    studentId: 's1',
    category: 'performances',
    period: '1110',
    fid: 'F1',
    items: [{ itemId: 'p1', title: '校刊封面設計' }],
  }),
  portfolioEvent('ReceiptStatementIssued', {
    studentId: 's1',
    category: 'courseOutcomes',
    period: '1110',
    fid: 'F1',
    items: [{ itemId: 'o2', title: '函數報告' }],
  }),
];

const ref = { schoolId: 'sch1', studentId: 's1' };
const receipt = (category: ReceiptCategory, period: string) => ({ ...ref, category, period });

type Case = [string, ReceiptCategory, string, PortfolioCommand, Actor, ReadonlyArray<PortfolioEvent>];
const CASES: Case[] = [
  [
    'uploading an outcome in a sealed year',
    'courseOutcomes',
    '1110',
    portfolioCommand('UploadCourseOutcome', {
      ...ref,
      outcomeId: 'o3',
      courseId: 'phys-1112',
      description: '光學實驗',
      document: pdf('o3.pdf'),
    }),
    student('s1'),
    [],
  ],
  [
    'editing a draft outcome',
    'courseOutcomes',
    '1110',
    portfolioCommand('EditCourseOutcome', {
      ...ref,
      outcomeId: 'o1',
      description: '機率報告（修正）',
      document: pdf('o1b.pdf'),
    }),
    student('s1'),
    [],
  ],
  [
    'selecting a passed outcome',
    'courseOutcomes',
    '1110',
    portfolioCommand('SelectCourseOutcome', { ...ref, outcomeId: 'o2' }),
    student('s1'),
    [],
  ],
  [
    'recording a performance in a sealed year',
    'performances',
    '1110',
    portfolioCommand('RecordPerformance', { ...ref, performanceId: 'p3', schoolYear: 111, semester: 2, ...content }),
    student('s1'),
    [],
  ],
  [
    'editing a performance not yet submitted',
    'performances',
    '1110',
    portfolioCommand('EditPerformance', { ...ref, performanceId: 'p2', ...content, description: '校刊封面（修改）' }),
    student('s1'),
    [],
  ],
  [
    'deleting a performance not yet submitted',
    'performances',
    '1110',
    portfolioCommand('DeletePerformance', { ...ref, performanceId: 'p2' }),
    student('s1'),
    [],
  ],
  [
    'selecting a performance',
    'performances',
    '1110',
    portfolioCommand('SelectPerformance', { ...ref, performanceId: 'p2' }),
    student('s1'),
    [],
  ],
  [
    'issuing a new statement',
    'performances',
    '1110',
    portfolioCommand('IssueReceiptStatement', {
      ...receipt('performances', '1110'),
      fid: 'F2',
      items: [{ itemId: 'p1', title: '校刊封面設計' }],
    }),
    system(),
    [],
  ],
  [
    'deeming an unanswered receipt correct',
    'performances',
    '1110',
    portfolioCommand('DeemReceiptCorrect', receipt('performances', '1110')),
    system(),
    [],
  ],
  [
    'syncing a cadre record of a sealed term',
    'cadreRecords',
    '1112',
    portfolioCommand('SyncCadreRecord', {
      schoolId: 'sch1',
      studentId: 's1',
      performanceId: 'c1',
      schoolYear: 111,
      semester: 2,
      unit: '三年一班',
      position: '班長',
      level: '班級',
      startDate: '2023-02-13',
      endDate: '2023-06-30',
    }),
    admin(),
    [],
  ],
];

describe('commands on a sealed category and period (R-SEAL-2)', () => {
  it.each(CASES)(
    'refuses %s once %s %s is sealed, and accepts it before (PERIOD_SEALED, R-SEAL-2)',
    (_what, category, period, command, actor, extra) => {
      given(...history, ...extra)
        .when(command, contextAt(open, NOW, actor))
        .thenSucceeds();
      given(...history, ...extra)
        .when(command, contextAt(sealedBy(category, period), NOW, actor))
        .thenError('PERIOD_SEALED', 'R-SEAL-2');
    },
  );

  it.each<[string, PortfolioCommand]>([
    ['a confirmation', portfolioCommand('ConfirmReceipt', receipt('performances', '1110'))],
    [
      'an error report',
      portfolioCommand('ReportReceiptError', {
        ...receipt('performances', '1110'),
        problems: [{ kind: 'missing', reason: '少了競賽紀錄' }],
      }),
    ],
  ])('refuses %s once sealed, naming the seal rather than the window (PERIOD_SEALED, R-SEAL-2)', (_what, command) => {
    given(...history)
      .when(command, contextAt(sealedBy('performances', '1110'), NOW, student('s1')))
      .thenError('PERIOD_SEALED', 'R-SEAL-2');
  });

  it("refuses the school's review of a report once sealed (PERIOD_SEALED, R-SEAL-2)", () => {
    const reportedHistory = [
      ...history,
      portfolioEvent('ReceiptErrorReported', {
        category: 'performances',
        period: '1110',
        stage: 'first',
        problems: [{ kind: 'missing', reason: '少了競賽紀錄' }],
      }),
    ];
    given(...reportedHistory)
      .when(
        portfolioCommand('RecordReceiptReview', { ...receipt('performances', '1110'), finding: 'corrected' }),
        contextAt(sealedBy('performances', '1110'), NOW, admin()),
      )
      .thenError('PERIOD_SEALED', 'R-SEAL-2');
  });

  it(
    "refuses a change whoever sends it: the school's records system syncing a cadre record is refused like the " +
      'administrator (R-SEAL-2)',
    () => {
      const sync = portfolioCommand('SyncCadreRecord', {
        schoolId: 'sch1',
        studentId: 's1',
        performanceId: 'c1',
        schoolYear: 111,
        semester: 2,
        unit: '學生會',
        position: '會長',
        level: '校級',
        startDate: '2023-02-13',
        endDate: '2023-06-30',
      });
      given(...history)
        .when(sync, contextAt(open, NOW, system()))
        .thenSucceeds();
      given(...history)
        .when(sync, contextAt(sealedBy('cadreRecords', '1112'), NOW, system()))
        .thenError('PERIOD_SEALED', 'R-SEAL-2');
      given(...history)
        .when(sync, contextAt(sealedBy('performances', '1110'), NOW, system()))
        .thenError('PERIOD_SEALED', 'R-SEAL-2');
    },
  );

  it(
    'leaves other categories and periods alone: sealing course records 1112 does not stop a performance edit ' +
      '(R-SEAL-2)',
    () => {
      given(...history)
        .when(
          portfolioCommand('EditPerformance', {
            ...ref,
            performanceId: 'p2',
            ...content,
            description: '校刊封面（修改）',
          }),
          contextAt(sealedBy('courseRecords', '1112'), NOW, student('s1')),
        )
        .thenSucceeds();
      given(...history)
        .when(
          portfolioCommand('DeemReceiptCorrect', receipt('courseOutcomes', '1110')),
          contextAt(sealedBy('performances', '1110'), NOW, system()),
        )
        .thenSucceeds();
    },
  );

  it(
    'refuses the final approval of a learning plan that would record a 自主學習 performance in a sealed year ' +
      '(R-SEAL-2, R-PLAN-1)',
    () => {
      const plan = portfolioEvent('LearningPlanSubmitted', {
        studentId: 's1',
        planId: 'plan1',
        schoolYear: 111,
        semester: 2,
        title: '機器學習入門',
        description: '每週閱讀與實作',
        periodsPerWeek: 2,
        weeks: 18,
        startDate: '2023-02-20',
        endDate: '2023-06-30',
        stages: [{ kind: 'homeroom' }],
      });
      const pass = portfolioCommand('ReviewLearningPlan', { ...ref, planId: 'plan1', decision: 'pass' });
      given(...history, plan)
        .when(pass, contextAt(open, NOW, teacher('t-home')))
        .thenSucceeds();
      given(...history, plan)
        .when(pass, contextAt(sealedBy('performances', '1110'), NOW, teacher('t-home')))
        .thenError('PERIOD_SEALED', 'R-SEAL-2');
    },
  );
});

describe('submissions of a sealed category and period (R-SEAL-2)', () => {
  const givenSubmission = specify(submissionDecider);
  const roster = [{ studentId: 's1', items: [{ itemId: 'p1', title: '校刊封面設計' }] }];
  const acceptedF1: SubmissionEvent[] = [
    {
      type: 'RosterSubmitted',
      data: { fid: 'F1', category: 'performances', period: '1110', roster, submitterId: 'sub1' },
    } as SubmissionEvent,
    { type: 'SubmissionAccepted', data: { fid: 'F1', message: '檢核無誤，資料已匯入' } } as SubmissionEvent,
  ];
  const resubmit = {
    type: 'SubmitRoster',
    data: { schoolId: 'sch1', category: 'performances', period: '1110', fid: 'F2', roster },
  } as SubmissionCommand;
  // R-SUB-4: s1 selected p1, and the (extended) selection window closed on 6/30.
  const portfolios = {
    s1: foldEvents(portfolioDecider.evolve, portfolioDecider.initialState(), [
      ...history,
      portfolioEvent('PerformanceSelected', { performanceId: 'p1', schoolYear: 111 }),
    ]),
  };
  const LATER = at('2023-07-01T09:00');

  it('refuses a corrected resubmission once sealed, and accepts it before (PERIOD_SEALED, R-SEAL-2)', () => {
    givenSubmission(...acceptedF1)
      .when(resubmit, { now: LATER, actor: submitter('sub1'), policy: open, portfolios })
      .thenSucceeds();
    givenSubmission(...acceptedF1)
      .when(resubmit, { now: LATER, actor: submitter('sub1'), policy: sealedBy('performances', '1110'), portfolios })
      .thenError('PERIOD_SEALED', 'R-SEAL-2');
  });

  it('refuses recording the result of an attempt once sealed (PERIOD_SEALED, R-SEAL-2)', () => {
    const awaiting: SubmissionEvent[] = [
      ...acceptedF1,
      {
        type: 'RosterSubmitted',
        data: { fid: 'F2', category: 'performances', period: '1110', roster, submitterId: 'sub1' },
      } as SubmissionEvent,
    ];
    const record = {
      type: 'RecordSubmissionResult',
      data: {
        schoolId: 'sch1',
        category: 'performances',
        period: '1110',
        fid: 'F2',
        result: 'accepted',
        message: '檢核無誤，資料已匯入',
      },
    } as SubmissionCommand;
    givenSubmission(...awaiting)
      .when(record, { now: at(NOW), actor: system(), policy: open, portfolios: {} })
      .thenSucceeds();
    givenSubmission(...awaiting)
      .when(record, { now: at(NOW), actor: system(), policy: sealedBy('performances', '1110'), portfolios: {} })
      .thenError('PERIOD_SEALED', 'R-SEAL-2');
  });
});
