import * as t from 'io-ts';
import { codecsByType, eventCodec } from '../shared/codecs';
import { Id, NonEmptyText, withOptional } from '../shared/primitives';
import { Cohorts } from '../school/rounds';
import { ItemDetails } from './items';
import { Term } from '../shared/term';
import { ReceiptCategory } from '../school/workItems';

/**
 * One item as submitted: the portfolio item (outcome, performance, cadre record) or course record it stands
 * for, and (R-REC-7) its fields as the central database holds them; `details` is optional, so a roster
 * written before R-REC-7 reads as it was.
 */
export const SubmittedItem = withOptional(
  { itemId: Id, title: NonEmptyText },
  { details: ItemDetails },
  'SubmittedItem',
);
export type SubmittedItem = t.TypeOf<typeof SubmittedItem>;

/** An item of a receipt statement (R-REC-7): `details` null on a statement issued before R-REC-7 (v1, upcast). */
export const StatementItem = t.strict(
  { itemId: Id, title: NonEmptyText, details: t.union([ItemDetails, t.null]) },
  'StatementItem',
);
export type StatementItem = t.TypeOf<typeof StatementItem>;

/** R-SUB-3: what one student's part of a roster holds. */
export const RosterEntry = t.strict({ studentId: Id, items: t.array(SubmittedItem) }, 'RosterEntry');
export type RosterEntry = t.TypeOf<typeof RosterEntry>;

/** R-SUB-1 / R-SUB-2: an attempt (FID) to submit a category's roster for a period to the central database. */
export const RosterSubmitted = eventCodec(
  'RosterSubmitted',
  withOptional(
    { fid: Id, category: ReceiptCategory, period: Term, submitterId: Id, roster: t.array(RosterEntry) },
    // R-ROUND-1: the round's cohorts; absent for the round of every cohort (every attempt before rounds).
    { cohorts: Cohorts },
    'RosterSubmittedData',
  ),
);

/** R-SUB-2: the central database refused the attempt (資料檢核錯誤) with its validation message. */
export const SubmissionRejected = eventCodec('SubmissionRejected', t.strict({ fid: Id, message: NonEmptyText }));

/** R-SUB-2: the central database accepted the attempt (檢核無誤，資料已匯入). */
export const SubmissionAccepted = eventCodec('SubmissionAccepted', t.strict({ fid: Id, message: NonEmptyText }));

export const SubmissionEvent = t.union([RosterSubmitted, SubmissionRejected, SubmissionAccepted], 'SubmissionEvent');
export type SubmissionEvent = t.TypeOf<typeof SubmissionEvent>;
export const SUBMISSION_EVENT_CODECS = codecsByType<SubmissionEvent>(SubmissionEvent.types);
