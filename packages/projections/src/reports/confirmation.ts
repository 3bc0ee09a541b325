import { isApplicable, periodOf, receiptKey, type ReceiptAnswer, type ReceiptCategory } from '@licheng/domain';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { DomainError } from '@licheng/domain';
import type { ReportReceipt, ReportsSource } from '../reportsView';
import { classRoster, schoolOf, yearOf } from './roster';
import type { Table } from './table';

/** R-REP-1's five statuses. */
export type ReceiptStatus = 'pending' | 'confirmed' | 'reported' | 'deemed' | 'notApplicable';

export const RECEIPT_STATUS_LABELS: Readonly<Record<ReceiptStatus, string>> = {
  pending: '待確認',
  confirmed: '已確認',
  reported: '已回報',
  deemed: '視為確認',
  notApplicable: '不適用',
};

/** R-REC-6 / seed 001: the column order the homeroom teacher's screen shows. */
export const RECEIPT_CATEGORIES: ReadonlyArray<ReceiptCategory> = [
  'courseRecords',
  'courseOutcomes',
  'performances',
  'cadreRecords',
];

export const RECEIPT_CATEGORY_LABELS: Readonly<Record<ReceiptCategory, string>> = {
  courseRecords: '修課紀錄',
  courseOutcomes: '學習成果',
  performances: '多元表現',
  cadreRecords: '幹部經歷',
};

const STATUS_OF_ANSWER: Readonly<Record<ReceiptAnswer, ReceiptStatus>> = {
  confirmed: 'confirmed',
  reported: 'reported',
  deemedCorrect: 'deemed',
};

/**
 * A student's status in one category: not applicable without a statement (R-REC-1), pending until the
 * first answer, then the latest answer — a re-check answer, when there is one, supersedes the report.
 */
export const receiptStatusOf = (receipt: ReportReceipt | undefined): ReceiptStatus => {
  if (!isApplicable(receipt)) return 'notApplicable';
  if (receipt.recheckAnswer !== null) return STATUS_OF_ANSWER[receipt.recheckAnswer];
  return receipt.answer === null ? 'pending' : STATUS_OF_ANSWER[receipt.answer];
};

/**
 * R-REP-6: the statuses each of the seed's two filters keeps. 視為確認 counts as confirmed; 已回報 is pending
 * until the re-check is answered (a re-check answer replaces it as the status); 不適用 is in neither.
 */
export const FILTER_STATUSES: Readonly<Record<'confirmed' | 'pending', ReadonlyArray<ReceiptStatus>>> = {
  confirmed: ['confirmed', 'deemed'],
  pending: ['pending', 'reported'],
};

/** The statuses someone still has to act on: the student (待確認) or the school, reviewing a report (已回報). */
export const NEEDS_ACTION: ReadonlyArray<ReceiptStatus> = ['pending', 'reported'];

/** Confirmed counts the students who confirmed or were deemed to; a report is an answer, not a confirmation. */
const isConfirmed = (status: ReceiptStatus): boolean => FILTER_STATUSES.confirmed.includes(status);
const isPending = (status: ReceiptStatus): boolean => FILTER_STATUSES.pending.includes(status);

export interface ClassConfirmationRow {
  readonly className: string;
  readonly seatNumber: number;
  readonly studentNumber: string;
  readonly name: string;
  readonly statuses: Readonly<Record<ReceiptCategory, ReceiptStatus>>;
}

export interface ClassConfirmationReport {
  readonly classId: string;
  readonly className: string;
  readonly term: string;
  /** Per category: confirmed of applicable, and the class size (班級人數) beside them (R-REP-1). */
  readonly totals: ReadonlyArray<{
    readonly category: ReceiptCategory;
    readonly confirmed: number;
    readonly applicable: number;
    readonly classSize: number;
  }>;
  readonly rows: ReadonlyArray<ClassConfirmationRow>;
}

