import { roundKey, teacherNameOf, type DomainError, type ReceiptCategory, type SchoolState } from '@licheng/domain';
import { byCodeUnits } from '@licheng/domain/internal';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { ReportsSource } from '../reportsView';
import { submissionsOf } from '../streams';
import type { SubmissionEntry } from '../submissionLog';
import { RECEIPT_CATEGORY_LABELS } from './confirmation';
import { schoolOf } from './roster';
import { rocTime } from './rocTime';
import type { Table } from './table';

/** 003 3.6 / 3.9 / 3.14: one line of a category's submission record (提交紀錄). */
export interface SubmissionHistoryRow {
  readonly schoolYear: number;
  /** 0 for a yearly category (outcomes, performances), as the screens print it. */
  readonly semester: number;
  readonly fid: string;
  /** 處理狀態: the central database's message, or 待取得結果 while none came back. */
  readonly status: string;
  readonly accepted: boolean | null;
  readonly submitterId: string;
  /** 提交人員: the registered name, else the id. */
  readonly submitterName: string;
  readonly submittedAt: string;
  readonly resultAt: string | null;
  /** 封存: whether the round the attempt belongs to is sealed (R-SEAL-1, R-ROUND-1). */
  readonly sealed: boolean;
}

export const AWAITING_RESULT = '待取得結果';

const historyRow = (policy: SchoolState, entry: SubmissionEntry): SubmissionHistoryRow => ({
  schoolYear: Number(entry.period.slice(0, 3)),
  semester: Number(entry.period.slice(3)),
  fid: entry.fid,
  status: entry.message ?? AWAITING_RESULT,
  accepted: entry.status === 'awaitingResult' ? null : entry.status === 'accepted',
  submitterId: entry.submitterId,
  submitterName: teacherNameOf(policy, entry.submitterId),
  submittedAt: entry.submittedAt,
  resultAt: entry.resultAt ?? null,
  sealed: policy.sealed[roundKey(entry.category, entry.period, entry.cohorts)] === true,
});

const newestFirst = (a: SubmissionEntry, b: SubmissionEntry) => byCodeUnits(b.submittedAt, a.submittedAt);

/**
 * R-REP-7 (003 3.6, 3.9, 3.14): every attempt (FID) to submit a category to the central database, newest first
 * as the screens list them, with its result and whether its round is sealed.
 */
export const submissionHistory = (
  view: ReportsSource,
  query: { readonly schoolId: string; readonly category: ReceiptCategory },
): E.Either<DomainError, ReadonlyArray<SubmissionHistoryRow>> =>
  pipe(
    schoolOf(view, query.schoolId),
    E.map((school) =>
      submissionsOf(school)
        .filter((entry) => entry.category === query.category)
        .slice()
        .sort(newestFirst)
        .map((entry) => historyRow(school.policy, entry)),
    ),
  );

export const submissionHistoryTable = (
  category: ReceiptCategory,
  rows: ReadonlyArray<SubmissionHistoryRow>,
): Table => ({
  title: `提交${RECEIPT_CATEGORY_LABELS[category]}至中央資料庫 提交紀錄`,
  columns: [
    { key: 'schoolYear', header: '學年' },
    { key: 'semester', header: '學期' },
    { key: 'fid', header: 'FID' },
    { key: 'status', header: '處理狀態' },
    { key: 'submitterName', header: '提交人員' },
    { key: 'submittedAt', header: '提交時間' },
    { key: 'resultAt', header: '取得結果時間' },
    { key: 'sealed', header: '封存' },
  ],
  rows: rows.map((row) => ({
    schoolYear: row.schoolYear,
    semester: row.semester,
    fid: row.fid,
    status: row.status,
    submitterName: row.submitterName,
    submittedAt: rocTime(row.submittedAt),
    resultAt: row.resultAt === null ? '' : rocTime(row.resultAt),
    sealed: row.sealed ? '是' : '否',
  })),
});

/** 003 3.10: one file the central database received from the school. */
export interface ReceptionRow {
  readonly category: ReceiptCategory;
  readonly fid: string;
  readonly receivedAt: string;
  readonly students: number;
  readonly items: number;
  readonly finishedAt: string | null;
  /** 處理狀態: 處理完成, 檢核錯誤 or 處理中. */
  readonly status: string;
}

const RECEPTION_STATUS = { accepted: '處理完成', rejected: '檢核錯誤', awaitingResult: '處理中' } as const;

/**
 * R-REP-7 (003 3.10 學校查詢接收紀錄): what the central database received, newest first — by default the course
 * records, which reach it from the school's records system as `courseRecords` roster attempts (R-SUB-1).
 */
export const receptionLog = (
  view: ReportsSource,
  query: { readonly schoolId: string; readonly category?: ReceiptCategory },
): E.Either<DomainError, ReadonlyArray<ReceptionRow>> =>
  pipe(
    schoolOf(view, query.schoolId),
    E.map((school) =>
      submissionsOf(school)
        .filter((entry) => entry.category === (query.category ?? 'courseRecords'))
        .slice()
        .sort(newestFirst)
        .map((entry) => ({
          category: entry.category,
          fid: entry.fid,
          receivedAt: entry.submittedAt,
          students: entry.students,
          items: entry.items,
          finishedAt: entry.resultAt ?? null,
          status: RECEPTION_STATUS[entry.status],
        })),
    ),
  );

export const receptionLogTable = (rows: ReadonlyArray<ReceptionRow>): Table => ({
  title: '學校查詢接收紀錄',
  columns: [
    { key: 'category', header: '資料類型' },
    { key: 'fid', header: 'FID' },
    { key: 'receivedAt', header: '資料接收時間' },
    { key: 'students', header: '學生人數' },
    { key: 'items', header: '資料筆數' },
    { key: 'finishedAt', header: '結束處理時間' },
    { key: 'status', header: '處理狀態' },
  ],
  rows: rows.map((row) => ({
    ...row,
    category: RECEIPT_CATEGORY_LABELS[row.category],
    receivedAt: rocTime(row.receivedAt),
    finishedAt: row.finishedAt === null ? '' : rocTime(row.finishedAt),
  })),
});
