import * as E from 'fp-ts/Either';
import {
  portfolioStreamName,
  schoolStreamName,
  type DomainError,
  type PortfolioEvent,
  type RuleId,
} from '@licheng/domain';
import { portfolioAggregate, schoolAggregate } from '@licheng/eventstore';
import {
  auditorReports,
  checkStudentRead,
  createProjectionRunner,
  inMemoryViewStore,
  readClassConfirmation,
  readOutcomeSelection,
  readReceptionLog,
  readRemindersDue,
  readStudentNotices,
  readSubmissionHistory,
  readOutcomeStatus,
  readOutcomeUsage,
  readPerformanceSelection,
  readPortfolio,
  readStudentNotice,
  readUncertifiedTeachers,
  reportsProjection,
  type Reader,
  type Reminder,
  type RemindersDue,
  type StudentNotice,
  type ReportsView,
} from '@licheng/projections';
import { pdf, portfolioEvent, schoolEvent, schoolFixture, seedEvents } from '@licheng/testing';
import { SCHOOL_ID, seededService } from './harness';
import { MATRIX_SCHOOL } from './rows';

/**
 * The read matrix (R-AUTH-1, R-AUTH-2, R-AUTH-5, R-AUTH-6, R-REC-6, R-REP-1..5): every reader against every read,
 * on their own data and on others' (another class, another student, another school). One view serves every
 * cell: reading changes nothing.
 */

export type ReaderId =
  | 'ownStudent'
  | 'otherStudent'
  | 'parent'
  | 'otherParent'
  | 'homeroomTeacher'
  | 'otherHomeroomTeacher'
  | 'courseTeacher'
  | 'admin'
  | 'otherAdmin'
  | 'viewHolder'
  | 'submitterNoView'
  | 'system'
  | 'city';

export interface ReaderColumn {
  readonly id: ReaderId;
  readonly label: string;
  readonly reader: Reader;
  readonly who: string;
}

const OTHER_SCHOOL = 'sch2';
const at = (id: string, role: Reader['role'], schoolId: string = SCHOOL_ID): Reader => ({ id, role, schoolId });

export const READERS: ReadonlyArray<ReaderColumn> = [
  { id: 'ownStudent', label: 'student s1', reader: at('s1', 'student'), who: 's1, in class c301' },
  { id: 'otherStudent', label: 'student s3', reader: at('s3', 'student'), who: 's3, in class c302' },
  {
    id: 'parent',
    label: 'parent p1',
    reader: at('p1', 'parent'),
    who: 'p1, a parent account the school linked to s1 (R-AUTH-6)',
  },
  { id: 'otherParent', label: 'parent p2', reader: at('p2', 'parent'), who: 'p2, a parent account linked to no one' },
  {
    id: 'homeroomTeacher',
    label: 'homeroom c301',
    reader: at('t-home', 'teacher'),
    who: 't-home, homeroom teacher of c301 (s1, s2)',
  },
  {
    id: 'otherHomeroomTeacher',
    label: 'homeroom c302',
    reader: at('t-home2', 'teacher'),
    who: 't-home2, homeroom teacher of c302 (s3)',
  },
  {
    id: 'courseTeacher',
    label: 'course teacher',
    reader: at('t1', 'teacher'),
    who: "t1, who teaches math and has s1's outcome waiting",
  },
  { id: 'admin', label: 'admin', reader: at('admin', 'admin'), who: 'the administrator of sch1' },
  {
    id: 'otherAdmin',
    label: 'admin of sch2',
    reader: at('admin', 'admin', OTHER_SCHOOL),
    who: 'the administrator of another school, sch2',
  },
  {
    id: 'viewHolder',
    label: 'S0205S holder',
    reader: at('sub2', 'submitter'),
    who: 'sub2, in role group g-view holding S0205S and S0206S',
  },
  {
    id: 'submitterNoView',
    label: 'submitter (S0207S)',
    reader: at('sub3', 'submitter'),
    who: 'sub3, in role group g-send holding only S0207S',
  },
  { id: 'system', label: 'system', reader: { id: 'system', role: 'system' }, who: 'the platform itself' },
  { id: 'city', label: 'city', reader: { id: 'taipei-doe', role: 'city' }, who: 'the Department of Education' },
];

