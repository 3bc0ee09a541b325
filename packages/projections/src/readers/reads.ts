import { domainError, initialPortfolioState, type DomainError, type PortfolioState } from '@licheng/domain';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { ReportsSource, ReportsView } from '../reportsView';
import type { SchoolOf, SchoolsView } from '../streams';
import { classConfirmationReport, type ClassConfirmationReport, type ConfirmationFilter } from '../reports/confirmation';
import { outcomeStatusReport, outcomeUsageStatistics, type OutcomeStatusRow, type OutcomeUsage } from '../reports/outcomes';
import { schoolOf, yearOf } from '../reports/roster';
import { performanceSelectionReport, studentNotice, type PerformanceSelectionRow, type StudentNotice } from '../reports/students';
import { uncertifiedTeacherReport, type UncertifiedTeacherRow } from '../reports/teachers';
import { readErrors } from './errors';
import { checkClass, checkSchool, checkStudent, homeroomClassesOf, readsWholeSchool, type Reader } from './reader';

/**
 * The reports as people read them: each takes the reader and answers only within their scope, or refuses with
 * a coded bilingual error citing the rule (docs/authorization.md, "Who may read what"). The school is checked
 * first, so a reader of another school learns nothing of this one, not even whether it exists.
 */

type Scoped<A> = E.Either<DomainError, A>;

const inSchool = <A, Portfolio>(view: SchoolsView<Portfolio>, reader: Reader, schoolId: string, read: (school: SchoolOf<Portfolio>) => Scoped<A>): Scoped<A> => {
  const other = checkSchool(reader, schoolId);
  return other ? E.left(other) : pipe(schoolOf(view, schoolId), E.chain(read));
};

const unless = <A>(refusal: DomainError | null, answer: () => Scoped<A>): Scoped<A> => (refusal ? E.left(refusal) : answer());

/** R-REP-1 / R-REC-6 / R-AUTH-2: the class's homeroom teacher, the administrator, S0205S/S0206S holders. */
export const readClassConfirmation = (
  view: ReportsSource,
  reader: Reader,
  query: { readonly schoolId: string; readonly classId: string; readonly term: string; readonly filter?: ConfirmationFilter },
): Scoped<ClassConfirmationReport> =>
  inSchool(view, reader, query.schoolId, ({ policy }) => unless(checkClass(policy, reader, query.classId, 'classConfirmation'), () => classConfirmationReport(view, query)));

/** R-REP-4 / R-AUTH-2: the per-student selection counts of a class, read as the class confirmation report is. */
export const readPerformanceSelection = (
  view: ReportsSource,
  reader: Reader,
  query: { readonly schoolId: string; readonly classId: string; readonly schoolYear: number },
): Scoped<ReadonlyArray<PerformanceSelectionRow>> =>
  inSchool(view, reader, query.schoolId, ({ policy }) => unless(checkClass(policy, reader, query.classId, 'performanceSelection'), () => performanceSelectionReport(view, query)));

/** R-REP-2: every class for the administrator and S0205S/S0206S holders; a homeroom teacher gets their own classes' rows. */
export const readOutcomeStatus = (view: ReportsSource, reader: Reader, query: { readonly schoolId: string; readonly term: string }): Scoped<ReadonlyArray<OutcomeStatusRow>> =>
  inSchool(view, reader, query.schoolId, ({ policy }) => {
    if (readsWholeSchool(policy, reader)) return outcomeStatusReport(view, query);
    if (reader.role !== 'teacher') return E.left(readErrors.roleMayNotRead(reader, 'outcomeStatus'));
    const mine = homeroomClassesOf(policy, reader.id, yearOf(query.term));
    if (mine.size === 0) return E.left(readErrors.notHomeroomTeacher(reader.id, { classId: '(none)' }));
    return pipe(outcomeStatusReport(view, query), E.map((rows) => rows.filter((row) => mine.has(row.classId))));
  });

/** R-REP-3: every teacher's row for the administrator and S0205S/S0206S holders; a teacher sees the outcomes waiting for them. */
export const readUncertifiedTeachers = (view: ReportsSource, reader: Reader, query: { readonly schoolId: string; readonly term: string }): Scoped<ReadonlyArray<UncertifiedTeacherRow>> =>
  inSchool(view, reader, query.schoolId, ({ policy }) => {
    if (readsWholeSchool(policy, reader)) return uncertifiedTeacherReport(view, query);
    if (reader.role !== 'teacher') return E.left(readErrors.roleMayNotRead(reader, 'uncertifiedTeachers'));
    return pipe(uncertifiedTeacherReport(view, query), E.map((rows) => rows.filter((row) => row.teacherId === reader.id)));
  });

/** R-REP-4: a school's usage for its administrator and S0205S/S0206S holders; the city reads every school's. */
export const readOutcomeUsage = (view: ReportsSource, reader: Reader, query: { readonly schoolId: string; readonly term: string }): Scoped<OutcomeUsage> =>
  inSchool(view, reader, query.schoolId, ({ policy }) =>
    reader.role === 'city' || readsWholeSchool(policy, reader) ? outcomeUsageStatistics(view, query) : E.left(readErrors.roleMayNotRead(reader, 'outcomeUsage')),
  );

/** R-REP-5 / R-AUTH-6: the student, a linked parent, the homeroom teacher of that year, the administrator, S0205S/S0206S holders. */
export const readStudentNotice = (
  view: ReportsSource,
  reader: Reader,
  query: { readonly schoolId: string; readonly studentId: string; readonly schoolYear: number },
): Scoped<StudentNotice> =>
  inSchool(view, reader, query.schoolId, ({ policy }) => unless(checkStudent(policy, reader, query.studentId, 'studentNotice', query.schoolYear), () => studentNotice(view, query)));

const notEnrolled = (studentId: string) =>
  domainError('STUDENT_NOT_ENROLLED', 'R-AUTH-1', `學生 ${studentId} 不在本校學籍名冊中`, `Student ${studentId} is not enrolled at this school`, { studentId });

/**
 * The student drill-down (R-AUTH-1, R-AUTH-6): one student's portfolio as the deciders fold it — outcomes,
 * performances, selections, receipt statements and answers, plans — for the same readers as the notice, the
 * homeroom teacher being that of the student's latest class.
 */
export const readPortfolio = (view: ReportsView, reader: Reader, query: { readonly schoolId: string; readonly studentId: string }): Scoped<PortfolioState> =>
  inSchool(view, reader, query.schoolId, ({ policy, portfolios }) =>
    unless(checkStudent(policy, reader, query.studentId, 'portfolio'), () =>
      policy.students[query.studentId] ? E.right(portfolios[query.studentId] ?? initialPortfolioState) : E.left(notEnrolled(query.studentId)),
    ),
  );

/** Whether a reader may read one student's records (the timeline of @licheng/audit asks this before it reads the log). */
export const checkStudentRead = (view: ReportsView, reader: Reader, query: { readonly schoolId: string; readonly studentId: string }): Scoped<true> =>
  inSchool(view, reader, query.schoolId, ({ policy }) => unless(checkStudent(policy, reader, query.studentId, 'timeline'), () => E.right(true as const)));
