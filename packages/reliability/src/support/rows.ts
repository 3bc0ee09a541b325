import * as E from 'fp-ts/Either';
import {
  portfolioStreamName,
  submissionStreamName,
  type PortfolioEvent,
  type RuleId,
  type SchoolEvent,
  type SubmissionEvent,
} from '@licheng/domain';
import { portfolioAggregate, submissionAggregate, type ExecuteResult } from '@licheng/eventstore';
import { mp4, pdf, portfolioEvent, schoolEvent, seedEvents } from '@licheng/testing';
import { SCHOOL_ID, seededService, taipei, type Harness } from './harness';
import type { DomainError } from '@licheng/domain';

/**
 * Every command type (and, where who may act depends on the data, each variant) with a context in which
 * everything but authorization succeeds: the window is open, the item exists and is in the right state,
 * the period is not sealed. The authorization matrix runs each row once per actor; the fuzz test starts
 * from these commands; the prototype-key test sends each one with a poisoned `__proto__`.
 */

export type ColumnId =
  | 'ownStudent'
  | 'otherStudent'
  | 'parent'
  | 'courseTeacher'
  | 'otherTeacher'
  | 'homeroomTeacher'
  | 'admin'
  | 'submitter'
  | 'submitterNoCode'
  | 'groupMember'
  | 'system'
  | 'city';

type ActorRole = 'student' | 'parent' | 'teacher' | 'admin' | 'submitter' | 'system' | 'city';

export interface Column {
  readonly id: ColumnId;
  readonly label: string;
  readonly actor: { readonly id: string; readonly role: ActorRole; readonly schoolId?: string };
  readonly who: string;
}

/** The roles and relations of R-AUTH-1..5, R-OUT-7 and R-SUB-1, as actors of the fixture school. */
export const COLUMNS: ReadonlyArray<Column> = [
  {
    id: 'ownStudent',
    label: 'own student',
    actor: { id: 's1', role: 'student', schoolId: SCHOOL_ID },
    who: 's1, whose portfolio it is',
  },
  {
    id: 'otherStudent',
    label: 'other student',
    actor: { id: 's2', role: 'student', schoolId: SCHOOL_ID },
    who: 's2, a classmate',
  },
  { id: 'parent', label: 'parent', actor: { id: 'p1', role: 'parent', schoolId: SCHOOL_ID }, who: "p1, s1's parent" },
  {
    id: 'courseTeacher',
    label: 'course teacher',
    actor: { id: 't1', role: 'teacher', schoolId: SCHOOL_ID },
    who: 't1, who teaches the math course the outcome belongs to',
  },
  {
    id: 'otherTeacher',
    label: 'other teacher',
    actor: { id: 't2', role: 'teacher', schoolId: SCHOOL_ID },
    who: 't2, who teaches physics, not that course',
  },
  {
    id: 'homeroomTeacher',
    label: 'homeroom teacher',
    actor: { id: 't-home', role: 'teacher', schoolId: SCHOOL_ID },
    who: "t-home, homeroom teacher of s1's class",
  },
  {
    id: 'admin',
    label: 'admin',
    actor: { id: 'admin', role: 'admin', schoolId: SCHOOL_ID },
    who: 'the school administrator (in no role group)',
  },
  {
    id: 'submitter',
    label: 'submitter (function code)',
    actor: { id: 'sub1', role: 'submitter', schoolId: SCHOOL_ID },
    who: 'sub1, in role group g-submit holding S0205S–S0208S and S0218S',
  },
  {
    id: 'submitterNoCode',
    label: 'submitter (no code)',
    actor: { id: 'sub2', role: 'submitter', schoolId: SCHOOL_ID },
    who: 'sub2, in role group g-view holding only the view functions S0205S and S0206S',
  },
  {
    id: 'groupMember',
    label: 'group member (S0203S, S0209S, S0302S)',
    actor: { id: 'staff1', role: 'teacher', schoolId: SCHOOL_ID },
    who: 'staff1, a teacher in role group g-office (in use) holding S0203S, S0209S and S0302S with every right',
  },
  {
    id: 'system',
    label: 'system',
    actor: { id: 'system', role: 'system' },
    who: 'the platform itself (deadline runner, statement process, records sync)',
  },
  { id: 'city', label: 'city', actor: { id: 'taipei-doe', role: 'city' }, who: 'the Department of Education' },
];