/** What a cell answers: everything the auditor sees, only the reader's own part of it, or a refusal. */
export type Expected = 'all' | 'own' | { readonly code: string; readonly rule: RuleId };

export interface ReadRow {
  readonly label: string;
  readonly read: string;
  readonly run: (view: ReportsView, reader: Reader) => E.Either<DomainError, unknown>;
  /** The auditor's answer the `all` cells must equal. */
  readonly whole: (view: ReportsView) => E.Either<DomainError, unknown>;
  readonly expected: (reader: ReaderId) => Expected;
  /** For `own` cells: the part of the auditor's answer that is the reader's. */
  readonly own?: (whole: unknown, reader: Reader) => unknown;
  readonly basis: string;
}

/** The classes each homeroom teacher of the fixture holds in school year 111, and their students. */
const HOMEROOM: Readonly<Record<string, string>> = { 't-home': 'c301', 't-home2': 'c302' };
const HOMEROOM_STUDENTS: Readonly<Record<string, ReadonlyArray<string>>> = {
  't-home': ['s1', 's2'],
  't-home2': ['s3'],
};

const refuse = (code: string, rule: RuleId): Expected => ({ code, rule });
const ROLE_RULE: Readonly<Record<string, RuleId>> = {
  student: 'R-AUTH-1',
  parent: 'R-AUTH-1',
  teacher: 'R-AUTH-2',
  submitter: 'R-AUTH-5',
  system: 'R-AUTH-4',
  city: 'R-REP-4',
};
const roleOf = (id: ReaderId) => READERS.find((c) => c.id === id)!.reader.role;
const notAllowed = (id: ReaderId): Expected => refuse('READ_NOT_ALLOWED', ROLE_RULE[roleOf(id)]!);
const otherSchool = (id: ReaderId): Expected =>
  refuse('ACTOR_NOT_OF_SCHOOL', roleOf(id) === 'student' || roleOf(id) === 'parent' ? 'R-AUTH-1' : 'R-AUTH-3');
const notHomeroom = refuse('NOT_HOMEROOM_TEACHER', 'R-AUTH-2');

/** A school-wide staff view: the administrator, the S0205S/S0206S holder; the rest as given. */
const staffView =
  (schoolId: string, others: Partial<Record<ReaderId, Expected>>) =>
  (id: ReaderId): Expected => {
    if (schoolId !== SCHOOL_ID)
      return id === 'otherAdmin'
        ? 'all'
        : id === 'system' || (id === 'city' && !('city' in others))
          ? notAllowed(id)
          : id === 'city'
            ? others.city!
            : otherSchool(id);
    if (id === 'otherAdmin') return otherSchool(id);
    if (id === 'admin' || id === 'viewHolder') return 'all';
    const teacher = roleOf(id) === 'teacher';
    return others[id] ?? (teacher ? notHomeroom : notAllowed(id));
  };

/** One student's data: the student, a linked parent, the homeroom teacher, the administrator, the S0205S holder. */
const studentView =
  (schoolId: string, studentId: string, homeroom: ReaderId) =>
  (id: ReaderId): Expected => {
    if (schoolId !== SCHOOL_ID)
      return id === 'otherAdmin' ? 'all' : id === 'system' || id === 'city' ? notAllowed(id) : otherSchool(id);
    if (id === 'otherAdmin') return otherSchool(id);
    if (id === 'admin' || id === 'viewHolder' || id === homeroom) return 'all';
    if (id === 'ownStudent') return studentId === 's1' ? 'all' : refuse('NOT_OWN_PORTFOLIO', 'R-AUTH-1');
    if (id === 'otherStudent') return studentId === 's3' ? 'all' : refuse('NOT_OWN_PORTFOLIO', 'R-AUTH-1');
    if (id === 'parent') return studentId === 's1' ? 'all' : refuse('PARENT_NOT_LINKED', 'R-AUTH-6');
    if (id === 'otherParent') return refuse('PARENT_NOT_LINKED', 'R-AUTH-6');
    return roleOf(id) === 'teacher' ? notHomeroom : notAllowed(id);
  };

