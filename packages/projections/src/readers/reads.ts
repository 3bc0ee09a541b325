import {
  initialPortfolioState,
  SUBMIT_FUNCTION_CODES,
  type DomainError,
  type PortfolioState,
  type ReceiptCategory,
} from '@licheng/domain';
import { domainError, valuesOf } from '@licheng/domain/internal';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { ReportsSource, ReportsView } from '../reportsView';
import type { SchoolOf, SchoolsView } from '../streams';
import {
  classConfirmationReport,
  type ClassConfirmationReport,
  type ConfirmationFilter,
} from '../reports/confirmation';
import {
  outcomeStatusReport,
  outcomeUsageStatistics,
  type OutcomeStatusRow,
  type OutcomeUsage,
} from '../reports/outcomes';
import { schoolOf, yearOf } from '../reports/roster';
import {
  studentNotice,
  studentNotices,
  type NoticeBatch,
  type NoticeOptions,
  type StudentNotice,
} from '../reports/notice';
import {
  outcomeSelectionReport,
  performanceSelectionReport,
  type OutcomeSelectionRow,
  type PerformanceSelectionRow,
} from '../reports/students';
import { remindersDue, type Reminder, type RemindersDue } from '../reports/reminders';
import { receptionLog, submissionHistory, type ReceptionRow, type SubmissionHistoryRow } from '../reports/submissions';
import { uncertifiedTeacherReport, type UncertifiedTeacherRow } from '../reports/teachers';
import { readErrors } from './errors';
import { checkClass, checkSchool, checkStudent, homeroomClassesOf, readsWholeSchool, type Reader } from './reader';

/**
 * The reports as people read them: each takes the reader and answers only within their scope, or refuses with
 * a coded bilingual error citing the rule (docs/authorization.md, "Who may read what"). The school is checked
 * first, so a reader of another school learns nothing of this one, not even whether it exists.
 */

type Scoped<A> = E.Either<DomainError, A>;

const inSchool = <A, Portfolio>(
  view: SchoolsView<Portfolio>,
  reader: Reader,
  schoolId: string,
  read: (school: SchoolOf<Portfolio>) => Scoped<A>,
): Scoped<A> => {
  const other = checkSchool(reader, schoolId);
  return other ? E.left(other) : pipe(schoolOf(view, schoolId), E.chain(read));
};

const unless = <A>(refusal: DomainError | null, answer: () => Scoped<A>): Scoped<A> =>
  refusal ? E.left(refusal) : answer();

/** R-REP-1 / R-REC-6 / R-AUTH-2: the class's homeroom teacher, the administrator, S0205S/S0206S holders. */
export const readClassConfirmation = (
  view: ReportsSource,
  reader: Reader,
  query: {
    readonly schoolId: string;
    readonly classId: string;
    readonly term: string;
    readonly filter?: ConfirmationFilter;
  },
): Scoped<ClassConfirmationReport> =>
  inSchool(view, reader, query.schoolId, ({ policy }) =>
    unless(checkClass(policy, reader, query.classId, 'classConfirmation'), () => classConfirmationReport(view, query)),
  );

/**
 * R-REP-7 / R-AUTH-2: the per-student outcome selection list of a class (003 3.8), read as the class confirmation
 * report is.
 */
export const readOutcomeSelection = (
  view: ReportsSource,
  reader: Reader,
  query: { readonly schoolId: string; readonly classId: string; readonly schoolYear: number },
): Scoped<ReadonlyArray<OutcomeSelectionRow>> =>
  inSchool(view, reader, query.schoolId, ({ policy }) =>
    unless(checkClass(policy, reader, query.classId, 'outcomeSelection'), () => outcomeSelectionReport(view, query)),
  );

/** R-REP-4 / R-AUTH-2: the per-student selection counts of a class, read as the class confirmation report is. */
export const readPerformanceSelection = (
  view: ReportsSource,
  reader: Reader,
  query: { readonly schoolId: string; readonly classId: string; readonly schoolYear: number },
): Scoped<ReadonlyArray<PerformanceSelectionRow>> =>
  inSchool(view, reader, query.schoolId, ({ policy }) =>
    unless(checkClass(policy, reader, query.classId, 'performanceSelection'), () =>
      performanceSelectionReport(view, query),
    ),
  );