export interface Refusal {
  readonly code: string;
  readonly rule: RuleId;
}

export interface Row {
  /** Unique; the command type, with the variant in brackets when there is one. */
  readonly label: string;
  readonly type: string;
  readonly aggregate: 'school' | 'portfolio' | 'submission';
  readonly now: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly school?: ReadonlyArray<SchoolEvent>;
  /** s1's portfolio before the command. */
  readonly portfolio?: ReadonlyArray<PortfolioEvent>;
  readonly submission?: {
    readonly category: string;
    readonly period: string;
    readonly events: ReadonlyArray<SubmissionEvent>;
  };
  /** Who may send it (RULES.md); everyone else is refused with `refusal`. */
  readonly allowed: ReadonlyArray<ColumnId>;
  /** The rule that grants the permission, for the document. */
  readonly basis: string;
  readonly refusal: (column: ColumnId) => Refusal;
}

const at = (text: string) => taipei(text);
const ref = { schoolId: SCHOOL_ID, studentId: 's1' };

// Refusals, by the rule that refuses.
const studentOnly = (column: ColumnId): Refusal =>
  column === 'otherStudent'
    ? { code: 'NOT_OWN_PORTFOLIO', rule: 'R-AUTH-1' }
    : { code: 'ROLE_NOT_ALLOWED', rule: 'R-AUTH-1' };
const adminOnly = (): Refusal => ({ code: 'NOT_SCHOOL_ADMINISTRATOR', rule: 'R-AUTH-3' });
const systemOnly = (): Refusal => ({ code: 'SYSTEM_ACTOR_ONLY', rule: 'R-AUTH-4' });
const roleNotAllowed = (rule: RuleId) => (): Refusal => ({ code: 'ROLE_NOT_ALLOWED', rule });
const notSubmitter = (): Refusal => ({ code: 'NOT_A_SUBMITTER', rule: 'R-SUB-1' });
const functionNotHeld = (): Refusal => ({ code: 'FUNCTION_NOT_HELD', rule: 'R-AUTH-5' });
/** A command of a module a role group may hold (R-AUTH-5): the administrator, or g-office's member. */
const groupFunction = (code: string): Partial<Row> => ({
  basis: `R-AUTH-3, R-AUTH-5 (${code})`,
  refusal: functionNotHeld,
});