const classRows = (schoolId: string, classId: string, homeroom: ReaderId, note: string): ReadonlyArray<ReadRow> => [
  {
    label: `class confirmation ${note}`,
    read: 'readClassConfirmation',
    basis: 'R-REC-6, R-AUTH-2, R-AUTH-5',
    run: (view, reader) => readClassConfirmation(view, reader, { schoolId, classId, term: '1112' }),
    whole: (view) => auditorReports.classConfirmationReport(view, { schoolId, classId, term: '1112' }),
    expected: staffView(schoolId, { [homeroom]: 'all' }),
  },
  {
    label: `performance selection ${note}`,
    read: 'readPerformanceSelection',
    basis: 'R-REP-4, R-AUTH-2, R-AUTH-5',
    run: (view, reader) => readPerformanceSelection(view, reader, { schoolId, classId, schoolYear: 111 }),
    whole: (view) => auditorReports.performanceSelectionReport(view, { schoolId, classId, schoolYear: 111 }),
    expected: staffView(schoolId, { [homeroom]: 'all' }),
  },
  {
    label: `outcome selection ${note}`,
    read: 'readOutcomeSelection',
    basis: 'R-REP-7, R-AUTH-2, R-AUTH-5',
    run: (view, reader) => readOutcomeSelection(view, reader, { schoolId, classId, schoolYear: 111 }),
    whole: (view) => auditorReports.outcomeSelectionReport(view, { schoolId, classId, schoolYear: 111 }),
    expected: staffView(schoolId, { [homeroom]: 'all' }),
  },
];

const TEACHERS_REFUSED = {
  homeroomTeacher: notAllowed('homeroomTeacher'),
  otherHomeroomTeacher: notAllowed('otherHomeroomTeacher'),
  courseTeacher: notAllowed('courseTeacher'),
};
const REMINDERS_AT = '2022-10-03T13:00+08:00';
const recipientOf = (r: Reminder) => (r.kind === 'certifyOutcomes' ? r.teacherId : r.studentId);

/** The reminders: the platform (the system) and the school's staff views whole; a teacher or student their own. */
const remindersView =
  (schoolId: string) =>
  (id: ReaderId): Expected => {
    if (id === 'system') return 'all';
    if (schoolId !== SCHOOL_ID) return id === 'otherAdmin' ? 'all' : id === 'city' ? notAllowed(id) : otherSchool(id);
    if (id === 'otherAdmin') return otherSchool(id);
    if (id === 'admin' || id === 'viewHolder') return 'all';
    const role = roleOf(id);
    return role === 'teacher' || role === 'student' ? 'own' : notAllowed(id);
  };

