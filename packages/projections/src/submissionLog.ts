import type { Draft } from 'immer';
import type { ReceiptCategory, SubmissionEvent } from '@licheng/domain';
import type { Envelope } from '@licheng/eventstore';

/**
 * One attempt (FID) to submit a category's roster to the central database, as the submission screens of seed
 * 003 list it (3.6, 3.9, 3.14: 學年, 學期, FID, 處理狀態, 提交人員, 提交時間, 取得結果時間) and the reception log
 * shows what was received (3.10). Folded from the submission streams, which the portfolios do not hold (R-REP-7).
 */
export interface SubmissionEntry {
  readonly streamName: string;
  readonly fid: string;
  readonly category: ReceiptCategory;
  readonly period: string;
  /** R-ROUND-1: the round's cohorts; null for the round of every cohort. */
  readonly cohorts: ReadonlyArray<number> | null;
  readonly submitterId: string;
  readonly submittedAt: string;
  readonly students: number;
  readonly items: number;
  readonly status: 'awaitingResult' | 'accepted' | 'rejected';
  /** The central database's message (檢核無誤，資料已匯入 / 資料檢核錯誤 …); absent until the result. */
  readonly message?: string;
  readonly resultAt?: string;
}

/** Every attempt of the school, in the order submitted. */
export type SubmissionLog = ReadonlyArray<SubmissionEntry>;

/** Folds a submission event into the school's log: an attempt is appended, its result fills it in (R-SUB-2). */
export const evolveSubmissionLog = (log: Draft<SubmissionEntry[]>, envelope: Envelope<SubmissionEvent>): void => {
  const { event, metadata, streamName } = envelope;
  if (event.type === 'RosterSubmitted') {
    const { fid, category, period, submitterId, roster } = event.data;
    log.push({
      streamName,
      fid,
      category,
      period,
      cohorts: event.data.cohorts ? [...event.data.cohorts] : null,
      submitterId,
      submittedAt: metadata.occurredAt,
      students: roster.length,
      items: roster.reduce((n, entry) => n + entry.items.length, 0),
      status: 'awaitingResult',
    });
    return;
  }
  const entry = log.find((e) => e.streamName === streamName && e.fid === event.data.fid);
  if (!entry) return;
  entry.status = event.type === 'SubmissionAccepted' ? 'accepted' : 'rejected';
  entry.message = event.data.message;
  entry.resultAt = metadata.occurredAt;
};