// Histories of s1's portfolio.
const draft = portfolioEvent('CourseOutcomeUploaded', {
  studentId: 's1',
  outcomeId: 'o1',
  courseId: 'math-1111',
  term: '1111',
  subject: '數學',
  description: '數學報告',
  document: pdf('o1.pdf'),
});
const pending = [draft, portfolioEvent('CourseOutcomeSentForCertification', { outcomeId: 'o1' })];
const passed = [
  portfolioEvent('CourseOutcomeUploaded', {
    studentId: 's1',
    outcomeId: 'o2',
    courseId: 'math-1111',
    term: '1111',
    subject: '數學',
    description: '數學報告',
    document: pdf('o2.pdf'),
  }),
  portfolioEvent('CourseOutcomeSentForCertification', { outcomeId: 'o2' }),
  portfolioEvent('CourseOutcomeCertified', { outcomeId: 'o2', teacherId: 't1', result: 'passed' }),
];
const creativeWork = { category: 'creativeWork', name: '校刊封面設計' };
const performance = portfolioEvent('PerformanceRecorded', {
  studentId: 's1',
  performanceId: 'p1',
  schoolYear: 111,
  semester: 1,
  details: creativeWork,
  startDate: '2022-10-01',
  endDate: '2022-10-01',
  description: '作品',
  document: pdf('p1.pdf'),
});
const cadreSynced = {
  studentId: 's1',
  performanceId: 'c1',
  schoolYear: 111,
  semester: 1,
  unit: '普通三01班',
  position: '班長',
  level: '班級',
  startDate: '2022-08-30',
  endDate: '2023-01-20',
};
const cadre = portfolioEvent('CadreRecordSynced', cadreSynced);
const cadreReceipt = { category: 'cadreRecords', period: '1112' };
const statement = portfolioEvent('ReceiptStatementIssued', {
  studentId: 's1',
  ...cadreReceipt,
  fid: '57170',
  items: [{ itemId: 'cr-s1', title: '班級幹部 副衛生股長' }],
});
const homeroomOrder = schoolEvent('PlanApprovalOrderSet', { stages: [{ kind: 'homeroom' }] });
const plan = {
  planId: 'plan1',
  schoolYear: 111,
  semester: 1,
  title: '以 Python 分析空氣品質',
  description: '自主學習計畫',
  periodsPerWeek: 2,
  weeks: 9,
  startDate: '2022-09-05',
  endDate: '2022-12-30',
};
const roster = [{ studentId: 's1', items: [{ itemId: 'o2', title: '數學報告' }] }];

const SCHOOL_NOW = at('2022-09-15T10:00');
const UPLOAD_NOW = at('2022-10-01T10:00');
const SELECTION_NOW = at('2023-04-12T10:00');
const SUBMISSION_NOW = at('2023-04-13T18:00');
const CONFIRMATION_NOW = at('2023-04-15T10:00');

const school = (
  type: string,
  data: Record<string, unknown>,
  allowed: ReadonlyArray<ColumnId> = ['admin'],
  extra: Partial<Row> = {},
): Row => ({
  label: type,
  type,
  aggregate: 'school',
  now: SCHOOL_NOW,
  data: { schoolId: SCHOOL_ID, ...data },
  allowed,
  basis: allowed.includes('system') ? 'R-AUTH-3 (records from the school system)' : 'R-AUTH-3',
  refusal: adminOnly,
  ...extra,
});

const own = (
  type: string,
  now: string,
  data: Record<string, unknown>,
  portfolio: ReadonlyArray<PortfolioEvent> = [],
  extra: Partial<Row> = {},
): Row => ({
  label: type,
  type,
  aggregate: 'portfolio',
  now,
  data: { ...ref, ...data },
  portfolio,
  allowed: ['ownStudent'],
  basis: 'R-AUTH-1',
  refusal: studentOnly,
  ...extra,
});

/** R-SUB-4: a roster of outcomes or performances lists what s1 selected, so only who submits decides. */
const SELECTED: Readonly<Record<string, { roster: typeof roster; portfolio: PortfolioEvent[] }>> = {
  courseOutcomes: {
    roster,
    portfolio: [...passed, portfolioEvent('CourseOutcomeSelected', { outcomeId: 'o2', schoolYear: 111 })],
  },
  performances: {
    roster: [{ studentId: 's1', items: [{ itemId: 'p1', title: '作品' }] }],
    portfolio: [performance, portfolioEvent('PerformanceSelected', { performanceId: 'p1', schoolYear: 111 })],
  },
};

const submit = (category: string, period: string, allowed: ReadonlyArray<ColumnId>, basis: string): Row => ({
  label: `SubmitRoster (${category})`,
  type: 'SubmitRoster',
  aggregate: 'submission',
  now: SUBMISSION_NOW,
  ...(SELECTED[category] ? { portfolio: SELECTED[category].portfolio } : {}),
  data: { schoolId: SCHOOL_ID, category, period, fid: 'F-1', roster: SELECTED[category]?.roster ?? roster },
  allowed,
  basis,
  refusal: notSubmitter,
});

