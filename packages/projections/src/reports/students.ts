import { domainError, valuesOf, type DomainError } from '@licheng/domain';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { ReportPortfolio, ReportsSource } from '../reportsView';
import { selectedOutcomeCount } from './outcomes';
import { classRoster, schoolOf } from './roster';
import type { Table } from './table';

const performancesOf = (portfolio: ReportPortfolio | undefined, schoolYear: number, semester?: number) =>
  (portfolio ? valuesOf(portfolio.performances) : []).filter((p) => p.schoolYear === schoolYear && (semester === undefined || p.semester === semester));

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

export interface NoticeLine {
  readonly label: string;
  readonly outcomesUploaded: number;
  readonly outcomesPassed: number;
  readonly outcomesSelected: number;
  readonly performancesRecorded: number;
  readonly performancesSelected: number;
}

export interface StudentNotice {
  readonly studentNumber: string;
  readonly name: string;
  readonly schoolYear: number;
  /** Semester 1, semester 2, then the school-year total. */
  readonly lines: ReadonlyArray<NoticeLine>;
}

/**
 * R-REP-5: 學生上傳及勾選情形確認單 — per semester, outcomes uploaded, passed and selected, performances
 * recorded and selected, with the school year's totals.
 */
export const studentNotice = (
  view: ReportsSource,
  query: { readonly schoolId: string; readonly studentId: string; readonly schoolYear: number },
): E.Either<DomainError, StudentNotice> =>
  pipe(
    schoolOf(view, query.schoolId),
    E.chain(({ policy, portfolios }) => {
      const portfolio = portfolios[query.studentId];
      const student = policy.students[query.studentId];
      if (!student) {
        const { studentId } = query;
        return E.left(domainError('STUDENT_NOT_ENROLLED', 'R-AUTH-1', `學生 ${studentId} 不在本校學籍名冊中`, `Student ${studentId} is not enrolled at this school`, { studentId }));
      }
      const line = (label: string, semester?: 1 | 2): NoticeLine => {
        const outcomes = (portfolio ? valuesOf(portfolio.outcomes) : []).filter(
          (o) => o.schoolYear === query.schoolYear && (semester === undefined || o.term === `${query.schoolYear}${semester}`),
        );
        const performances = performancesOf(portfolio, query.schoolYear, semester);
        return {
          label,
          outcomesUploaded: outcomes.length,
          outcomesPassed: outcomes.filter((o) => o.status === 'passed').length,
          outcomesSelected: semester === undefined ? selectedOutcomeCount(portfolio, query.schoolYear) : outcomes.filter((o) => o.selected).length,
          performancesRecorded: performances.length,
          performancesSelected: performances.filter((p) => p.selected).length,
        };
      };
      return E.right({
        studentNumber: student.studentNumber,
        name: student.name,
        schoolYear: query.schoolYear,
        // Performances recorded for the whole year (semester 0) appear only in the total.
        lines: [line('第一學期', 1), line('第二學期', 2), line('合計')],
      });
    }),
  );

export const studentNoticeTable = (notice: StudentNotice): Table => ({
  title: `${notice.schoolYear} 學年度 ${notice.studentNumber} ${notice.name} 學生上傳及勾選情形確認單`,
  columns: [
    { key: 'label', header: '學期' },
    { key: 'outcomesUploaded', header: '課程學習成果上傳件數' },
    { key: 'outcomesPassed', header: '認證通過件數' },
    { key: 'outcomesSelected', header: '勾選課程學習成果件數' },
    { key: 'performancesRecorded', header: '多元表現上傳件數' },
    { key: 'performancesSelected', header: '勾選多元表現件數' },
  ],
  rows: notice.lines.map((line) => ({ ...line })),
});