/**
 * R-REP-2: every class for the administrator and S0205S/S0206S holders; a homeroom teacher gets their own classes'
 * rows.
 */
export const readOutcomeStatus = (
  view: ReportsSource,
  reader: Reader,
  query: { readonly schoolId: string; readonly term: string },
): Scoped<ReadonlyArray<OutcomeStatusRow>> =>
  inSchool(view, reader, query.schoolId, ({ policy }) => {
    if (readsWholeSchool(policy, reader)) return outcomeStatusReport(view, query);
    if (reader.role !== 'teacher') return E.left(readErrors.roleMayNotRead(reader, 'outcomeStatus'));
    const mine = homeroomClassesOf(policy, reader.id, yearOf(query.term));
    if (mine.size === 0) return E.left(readErrors.notHomeroomTeacher(reader.id, { classId: '(none)' }));
    return pipe(
      outcomeStatusReport(view, query),
      E.map((rows) => rows.filter((row) => mine.has(row.classId))),
    );
  });

/**
 * R-REP-3: every teacher's row for the administrator and S0205S/S0206S holders; a teacher sees the outcomes waiting for
 * them.
 */
export const readUncertifiedTeachers = (
  view: ReportsSource,
  reader: Reader,
  query: { readonly schoolId: string; readonly term: string },
): Scoped<ReadonlyArray<UncertifiedTeacherRow>> =>
  inSchool(view, reader, query.schoolId, ({ policy }) => {
    if (readsWholeSchool(policy, reader)) return uncertifiedTeacherReport(view, query);
    if (reader.role !== 'teacher') return E.left(readErrors.roleMayNotRead(reader, 'uncertifiedTeachers'));
    return pipe(
      uncertifiedTeacherReport(view, query),
      E.map((rows) => rows.filter((row) => row.teacherId === reader.id)),
    );
  });

/** R-REP-4: a school's usage for its administrator and S0205S/S0206S holders; the city reads every school's. */
export const readOutcomeUsage = (
  view: ReportsSource,
  reader: Reader,
  query: { readonly schoolId: string; readonly term: string },
): Scoped<OutcomeUsage> =>
  inSchool(view, reader, query.schoolId, ({ policy }) =>
    reader.role === 'city' || readsWholeSchool(policy, reader)
      ? outcomeUsageStatistics(view, query)
      : E.left(readErrors.roleMayNotRead(reader, 'outcomeUsage')),
  );

/**
 * R-REP-5 / R-AUTH-6: the student, a linked parent, the homeroom teacher of that year, the administrator, S0205S/S0206S
 * holders.
 */
export const readStudentNotice = (
  view: ReportsSource,
  reader: Reader,
  query: { readonly schoolId: string; readonly studentId: string; readonly schoolYear: number } & NoticeOptions,
): Scoped<StudentNotice> =>
  inSchool(view, reader, query.schoolId, ({ policy }) =>
    unless(checkStudent(policy, reader, query.studentId, 'studentNotice', query.schoolYear), () =>
      studentNotice(view, query),
    ),
  );

/**
 * R-REP-5 / R-AUTH-2: a batch of notices to print (by grade, class or student numbers): the whole school's for the
 * administrator and S0205S/S0206S holders; a homeroom teacher gets the notices of their own classes' students.
 */
export const readStudentNotices = (
  view: ReportsSource,
  reader: Reader,
  batch: NoticeBatch,
): Scoped<ReadonlyArray<StudentNotice>> =>
  inSchool(view, reader, batch.schoolId, ({ policy }) => {
    if (readsWholeSchool(policy, reader)) return studentNotices(view, batch);
    if (reader.role !== 'teacher') return E.left(readErrors.roleMayNotRead(reader, 'studentNotice'));
    const mine = [...homeroomClassesOf(policy, reader.id, batch.schoolYear)].filter(
      (c) => batch.classIds === undefined || batch.classIds.includes(c),
    );
    if (mine.length === 0)
      return E.left(readErrors.notHomeroomTeacher(reader.id, { classId: batch.classIds?.join(',') ?? '(none)' }));
    return studentNotices(view, { ...batch, classIds: mine });
  });