export const ROWS: ReadonlyArray<Row> = [
  // The school stream (R-AUTH-3, R-WIN-1, R-AUTH-4).
  school('RegisterSchool', { schoolId: 'sch2', name: '臺北市立新設高中' }),
  // R-WIN-1: the city's own period. Refusing it with NOT_SCHOOL_ADMINISTRATOR would tell the administrator
  // that only the administrator may send it; the refusal must name the city's rule.
  school(
    'SetOperatingPeriod',
    { schoolYear: 112, item: 'outcomes', window: { start: at('2023-08-01T00:00'), end: at('2024-10-31T00:00') } },
    ['city'],
    {
      basis: 'R-WIN-1',
      refusal: roleNotAllowed('R-WIN-1'),
    },
  ),
  school(
    'SetWorkPeriod',
    { term: '1112', item: 'outcomeUpload', window: { start: at('2023-02-13T08:00'), end: at('2023-04-07T17:00') } },
    ['admin', 'groupMember'],
    groupFunction('S0203S'),
  ),
  school(
    'SetParameter',
    { parameter: 'outcomePerSubjectQuota', value: 4, effectiveFromSchoolYear: 112 },
    ['admin', 'groupMember'],
    groupFunction('S0203S'),
  ),
  school('RegisterTeacher', { teacherId: 't-new', name: '謝庭豐' }, ['admin', 'system']),
  school('RegisterClass', { classId: 'c302', schoolYear: 111, name: '普通三02班', homeroomTeacherId: 't7' }, [
    'admin',
    'system',
  ]),
  school('EnrollStudent', { studentId: 's9', studentNumber: '1110099', name: '新同學', entrySchoolYear: 111 }, [
    'admin',
    'system',
  ]),
  school('PlaceStudent', { studentId: 's2', schoolYear: 112, classId: 'c301', seatNumber: 5 }, ['admin', 'system']),
  school(
    'OpenCourse',
    { courseId: 'chem-1112', term: '1112', subject: '化學', name: '化學 1112', credits: 2, teacherIds: ['t7'] },
    ['admin', 'system'],
  ),
  school('MarkCourseReviewer', { courseId: 'proj-1112', teacherId: 't4' }, ['admin', 'groupMember'], {
    ...groupFunction('S0209S'),
    school: [schoolEvent('CourseReviewerUnmarked', { courseId: 'proj-1112', teacherId: 't4' })],
  }),
  school(
    'UnmarkCourseReviewer',
    { courseId: 'proj-1112', teacherId: 't4' },
    ['admin', 'groupMember'],
    groupFunction('S0209S'),
  ),
  school('AppointCertificationProxy', { courseId: 'math-1111', teacherId: 't7' }, ['admin'], {
    basis: 'R-AUTH-3, R-OUT-7',
  }),
  school('SyncCourseRoster', { courseId: 'math-1112', studentIds: ['s1', 's2'] }, ['admin', 'system']),
  school('DefineRoleGroup', { groupId: 'g-new', name: '教務處', functionCodes: ['S0205S'] }),
  school('AddRoleGroupMember', { groupId: 'g-submit', userId: 'sub3' }),
  school('RemoveRoleGroupMember', { groupId: 'g-submit', userId: 'sub1' }, ['admin'], { basis: 'R-AUTH-3, R-AUTH-5' }),
  school('SealPeriod', { category: 'cadreRecords', period: '1112', digest: null }, ['system'], {
    now: at('2023-04-20T17:00'),
    basis: 'R-AUTH-4',
    refusal: systemOnly,
  }),
  school('SetPlanApprovalOrder', { stages: [{ kind: 'homeroom' }] }, ['admin', 'groupMember'], groupFunction('S0302S')),
  school('LinkParentAccount', { parentId: 'p1', studentIds: ['s1'] }, ['admin'], { basis: 'R-AUTH-3, R-AUTH-6' }),
  school('UnlinkParentAccount', { parentId: 'p1', studentIds: ['s1'] }, ['admin'], {
    basis: 'R-AUTH-3, R-AUTH-6',
    school: [schoolEvent('ParentAccountLinked', { parentId: 'p1', studentIds: ['s1'] })],
  }),

  // Course outcomes (R-AUTH-1, R-OUT-7).
  own('UploadCourseOutcome', UPLOAD_NOW, {
    outcomeId: 'o9',
    courseId: 'math-1111',
    description: '數學報告',
    document: pdf('o9.pdf'),
  }),
  own(
    'EditCourseOutcome',
    UPLOAD_NOW,
    { outcomeId: 'o1', description: '數學報告（修訂）', document: pdf('o1-v2.pdf') },
    [draft],
  ),
  own('DeleteCourseOutcome', UPLOAD_NOW, { outcomeId: 'o1' }, [draft]),
  own('SendCourseOutcomeForCertification', UPLOAD_NOW, { outcomeId: 'o1' }, [draft]),
  {
    label: 'CertifyCourseOutcome',
    type: 'CertifyCourseOutcome',
    aggregate: 'portfolio',
    now: at('2023-01-25T10:00'),
    data: { ...ref, outcomeId: 'o1', result: 'passed' },
    portfolio: pending,
    allowed: ['courseTeacher'],
    basis: 'R-OUT-7, R-AUTH-2',
    refusal: () => ({ code: 'NOT_COURSE_CERTIFIER', rule: 'R-OUT-7' }),
  },

  // Diverse performances (R-AUTH-1, R-PERF-6).
  own('RecordPerformance', UPLOAD_NOW, {
    performanceId: 'p9',
    schoolYear: 111,
    semester: 1,
    details: creativeWork,
    startDate: '2022-10-01',
    endDate: '2022-10-01',
    description: '作品',
    media: mp4('p9.mp4'),
  }),
  own(
    'EditPerformance',
    UPLOAD_NOW,
    {
      performanceId: 'p1',
      details: { ...creativeWork, name: '校刊封面設計（定稿）' },
      startDate: '2022-10-01',
      endDate: '2022-10-02',
      description: '作品',
      document: pdf('p1.pdf'),
    },
    [performance],
  ),
  own('DeletePerformance', UPLOAD_NOW, { performanceId: 'p1' }, [performance]),
  {
    label: 'SyncCadreRecord',
    type: 'SyncCadreRecord',
    aggregate: 'portfolio',
    now: UPLOAD_NOW,
    data: { schoolId: SCHOOL_ID, ...cadreSynced, performanceId: 'c9' },
    allowed: ['admin', 'system'],
    basis: 'R-PERF-6 (records from the school system)',
    refusal: roleNotAllowed('R-PERF-6'),
  },
  own('AttachCadreProof', UPLOAD_NOW, { performanceId: 'c1', description: '幹部聘書', document: pdf('c1.pdf') }, [
    cadre,
  ]),

  // Selection (R-AUTH-1, R-SEL-2).
  own('SelectCourseOutcome', SELECTION_NOW, { outcomeId: 'o2' }, passed),
  own('DeselectCourseOutcome', SELECTION_NOW, { outcomeId: 'o2' }, [
    ...passed,
    portfolioEvent('CourseOutcomeSelected', { outcomeId: 'o2', schoolYear: 111 }),
  ]),
  own('SelectPerformance', SELECTION_NOW, { performanceId: 'p1' }, [performance]),
  own('DeselectPerformance', SELECTION_NOW, { performanceId: 'p1' }, [
    performance,
    portfolioEvent('PerformanceSelected', { performanceId: 'p1', schoolYear: 111 }),
  ]),

  // Receipt confirmation (R-SUB-3, R-AUTH-1, R-REC-4, R-AUTH-4).
  {
    label: 'IssueReceiptStatement',
    type: 'IssueReceiptStatement',
    aggregate: 'portfolio',
    now: at('2023-04-13T19:05'),
    data: { ...ref, ...cadreReceipt, fid: '57170', items: [{ itemId: 'cr-s1', title: '班級幹部 副衛生股長' }] },
    allowed: ['system'],
    basis: 'R-SUB-3, R-AUTH-4 (the statement process)',
    refusal: roleNotAllowed('R-SUB-3'),
  },
  own('ConfirmReceipt', CONFIRMATION_NOW, { ...cadreReceipt }, [statement]),
  own(
    'ReportReceiptError',
    CONFIRMATION_NOW,
    { ...cadreReceipt, problems: [{ kind: 'missing', reason: '少了數學' }] },
    [statement],
  ),
  {
    label: 'RecordReceiptReview',
    type: 'RecordReceiptReview',
    aggregate: 'portfolio',
    now: at('2023-04-19T09:00'),
    data: { ...ref, ...cadreReceipt, finding: 'corrected' },
    portfolio: [
      statement,
      portfolioEvent('ReceiptErrorReported', {
        ...cadreReceipt,
        stage: 'first',
        problems: [{ kind: 'missing', reason: '少了數學' }],
      }),
    ],
    allowed: ['admin', 'submitter', 'submitterNoCode'],
    basis: 'R-REC-4, R-AUTH-3 (the school reviews)',
    refusal: roleNotAllowed('R-REC-4'),
  },
  {
    label: 'DeemReceiptCorrect',
    type: 'DeemReceiptCorrect',
    aggregate: 'portfolio',
    now: at('2023-04-18T10:30'),
    data: { ...ref, ...cadreReceipt },
    portfolio: [statement],
    allowed: ['system'],
    basis: 'R-AUTH-4, R-REC-5',
    refusal: systemOnly,
  },

  // Learning plans and application picks (R-AUTH-1, R-PLAN-1, R-APP-1).
  own('SubmitLearningPlan', SCHOOL_NOW, { ...plan }, [], { school: [homeroomOrder] }),
  {
    label: 'ReviewLearningPlan',
    type: 'ReviewLearningPlan',
    aggregate: 'portfolio',
    now: at('2022-09-20T10:00'),
    data: { ...ref, planId: 'plan1', decision: 'pass' },
    school: [homeroomOrder],
    portfolio: [portfolioEvent('LearningPlanSubmitted', { studentId: 's1', ...plan, stages: [{ kind: 'homeroom' }] })],
    allowed: ['homeroomTeacher'],
    basis: 'R-PLAN-1, R-AUTH-2 (the stage set: homeroom)',
    refusal: () => ({ code: 'NOT_STAGE_REVIEWER', rule: 'R-PLAN-1' }),
  },
  own(
    'PickApplicationItems',
    at('2023-05-01T10:00'),
    { departmentId: 'ntu-csie', outcomeIds: ['o2'], performanceIds: [] },
    [
      ...passed,
      portfolioEvent('ReceiptStatementIssued', {
        studentId: 's1',
        category: 'courseOutcomes',
        period: '1110',
        fid: 'F-1',
        items: [{ itemId: 'o2', title: '數學報告' }],
      }),
    ],
    { school: [schoolEvent('PeriodSealed', { category: 'courseOutcomes', period: '1110', digest: null })] },
  ),

  // Submission (R-SUB-1).
  submit(
    'courseOutcomes',
    '1110',
    ['admin', 'submitter'],
    'R-SUB-1, R-AUTH-5 (S0207S; the administrator without a group)',
  ),
  submit(
    'performances',
    '1110',
    ['admin', 'submitter'],
    'R-SUB-1, R-AUTH-5 (S0208S; the administrator without a group)',
  ),
  submit(
    'cadreRecords',
    '1112',
    ['admin', 'submitter'],
    'R-SUB-1, R-AUTH-5 (S0218S; the administrator without a group)',
  ),
  submit(
    'courseRecords',
    '1112',
    ['admin', 'system'],
    "R-SUB-1 (no function code: the school's records system and the administrator)",
  ),
  {
    label: 'RecordSubmissionResult',
    type: 'RecordSubmissionResult',
    aggregate: 'submission',
    now: at('2023-04-13T18:05'),
    data: {
      schoolId: SCHOOL_ID,
      category: 'courseOutcomes',
      period: '1110',
      fid: 'F-1',
      result: 'accepted',
      message: '檢核無誤，資料已匯入',
    },
    submission: {
      category: 'courseOutcomes',
      period: '1110',
      events: [
        {
          type: 'RosterSubmitted',
          data: { fid: 'F-1', category: 'courseOutcomes', period: '1110', submitterId: 'sub1', roster },
        } as SubmissionEvent,
      ],
    },
    allowed: ['system', 'admin', 'submitter'],
    basis: 'R-SUB-2 (the platform), R-SUB-1 (S0207S; the administrator)',
    refusal: notSubmitter,
  },
];

