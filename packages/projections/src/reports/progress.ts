import {
  confirmationItemOf,
  periodOf,
  roundCoveringCohort,
  workPeriodOf,
  type DomainError,
  type ReceiptCategory,
} from '@licheng/domain';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { ReportsView } from '../reportsView';
import {
  classConfirmationReport,
  RECEIPT_CATEGORIES,
  RECEIPT_CATEGORY_LABELS,
  RECEIPT_STATUS_LABELS,
  type ReceiptStatus,
} from './confirmation';
import { classesOf, classRoster, schoolOf, yearOf } from './roster';
import { columnSums, type Table } from './table';

export const RECEIPT_STATUSES: ReadonlyArray<ReceiptStatus> = [
  'confirmed',
  'deemed',
  'reported',
  'pending',
  'notApplicable',
];

export interface CategoryProgress {
  readonly category: ReceiptCategory;
  /** How many of the class's students are in each status (R-REP-1). */
  readonly counts: Readonly<Record<ReceiptStatus, number>>;
  /** The end of the confirmation period of the class's round (R-ROUND-2, R-REC-5), when the school set one. */
  readonly deadline: string | null;
}

export interface ClassProgress {
  readonly classId: string;
  readonly className: string;
  readonly students: number;
  readonly categories: ReadonlyArray<CategoryProgress>;
}

/** Receipt confirmation of a term, class by class: what the school summary's chart draws. */
export interface ConfirmationProgress {
  readonly schoolId: string;
  readonly schoolName: string;
  readonly term: string;
  readonly classes: ReadonlyArray<ClassProgress>;
}

const zeroCounts = (): Record<ReceiptStatus, number> => ({
  confirmed: 0,
  deemed: 0,
  reported: 0,
  pending: 0,
  notApplicable: 0,
});

/**
 * R-REP-1 for many classes at once (the term's classes, or those asked for, in name order): per class and
 * category the students in each status and the deadline of the round the class belongs to. A class is one
 * cohort, so its first student's entry year names its round.
 */
export const confirmationProgress = (
  view: ReportsView,
  query: { readonly schoolId: string; readonly term: string; readonly classIds?: ReadonlyArray<string> },
): E.Either<DomainError, ConfirmationProgress> =>
  pipe(
    schoolOf(view, query.schoolId),
    E.chain(({ policy }) => {
      const year = yearOf(query.term);
      const classIds = query.classIds ?? classesOf(policy, year).map((c) => c.classId);
      const classes = classIds.map((classId) =>
        pipe(
          classConfirmationReport(view, { schoolId: query.schoolId, classId, term: query.term }),
          E.map((report): ClassProgress => {
            const entryYear = classRoster(policy, classId, year)[0]?.student.entrySchoolYear;
            const categories = RECEIPT_CATEGORIES.map((category) => {
              const counts = zeroCounts();
              for (const row of report.rows) counts[row.statuses[category]] += 1;
              const period = periodOf(category, query.term);
              const round = roundCoveringCohort(policy, category, period, entryYear);
              return {
                category,
                counts,
                deadline: workPeriodOf(policy, period, confirmationItemOf(category), round)?.end ?? null,
              };
            });
            return { classId, className: report.className, students: report.rows.length, categories };
          }),
        ),
      );
      return pipe(
        E.sequenceArray(classes),
        E.map((done) => ({ schoolId: query.schoolId, schoolName: policy.name, term: query.term, classes: done })),
      );
    }),
  );

/** Confirmed as R-REP-1 counts it: 已確認 or 視為確認. */
export const confirmedOf = (p: CategoryProgress): number => p.counts.confirmed + p.counts.deemed;
/** Applicable: every student but those 不適用. */
export const applicableOf = (p: CategoryProgress): number =>
  RECEIPT_STATUSES.reduce((n, s) => n + (s === 'notApplicable' ? 0 : p.counts[s]), 0);

/** The school summary as a table: per class and category `confirmed/applicable`, and the school's line under it. */
export const confirmationProgressTable = (progress: ConfirmationProgress): Table => {
  const ratio = (ps: ReadonlyArray<CategoryProgress>) =>
    `${ps.reduce((n, p) => n + confirmedOf(p), 0)}/${ps.reduce((n, p) => n + applicableOf(p), 0)}`;
  const pendingOf = (c: ClassProgress) => c.categories.reduce((n, p) => n + p.counts.pending, 0);
  const reportedOf = (c: ClassProgress) => c.categories.reduce((n, p) => n + p.counts.reported, 0);
  const table: Table = {
    title: `${progress.term} 全校收訖明細確認進度`,
    columns: [
      { key: 'className', header: '班級' },
      { key: 'students', header: '班級人數' },
      ...RECEIPT_CATEGORIES.map((category) => ({ key: category, header: RECEIPT_CATEGORY_LABELS[category] })),
      { key: 'pending', header: RECEIPT_STATUS_LABELS.pending },
      { key: 'reported', header: RECEIPT_STATUS_LABELS.reported },
    ],
    rows: progress.classes.map((c) => ({
      className: c.className,
      students: c.students,
      ...Object.fromEntries(c.categories.map((p) => [p.category, ratio([p])])),
      pending: pendingOf(c),
      reported: reportedOf(c),
    })),
  };
  const all = progress.classes.flatMap((c) => c.categories);
  const byCategory = Object.fromEntries(
    RECEIPT_CATEGORIES.map((category) => [category, ratio(all.filter((p) => p.category === category))]),
  );
  return { ...table, totals: { ...columnSums(table, '全校'), ...byCategory } };
};