/**
 * R-REP-6: `pending` (待確認) keeps the students with a category 待確認 or 已回報; `confirmed` (已確認) those with
 * at least one category that applies and every applicable one 已確認 or 視為確認; a student to whom nothing
 * applies is in neither.
 */
export type ConfirmationFilter = 'all' | 'confirmed' | 'pending';

/**
 * R-REP-1 / R-REC-6: for a class and term, per category how many confirmed of how many apply, and each
 * student's status. Course and cadre records are those of the term; outcomes and performances those of
 * its school year (seed 000: term 1112 confirms 111 學習成果 and 多元表現).
 */
export const classConfirmationReport = (
  view: ReportsSource,
  query: {
    readonly schoolId: string;
    readonly classId: string;
    readonly term: string;
    readonly filter?: ConfirmationFilter;
  },
): E.Either<DomainError, ClassConfirmationReport> =>
  pipe(
    schoolOf(view, query.schoolId),
    E.map(({ policy, portfolios }) => {
      const roster = classRoster(policy, query.classId, yearOf(query.term));
      const all = roster.map(({ student, className, seatNumber }) => {
        const receipts = portfolios[student.studentId]?.receipts ?? {};
        const statuses = Object.fromEntries(
          RECEIPT_CATEGORIES.map((category) => [
            category,
            receiptStatusOf(receipts[receiptKey(category, periodOf(category, query.term))]),
          ]),
        ) as Record<ReceiptCategory, ReceiptStatus>;
        return { className, seatNumber, studentNumber: student.studentNumber, name: student.name, statuses };
      });
      return summariseConfirmation(query, policy.classes[query.classId]?.name ?? query.classId, all);
    }),
  );

/**
 * The report from its rows (every student of the class, by seat): the totals, then the filter. Shared by
 * every reader of the statuses, in memory or from the PostgreSQL read model.
 */
export const summariseConfirmation = (
  query: { readonly classId: string; readonly term: string; readonly filter?: ConfirmationFilter },
  className: string,
  all: ReadonlyArray<ClassConfirmationRow>,
): ClassConfirmationReport => {
  const totals = RECEIPT_CATEGORIES.map((category) => ({
    category,
    confirmed: all.filter((row) => isConfirmed(row.statuses[category])).length,
    applicable: all.filter((row) => row.statuses[category] !== 'notApplicable').length,
    classSize: all.length,
  }));
  const pending = (row: ClassConfirmationRow) => RECEIPT_CATEGORIES.some((c) => isPending(row.statuses[c]));
  const confirmed = (row: ClassConfirmationRow) =>
    !pending(row) && RECEIPT_CATEGORIES.some((c) => isConfirmed(row.statuses[c]));
  const filter = query.filter ?? 'all';
  const rows = filter === 'all' ? all : all.filter(filter === 'pending' ? pending : confirmed);
  return { classId: query.classId, className, term: query.term, totals, rows };
};

export const classConfirmationTable = (report: ClassConfirmationReport): Table => ({
  title: `${report.className} ${report.term} 收訖明細確認統計`,
  columns: [
    { key: 'className', header: '班級' },
    { key: 'seatNumber', header: '座號' },
    { key: 'studentNumber', header: '學號' },
    { key: 'name', header: '姓名' },
    ...RECEIPT_CATEGORIES.map((category) => ({ key: category, header: RECEIPT_CATEGORY_LABELS[category] })),
  ],
  rows: report.rows.map((row) => ({
    className: row.className,
    seatNumber: String(row.seatNumber).padStart(2, '0'),
    studentNumber: row.studentNumber,
    name: row.name,
    ...Object.fromEntries(RECEIPT_CATEGORIES.map((c) => [c, RECEIPT_STATUS_LABELS[row.statuses[c]]])),
  })),
  // The whole class's confirmed/applicable, as the screen shows above the list, whatever the filter.
  totals: {
    className: '合計',
    ...Object.fromEntries(report.totals.map((t) => [t.category, `${t.confirmed}/${t.applicable}`])),
  },
  attention: NEEDS_ACTION.map((status) => RECEIPT_STATUS_LABELS[status]),
});