const schoolRows = (schoolId: string, note: string): ReadonlyArray<ReadRow> => [
  {
    label: `outcome status ${note}`,
    read: 'readOutcomeStatus',
    basis: 'R-REP-2, R-AUTH-2 (own class rows), R-AUTH-5',
    run: (view, reader) => readOutcomeStatus(view, reader, { schoolId, term: '1111' }),
    whole: (view) => auditorReports.outcomeStatusReport(view, { schoolId, term: '1111' }),
    expected: staffView(schoolId, { homeroomTeacher: 'own', otherHomeroomTeacher: 'own' }),
    own: (whole, reader) =>
      (whole as ReadonlyArray<{ classId: string }>).filter((row) => row.classId === HOMEROOM[reader.id]),
  },
  {
    label: `uncertified teachers ${note}`,
    read: 'readUncertifiedTeachers',
    basis: 'R-REP-3, R-AUTH-2 (own row), R-AUTH-5',
    run: (view, reader) => readUncertifiedTeachers(view, reader, { schoolId, term: '1111' }),
    whole: (view) => auditorReports.uncertifiedTeacherReport(view, { schoolId, term: '1111' }),
    expected: staffView(schoolId, { homeroomTeacher: 'own', otherHomeroomTeacher: 'own', courseTeacher: 'own' }),
    own: (whole, reader) =>
      (whole as ReadonlyArray<{ teacherId: string }>).filter((row) => row.teacherId === reader.id),
  },
  {
    label: `outcome usage ${note}`,
    read: 'readOutcomeUsage',
    basis: 'R-REP-4, R-AUTH-5; the city: every school',
    run: (view, reader) => readOutcomeUsage(view, reader, { schoolId, term: '1111' }),
    whole: (view) => auditorReports.outcomeUsageStatistics(view, { schoolId, term: '1111' }),
    // Usage is no class's report: a teacher is refused for the role, not for the class.
    expected: staffView(schoolId, {
      city: 'all',
      homeroomTeacher: notAllowed('homeroomTeacher'),
      otherHomeroomTeacher: notAllowed('otherHomeroomTeacher'),
      courseTeacher: notAllowed('courseTeacher'),
    }),
  },
  {
    label: `notices in a batch ${note}`,
    read: 'readStudentNotices',
    basis: 'R-REP-5, R-AUTH-2 (own class), R-AUTH-5',
    run: (view, reader) => readStudentNotices(view, reader, { schoolId, schoolYear: 111 }),
    whole: (view) => auditorReports.studentNotices(view, { schoolId, schoolYear: 111 }),
    expected: staffView(schoolId, { homeroomTeacher: 'own', otherHomeroomTeacher: 'own' }),
    own: (whole, reader) =>
      (whole as ReadonlyArray<StudentNotice>).filter((n) => HOMEROOM_STUDENTS[reader.id]?.includes(n.studentId)),
  },
  {
    label: `submission history ${note}`,
    read: 'readSubmissionHistory',
    basis: 'R-REP-7, R-SUB-1 (S0207S), R-AUTH-5',
    run: (view, reader) => readSubmissionHistory(view, reader, { schoolId, category: 'courseOutcomes' }),
    whole: (view) => auditorReports.submissionHistory(view, { schoolId, category: 'courseOutcomes' }),
    expected: staffView(schoolId, { ...TEACHERS_REFUSED, submitterNoView: 'all' }),
  },
  {
    label: `reception log ${note}`,
    read: 'readReceptionLog',
    basis: 'R-REP-7, R-AUTH-5',
    run: (view, reader) => readReceptionLog(view, reader, { schoolId }),
    whole: (view) => auditorReports.receptionLog(view, { schoolId }),
    expected: staffView(schoolId, TEACHERS_REFUSED),
  },
  {
    label: `reminders due ${note}`,
    read: 'readRemindersDue',
    basis: 'R-NOTE-1, R-AUTH-4 (the platform mails them), R-AUTH-5',
    run: (view, reader) => readRemindersDue(view, reader, { schoolId, at: REMINDERS_AT }),
    whole: (view) => auditorReports.remindersDue(view, { schoolId, at: REMINDERS_AT }),
    expected: remindersView(schoolId),
    own: (whole, reader) => ({
      ...(whole as RemindersDue),
      reminders: (whole as RemindersDue).reminders.filter((r) => recipientOf(r) === reader.id),
    }),
  },
];

const studentRows = (schoolId: string, studentId: string, homeroom: ReaderId, note: string): ReadonlyArray<ReadRow> => [
  {
    label: `notice ${note}`,
    read: 'readStudentNotice',
    basis: 'R-REP-5, R-AUTH-1, R-AUTH-6, R-AUTH-2',
    run: (view, reader) => readStudentNotice(view, reader, { schoolId, studentId, schoolYear: 111 }),
    whole: (view) => auditorReports.studentNotice(view, { schoolId, studentId, schoolYear: 111 }),
    expected: studentView(schoolId, studentId, homeroom),
  },
  {
    label: `portfolio ${note}`,
    read: 'readPortfolio',
    basis: 'R-AUTH-1, R-AUTH-6, R-AUTH-2',
    run: (view, reader) => readPortfolio(view, reader, { schoolId, studentId }),
    whole: (view) => E.right(view.schools[schoolId]?.portfolios[studentId]),
    expected: studentView(schoolId, studentId, homeroom),
  },
  {
    label: `timeline ${note}`,
    read: 'readStudentTimeline (@licheng/audit)',
    basis: 'R-AUTH-1, R-AUTH-6, R-AUTH-2',
    run: (view, reader) => checkStudentRead(view, reader, { schoolId, studentId }),
    whole: () => E.right(true),
    expected: studentView(schoolId, studentId, homeroom),
  },
];