/**
 * R-REP-7 / R-SUB-1 / R-AUTH-5: a category's submission record, for the administrator, S0205S/S0206S holders and the
 * staff whose role group (in use) holds the function that submits the category (S0207S, S0208S, S0218S).
 */
export const readSubmissionHistory = (
  view: ReportsSource,
  reader: Reader,
  query: { readonly schoolId: string; readonly category: ReceiptCategory },
): Scoped<ReadonlyArray<SubmissionHistoryRow>> =>
  inSchool(view, reader, query.schoolId, ({ policy }) => {
    const codes = SUBMIT_FUNCTION_CODES[query.category];
    const submits = valuesOf(policy.roleGroups).some(
      (g) => g.inUse && g.memberIds.includes(reader.id) && g.functionCodes.some((code) => codes.includes(code)),
    );
    return readsWholeSchool(policy, reader) || (reader.role !== 'student' && reader.role !== 'parent' && submits)
      ? submissionHistory(view, query)
      : E.left(readErrors.roleMayNotRead(reader, 'submissionHistory'));
  });

/**
 * R-REP-7 (003 3.10): the reception log is a school administration screen: the administrator and S0205S/S0206S holders.
 */
export const readReceptionLog = (
  view: ReportsSource,
  reader: Reader,
  query: { readonly schoolId: string; readonly category?: ReceiptCategory },
): Scoped<ReadonlyArray<ReceptionRow>> =>
  inSchool(view, reader, query.schoolId, ({ policy }) =>
    readsWholeSchool(policy, reader)
      ? receptionLog(view, query)
      : E.left(readErrors.roleMayNotRead(reader, 'receptionLog')),
  );

const recipientOf = (reminder: Reminder): string =>
  reminder.kind === 'certifyOutcomes' ? reminder.teacherId : reminder.studentId;

/**
 * R-NOTE-1 / R-AUTH-4: the reminders due, for the platform that mails them (the system), the administrator and
 * S0205S/S0206S holders; a teacher or a student reads the reminders addressed to them; anyone else is refused.
 */
export const readRemindersDue = (
  view: ReportsSource,
  reader: Reader,
  query: { readonly schoolId: string; readonly at: string },
): Scoped<RemindersDue> =>
  inSchool(view, reader, query.schoolId, ({ policy }) => {
    if (reader.role === 'system' || readsWholeSchool(policy, reader)) return remindersDue(view, query);
    if (reader.role !== 'teacher' && reader.role !== 'student')
      return E.left(readErrors.roleMayNotRead(reader, 'reminders'));
    return pipe(
      remindersDue(view, query),
      E.map((due) => ({ ...due, reminders: due.reminders.filter((r) => recipientOf(r) === reader.id) })),
    );
  });

const notEnrolled = (studentId: string) =>
  domainError(
    'STUDENT_NOT_ENROLLED',
    'R-AUTH-1',
    `學生 ${studentId} 不在本校學籍名冊中`,
    `Student ${studentId} is not enrolled at this school`,
    { studentId },
  );

/**
 * The student drill-down (R-AUTH-1, R-AUTH-6): one student's portfolio as the deciders fold it — outcomes,
 * performances, selections, receipt statements and answers, plans — for the same readers as the notice, the
 * homeroom teacher being that of the student's latest class.
 */
export const readPortfolio = (
  view: ReportsView,
  reader: Reader,
  query: { readonly schoolId: string; readonly studentId: string },
): Scoped<PortfolioState> =>
  inSchool(view, reader, query.schoolId, ({ policy, portfolios }) =>
    unless(checkStudent(policy, reader, query.studentId, 'portfolio'), () =>
      policy.students[query.studentId]
        ? E.right(portfolios[query.studentId] ?? initialPortfolioState)
        : E.left(notEnrolled(query.studentId)),
    ),
  );

/**
 * Whether a reader may read one student's records (the timeline of @licheng/audit asks this before it reads the log).
 */
export const checkStudentRead = (
  view: ReportsView,
  reader: Reader,
  query: { readonly schoolId: string; readonly studentId: string },
): Scoped<true> =>
  inSchool(view, reader, query.schoolId, ({ policy }) =>
    unless(checkStudent(policy, reader, query.studentId, 'timeline'), () => E.right(true as const)),
  );
