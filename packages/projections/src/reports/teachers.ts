import { certifiersOf, teacherNameOf, type DomainError } from '@licheng/domain';
import { byCodeUnits, valuesOf } from '@licheng/domain/internal';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { ReportsSource } from '../reportsView';
import { schoolOf, yearOf } from './roster';
import { rocTime } from './rocTime';
import type { Cell, Table } from './table';

/** The row of outcomes waiting with no teacher allowed to certify them (未指定認證教師). */
export const UNASSIGNED = '(未指定)';

export interface WaitingOutcome {
  readonly className: string;
  readonly seatNumber: number;
  readonly name: string;
  readonly subject: string;
  readonly outcomeId: string;
}

export interface UncertifiedTeacherRow {
  readonly teacherId: string;
  /** R-REP-6: the registered name (3.11 shows 教師姓名); the id for a teacher known only from older records. */
  readonly teacherName: string;
  readonly waiting: number;
  readonly outcomes: ReadonlyArray<WaitingOutcome>;
}

/**
 * R-REP-3 / R-OUT-11: per teacher, the outcomes of a term still pending that teacher's certification
 * (each teacher who may certify the course, R-OUT-7), most waiting first. Teachers are listed in full, as
 * 003 3.11 lists them: every teacher who may certify a course of the term, with 0 when nothing waits.
 */
export const uncertifiedTeacherReport = (
  view: ReportsSource,
  query: { readonly schoolId: string; readonly term: string },
): E.Either<DomainError, ReadonlyArray<UncertifiedTeacherRow>> =>
  pipe(
    schoolOf(view, query.schoolId),
    E.map(({ policy, portfolios }) => {
      const schoolYear = yearOf(query.term);
      const byTeacher = new Map<string, WaitingOutcome[]>();
      for (const course of valuesOf(policy.courses))
        if (course.term === query.term) for (const teacherId of certifiersOf(course)) byTeacher.set(teacherId, []);
      for (const [studentId, portfolio] of Object.entries(portfolios)) {
        const student = policy.students[studentId];
        const placement = student?.placements[schoolYear];
        for (const outcome of valuesOf(portfolio.outcomes)) {
          if (outcome.term !== query.term || outcome.status !== 'pending') continue;
          const course = policy.courses[outcome.courseId];
          const waiting: WaitingOutcome = {
            className: placement ? (policy.classes[placement.classId]?.name ?? placement.classId) : '',
            seatNumber: placement?.seatNumber ?? 0,
            name: student?.name ?? studentId,
            subject: outcome.subject,
            outcomeId: outcome.outcomeId,
          };
          const certifiers = course ? certifiersOf(course) : [];
          // R-OUT-11: an outcome nobody may certify (a co-taught course with no reviewer marked) is listed too.
          for (const teacherId of certifiers.length > 0 ? certifiers : [UNASSIGNED])
            byTeacher.set(teacherId, [...(byTeacher.get(teacherId) ?? []), waiting]);
        }
      }
      return [...byTeacher.entries()]
        .map(([teacherId, outcomes]) => ({
          teacherId,
          teacherName: teacherId === UNASSIGNED ? UNASSIGNED : teacherNameOf(policy, teacherId),
          waiting: outcomes.length,
          outcomes: [...outcomes].sort(
            (a, b) => a.className.localeCompare(b.className, 'zh-Hant') || a.seatNumber - b.seatNumber,
          ),
        }))
        .sort((a, b) => b.waiting - a.waiting || byCodeUnits(a.teacherId, b.teacherId));
    }),
  );

/**
 * The printed list (003 3.11): a row per waiting outcome, a teacher with none on one row of its own; `printedAt`
 * (印列時間) in the title when given.
 */
export const uncertifiedTeacherTable = (
  term: string,
  rows: ReadonlyArray<UncertifiedTeacherRow>,
  printedAt?: string,
): Table => ({
  title: `${term} 未認證教師狀況表${printedAt === undefined ? '' : ` 印列時間：${rocTime(printedAt)}`}`,
  columns: [
    { key: 'teacherName', header: '教師姓名' },
    { key: 'waiting', header: '待認證件數' },
    { key: 'className', header: '班級' },
    { key: 'seatNumber', header: '座號' },
    { key: 'name', header: '姓名' },
    { key: 'subject', header: '科目' },
  ],
  rows: rows.flatMap<Readonly<Record<string, Cell>>>((row) =>
    row.outcomes.length === 0
      ? [{ teacherName: row.teacherName, waiting: 0, className: '', seatNumber: '', name: '', subject: '' }]
      : row.outcomes.map((o) => ({
          teacherName: row.teacherName,
          waiting: row.waiting,
          className: o.className,
          seatNumber: o.seatNumber,
          name: o.name,
          subject: o.subject,
        })),
  ),
});
