import { type DomainError } from '@licheng/domain';
import { valuesOf } from '@licheng/domain/internal';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { ReportPortfolio, ReportsSource } from '../reportsView';
import { selectedOutcomeCount } from './outcomes';
import { classRoster, schoolOf } from './roster';
import type { Table } from './table';

export const performancesOf = (portfolio: ReportPortfolio | undefined, schoolYear: number, semester?: number) =>
  (portfolio ? valuesOf(portfolio.performances) : []).filter(
    (p) => p.schoolYear === schoolYear && (semester === undefined || p.semester === semester),
  );

export interface PerformanceSelectionRow {
  readonly className: string;
  readonly seatNumber: number;
  readonly studentNumber: string;
  readonly name: string;
  readonly recorded: number;
  readonly selected: number;
}

/** R-REP-4: performance selection per student (勾選數量) for a class and school year. */
export const performanceSelectionReport = (
  view: ReportsSource,
  query: { readonly schoolId: string; readonly classId: string; readonly schoolYear: number },
): E.Either<DomainError, ReadonlyArray<PerformanceSelectionRow>> =>
  pipe(
    schoolOf(view, query.schoolId),
    E.map(({ policy, portfolios }) =>
      classRoster(policy, query.classId, query.schoolYear).map(({ student, className, seatNumber }) => {
        const performances = performancesOf(portfolios[student.studentId], query.schoolYear);
        return {
          className,
          seatNumber,
          studentNumber: student.studentNumber,
          name: student.name,
          recorded: performances.length,
          selected: performances.filter((p) => p.selected).length,
        };
      }),
    ),
  );

export const performanceSelectionTable = (schoolYear: number, rows: ReadonlyArray<PerformanceSelectionRow>): Table => ({
  title: `${schoolYear} 學年度多元表現勾選數量`,
  columns: [
    { key: 'className', header: '班級' },
    { key: 'seatNumber', header: '座號' },
    { key: 'studentNumber', header: '學號' },
    { key: 'name', header: '姓名' },
    { key: 'recorded', header: '多元表現件數' },
    { key: 'selected', header: '勾選數量' },
  ],
  rows: rows.map((row) => ({ ...row, seatNumber: String(row.seatNumber).padStart(2, '0') })),
});

export interface OutcomeSelectionRow {
  readonly className: string;
  readonly seatNumber: number;
  readonly studentNumber: string;
  readonly name: string;
  readonly selected: number;
}

/**
 * R-REP-7 (003 3.8 查詢學生學習成果勾選情形): per student of a class, how many outcomes they selected in the school
 * year.
 */
export const outcomeSelectionReport = (
  view: ReportsSource,
  query: { readonly schoolId: string; readonly classId: string; readonly schoolYear: number },
): E.Either<DomainError, ReadonlyArray<OutcomeSelectionRow>> =>
  pipe(
    schoolOf(view, query.schoolId),
    E.map(({ policy, portfolios }) =>
      classRoster(policy, query.classId, query.schoolYear).map(({ student, className, seatNumber }) => ({
        className,
        seatNumber,
        studentNumber: student.studentNumber,
        name: student.name,
        selected: selectedOutcomeCount(portfolios[student.studentId], query.schoolYear),
      })),
    ),
  );

export const outcomeSelectionTable = (schoolYear: number, rows: ReadonlyArray<OutcomeSelectionRow>): Table => ({
  title: `${schoolYear} 學年度學生學習成果勾選情形`,
  columns: [
    { key: 'className', header: '班級' },
    { key: 'seatNumber', header: '座號' },
    { key: 'studentNumber', header: '學號' },
    { key: 'name', header: '姓名' },
    { key: 'selected', header: '勾選數量' },
  ],
  rows: rows.map((row) => ({ ...row, seatNumber: String(row.seatNumber).padStart(2, '0') })),
});