/**
 * In every row's school: the second submitter, whose role group holds only the view functions (R-SUB-1), and
 * staff1 in g-office, which holds the school-setting modules a group may hold (R-AUTH-5).
 */
export const MATRIX_SCHOOL: ReadonlyArray<SchoolEvent> = [
  schoolEvent('RoleGroupDefined', { groupId: 'g-view', name: '教學組', functionCodes: ['S0205S', 'S0206S'] }),
  schoolEvent('RoleGroupMemberAdded', { groupId: 'g-view', userId: 'sub2' }),
  schoolEvent('RoleGroupDefined', {
    groupId: 'g-office',
    name: '教務處作業人員',
    functionCodes: ['S0203S', 'S0209S', 'S0302S'],
  }),
  schoolEvent('RoleGroupMemberAdded', { groupId: 'g-office', userId: 'staff1' }),
];

/** A fresh store holding the row's context. */
export const rowHarness = async (row: Row, options: { readonly cache?: boolean } = {}): Promise<Harness> => {
  const harness = await seededService(['s1', 's2'], { extra: [...MATRIX_SCHOOL, ...(row.school ?? [])], ...options });
  if (row.portfolio && row.portfolio.length > 0) {
    await seedEvents(harness.store, portfolioAggregate, portfolioStreamName(SCHOOL_ID, 's1'), row.portfolio, {
      commandId: `given-${row.label}`,
    });
  }
  if (row.submission) {
    const { category, period, events } = row.submission;
    await seedEvents(harness.store, submissionAggregate, submissionStreamName(SCHOOL_ID, category, period), events, {
      commandId: `given-${row.label}`,
    });
  }
  return harness;
};

/** The row's command as an untrusted envelope from `actor`. */
export const envelopeOf = (
  row: Row,
  actor: Column['actor'],
  commandId = `cmd-${row.label}`,
): Record<string, unknown> => ({
  commandId: commandId.replace(/[^A-Za-z0-9_.:-]/g, '-'),
  now: row.now,
  // A school member acts for the school the row's command names: the matrix is about roles within a school;
  // a member of another school is refused before any role is looked at (authorization.test.ts).
  actor: actor.schoolId === undefined ? { ...actor } : { ...actor, schoolId: row.data['schoolId'] },
  type: row.type,
  data: structuredClone(row.data) as Record<string, unknown>,
});

export const runRow = async (
  row: Row,
  actor: Column['actor'],
): Promise<{ result: E.Either<DomainError, ExecuteResult>; harness: Harness }> => {
  const harness = await rowHarness(row);
  return { result: await harness.service.execute(envelopeOf(row, actor)), harness };
};
