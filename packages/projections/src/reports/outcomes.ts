import { selectionCapsFor, type DomainError } from '@licheng/domain';
import { countOf, valuesOf } from '@licheng/domain/internal';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { ReportOutcome, ReportPortfolio, ReportsSource } from '../reportsView';
import { classesOf, classGradeOf, classRoster, schoolOf, yearOf } from './roster';
import { columnSums, type Table } from './table';

export interface OutcomeStatusRow {
  readonly term: string;
  /** 年級: the grade of most of the class's students that school year (0 for an empty class). */
  readonly grade: number;
  readonly classId: string;
  readonly className: string;
  readonly classSize: number;
  readonly uploaded: number;
  readonly notSent: number;
  readonly pending: number;
  readonly passed: number;
  readonly failed: number;
  /** `selectedCounts[n]`: students who selected n outcomes in the school year (n = 0 … cap). */
  readonly selectedCounts: ReadonlyArray<number>;
}

const outcomesIn = (portfolio: ReportPortfolio | undefined, term: string): ReadonlyArray<ReportOutcome> =>
  portfolio ? valuesOf(portfolio.outcomes).filter((o) => o.term === term) : [];

export const selectedOutcomeCount = (portfolio: ReportPortfolio | undefined, schoolYear: number): number =>
  portfolio ? countOf(portfolio.outcomes, (o) => o.selected && o.schoolYear === schoolYear) : 0;

/** R-REP-2: outcome status per class for a term, and how many students selected 0 … 6 that school year. */
export const outcomeStatusReport = (
  view: ReportsSource,
  query: { readonly schoolId: string; readonly term: string },
): E.Either<DomainError, ReadonlyArray<OutcomeStatusRow>> =>
  pipe(
    schoolOf(view, query.schoolId),
    E.map(({ policy, portfolios }) => {
      const schoolYear = yearOf(query.term);
      const cap = selectionCapsFor(schoolYear).outcomes;
      return classesOf(policy, schoolYear).map((klass) => {
        const roster = classRoster(policy, klass.classId, schoolYear);
        const count: Record<ReportOutcome['status'], number> = { draft: 0, pending: 0, passed: 0, failed: 0 };
        const selectedCounts = Array.from({ length: cap + 1 }, () => 0);
        let uploaded = 0;
        for (const row of roster) {
          const portfolio = portfolios[row.student.studentId];
          for (const outcome of outcomesIn(portfolio, query.term)) {
            uploaded += 1;
            count[outcome.status] += 1;
          }
          const n = Math.min(cap, selectedOutcomeCount(portfolio, schoolYear));
          selectedCounts[n] = (selectedCounts[n] ?? 0) + 1;
        }
        return {
          term: query.term,
          grade: classGradeOf(roster, schoolYear),
          classId: klass.classId,
          className: klass.name,
          classSize: roster.length,
          uploaded,
          notSent: count.draft,
          pending: count.pending,
          passed: count.passed,
          failed: count.failed,
          selectedCounts,
        };
      });
    }),
  );

export const outcomeStatusTable = (term: string, rows: ReadonlyArray<OutcomeStatusRow>): Table => {
  const cap = (rows[0]?.selectedCounts.length ?? 7) - 1;
  const table: Table = {
    title: `${term} 課程學習成果狀態統計`,
    columns: [
      { key: 'term', header: '學年期' },
      { key: 'grade', header: '年級' },
      { key: 'className', header: '班級' },
      { key: 'classSize', header: '班級人數' },
      { key: 'uploaded', header: '已上傳數量' },
      { key: 'notSent', header: '未送出認證件數' },
      { key: 'pending', header: '待認證件數' },
      { key: 'passed', header: '已認證件數(通過)' },
      { key: 'failed', header: '已認證件數(不通過)' },
      ...Array.from({ length: cap + 1 }, (_, n) => ({ key: `selected${n}`, header: `已勾選數(${n}件)` })),
    ],
    rows: rows.map(({ selectedCounts, classId: _classId, ...row }) => ({
      ...row,
      ...Object.fromEntries(selectedCounts.map((count, n) => [`selected${n}`, count])),
    })),
  };
  // The school's line is labelled where a class's name stands; 年級 is a label, not a count.
  return { ...table, totals: columnSums(table, '全校', { labelIn: 'className', notSummed: ['grade'] }) };
};

export interface OutcomeUsage {
  readonly schoolId: string;
  readonly schoolName: string;
  readonly term: string;
  readonly schoolYear: number;
  readonly semester: number;
  readonly studentsUploaded: number;
  readonly studentsSent: number;
  readonly teachersCertified: number;
  readonly studentsSelected: number;
}

/** R-REP-4: outcome usage per school and term: who uploaded, who sent, which teachers certified, who selected. */
export const outcomeUsageStatistics = (
  view: ReportsSource,
  query: { readonly schoolId: string; readonly term: string },
): E.Either<DomainError, OutcomeUsage> =>
  pipe(
    schoolOf(view, query.schoolId),
    E.map(({ policy, portfolios }) => {
      const schoolYear = yearOf(query.term);
      // One pass over each student's outcomes: the statistics of a city are taken for a hundred schools.
      const teachers = new Set<string>();
      let studentsUploaded = 0;
      let studentsSent = 0;
      let studentsSelected = 0;
      for (const portfolio of valuesOf(portfolios)) {
        let uploaded = false;
        let sent = false;
        for (const outcome of outcomesIn(portfolio, query.term)) {
          uploaded = true;
          if (outcome.status !== 'draft' || outcome.certifiedBy !== undefined) sent = true;
          if (outcome.certifiedBy !== undefined) teachers.add(outcome.certifiedBy);
        }
        if (uploaded) studentsUploaded += 1;
        if (sent) studentsSent += 1;
        if (selectedOutcomeCount(portfolio, schoolYear) > 0) studentsSelected += 1;
      }
      return {
        schoolId: query.schoolId,
        schoolName: policy.name,
        term: query.term,
        schoolYear,
        semester: Number(query.term.slice(-1)),
        studentsUploaded,
        studentsSent,
        teachersCertified: teachers.size,
        studentsSelected,
      };
    }),
  );

export const outcomeUsageTable = (usage: OutcomeUsage): Table => ({
  title: `${usage.term} 學習成果使用人數統計`,
  columns: [
    { key: 'schoolId', header: '學校代碼' },
    { key: 'schoolName', header: '學校名稱' },
    { key: 'schoolYear', header: '學年度' },
    { key: 'semester', header: '學期' },
    { key: 'studentsUploaded', header: '上傳學生人數' },
    { key: 'studentsSent', header: '送出認證學生人數' },
    { key: 'teachersCertified', header: '認證教師人數' },
    { key: 'studentsSelected', header: '勾選學生人數' },
  ],
  rows: [
    {
      schoolId: usage.schoolId,
      schoolName: usage.schoolName,
      schoolYear: usage.schoolYear,
      semester: usage.semester,
      studentsUploaded: usage.studentsUploaded,
      studentsSent: usage.studentsSent,
      teachersCertified: usage.teachersCertified,
      studentsSelected: usage.studentsSelected,
    },
  ],
});
