import * as t from 'io-ts';
import { Id, SchoolId, withOptional } from '../../shared/primitives';
import { Cohorts } from '../../school/rounds';
import { Term } from '../../shared/term';
import { ReceiptCategory } from '../../school/workItems';
import { SubmittedItem } from '../../submission/events';
import { ReceiptProblems, ReceiptReviewRecorded } from './events';

const Receipt = { schoolId: SchoolId, studentId: Id, category: ReceiptCategory, period: Term };

/** Sent by the statement process when a submission is accepted (R-SUB-3); the system actor only. */
export const IssueReceiptStatement = withOptional(
  { ...Receipt, fid: Id, items: t.array(SubmittedItem) },
  // R-ROUND-1: the round of the accepted submission; absent for the round of every cohort.
  { cohorts: Cohorts },
  'IssueReceiptStatement',
);
export const ConfirmReceipt = t.strict(Receipt, 'ConfirmReceipt');
export const ReportReceiptError = t.strict({ ...Receipt, problems: ReceiptProblems }, 'ReportReceiptError');
export const RecordReceiptReview = t.strict(
  { ...Receipt, finding: ReceiptReviewRecorded.props.data.type.props.finding },
  'RecordReceiptReview',
);
/** Sent by the deadline runner (R-REC-5, R-AUTH-4). */
export const DeemReceiptCorrect = t.strict(Receipt, 'DeemReceiptCorrect');

export const RECEIPT_COMMANDS = {
  IssueReceiptStatement,
  ConfirmReceipt,
  ReportReceiptError,
  RecordReceiptReview,
  DeemReceiptCorrect,
} as const;
