import type { EventDocs } from '../../shared/eventDoc';
import type { PortfolioCommandType } from '../commands';
import type { RECEIPT_EVENTS } from './events';

/** Receipt statement events: what each records, the rules behind it, the commands that record it (docs/events.md). */
export const RECEIPT_EVENT_DOCS: EventDocs<typeof RECEIPT_EVENTS, PortfolioCommandType> = {
  ReceiptStatementIssued: {
    meaning:
      'The receipt statement (收訖明細) of an accepted submission reached the student, each item with its fields ' +
      '(`details`, R-REC-7); ' +
      "a corrected resubmission replaces items and FID and keeps the answers, until the student's answer " +
      'seals the data (R-SEAL-3). ' +
      'Schema v2: a v1 statement (items `{ itemId, title }`) is upcast with `details: null` on each item.',
    rules: ['R-SUB-3', 'R-REC-1', 'R-REC-7', 'R-PERF-8', 'R-ROUND-1', 'R-SEAL-3'],
    commands: ['IssueReceiptStatement'],
  },
  ReceiptConfirmed: {
    meaning: 'The student confirmed the data correct (資料正確無誤), in the first answer or the re-check; final.',
    rules: ['R-REC-2', 'R-REC-4'],
    commands: ['ConfirmReceipt'],
  },
  ReceiptErrorReported: {
    meaning: 'The student reported errors (資料狀態回報: 資料有多/有少/有誤, each with a reason); final.',
    rules: ['R-REC-2', 'R-REC-3', 'R-REC-4'],
    commands: ['ReportReceiptError'],
  },
  ReceiptReviewRecorded: {
    meaning:
      "The school's review of a first report: the data was right, or it corrected and resubmitted; the " +
      're-check follows.',
    rules: ['R-REC-4'],
    commands: ['RecordReceiptReview'],
  },
  ReceiptDeemedCorrect: {
    meaning:
      'No answer when the confirmation (or re-check) window closed: deemed correct (視為正確無誤), recorded ' +
      'by the system.',
    rules: ['R-REC-5', 'R-AUTH-4'],
    commands: ['DeemReceiptCorrect'],
  },
};
