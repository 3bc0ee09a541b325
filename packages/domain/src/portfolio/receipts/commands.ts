import * as t from 'io-ts';
import { Id } from '../../shared/primitives';
import { Term } from '../../shared/term';
import { ReceiptCategory } from '../../school/workItems';
import { SubmittedItem } from '../../submission/events';
import { ReceiptProblems, ReceiptReviewRecorded } from './events';

const Receipt = { schoolId: Id, studentId: Id, category: ReceiptCategory, period: Term };

/** Sent by the statement process when a submission is accepted (R-SUB-3); the system actor only. */
export const IssueReceiptStatement = t.type({ ...Receipt, fid: Id, items: t.array(SubmittedItem) }, 'IssueReceiptStatement');
export const ConfirmReceipt = t.type(Receipt, 'ConfirmReceipt');
export const ReportReceiptError = t.type({ ...Receipt, problems: ReceiptProblems }, 'ReportReceiptError');
export const RecordReceiptReview = t.type(
  { ...Receipt, finding: ReceiptReviewRecorded.props.data.props.finding },
  'RecordReceiptReview',
);
/** Sent by the deadline runner (R-REC-5, R-AUTH-4). */
export const DeemReceiptCorrect = t.type(Receipt, 'DeemReceiptCorrect');

export const RECEIPT_COMMANDS = {
  IssueReceiptStatement,
  ConfirmReceipt,
  ReportReceiptError,
  RecordReceiptReview,
  DeemReceiptCorrect,
} as const;