export const READ_ROWS: ReadonlyArray<ReadRow> = [
  ...classRows(SCHOOL_ID, 'c301', 'homeroomTeacher', '(c301)'),
  ...classRows(SCHOOL_ID, 'c302', 'otherHomeroomTeacher', '(c302)'),
  ...classRows(OTHER_SCHOOL, 'c301', 'homeroomTeacher', '(sch2 c301)'),
  ...schoolRows(SCHOOL_ID, '(sch1)'),
  ...schoolRows(OTHER_SCHOOL, '(sch2)'),
  ...studentRows(SCHOOL_ID, 's1', 'homeroomTeacher', '(s1)'),
  ...studentRows(SCHOOL_ID, 's3', 'otherHomeroomTeacher', '(s3)'),
  ...studentRows(OTHER_SCHOOL, 's1', 'homeroomTeacher', '(sch2 s1)'),
];

const pending = (studentId: string, outcomeId: string, courseId: string, subject: string): PortfolioEvent[] => [
  portfolioEvent('CourseOutcomeUploaded', {
    studentId,
    outcomeId,
    courseId,
    term: '1111',
    subject,
    description: '成果',
    document: pdf(),
  }),
  portfolioEvent('CourseOutcomeSentForCertification', { outcomeId }),
];

/**
 * sch1: s1 and s2 in c301 (t-home), s3 moved to c302 (t-home2), p1 linked to s1, sub2 holding S0205S/S0206S,
 * sub3 holding S0207S only; s1's math outcome waits for t1, s3's physics outcome for t2. sch2: another school
 * with a student of the same id, s1, and an outcome waiting for its own t1.
 */
export const readMatrixView = async (): Promise<ReportsView> => {
  const { store } = await seededService(['s1', 's2', 's3'], {
    extra: [
      ...MATRIX_SCHOOL,
      schoolEvent('ClassRegistered', {
        classId: 'c302',
        schoolYear: 111,
        name: '普通三02班',
        homeroomTeacherId: 't-home2',
      }),
      schoolEvent('StudentPlaced', { studentId: 's3', schoolYear: 111, classId: 'c302', seatNumber: 1 }),
      schoolEvent('ParentAccountLinked', { parentId: 'p1', studentIds: ['s1'] }),
      schoolEvent('RoleGroupDefined', { groupId: 'g-send', name: '教學組', functionCodes: ['S0207S'] }),
      schoolEvent('RoleGroupMemberAdded', { groupId: 'g-send', userId: 'sub3' }),
    ],
  });
  await seedEvents(
    store,
    portfolioAggregate,
    portfolioStreamName(SCHOOL_ID, 's1'),
    pending('s1', 'o1', 'math-1111', '數學'),
    { commandId: 'given-s1' },
  );
  await seedEvents(
    store,
    portfolioAggregate,
    portfolioStreamName(SCHOOL_ID, 's3'),
    pending('s3', 'o3', 'phys-1111', '物理'),
    { commandId: 'given-s3' },
  );
  await seedEvents(
    store,
    schoolAggregate,
    schoolStreamName(OTHER_SCHOOL),
    schoolFixture({ schoolId: OTHER_SCHOOL, students: [{ id: 's1' }] }).events,
  );
  await seedEvents(
    store,
    portfolioAggregate,
    portfolioStreamName(OTHER_SCHOOL, 's1'),
    pending('s1', 'o9', 'math-1111', '數學'),
    { commandId: 'given-sch2-s1' },
  );
  const rebuilt = await createProjectionRunner(store, reportsProjection, inMemoryViewStore()).rebuild();
  if (E.isLeft(rebuilt)) throw new Error(rebuilt.left.message.en);
  return rebuilt.right.view;
};
