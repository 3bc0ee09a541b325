import * as t from 'io-ts';
import { eventCodec } from '../../shared/codecs';
import { Id, NonEmptyText, withOptional } from '../../shared/primitives';
import { Cohorts } from '../../school/rounds';
import { Term } from '../../shared/term';
import { ReceiptCategory } from '../../school/workItems';
import { StatementItem } from '../../submission/events';

/** R-REC-2 / R-REC-4: the first answer inside the confirmation window, or the second inside the re-check window. */
export const ReceiptStage = t.keyof({ first: null, recheck: null }, 'ReceiptStage');
export type ReceiptStage = t.TypeOf<typeof ReceiptStage>;

/** R-REC-2: extra (資料有多), missing (資料有少) or wrong (資料有誤), each with a reason. */
export const ReceiptProblem = t.strict(
  { kind: t.keyof({ extra: null, missing: null, wrong: null }), reason: NonEmptyText },
  'ReceiptProblem',
);
export type ReceiptProblem = t.TypeOf<typeof ReceiptProblem>;
export const ReceiptProblems = t.refinement(t.array(ReceiptProblem), (a) => a.length > 0, 'NonEmptyReceiptProblems');

const Receipt = { category: ReceiptCategory, period: Term };

/** R-SUB-3: what an accepted submission (FID) holds for this student, in one category and period. */
export const ReceiptStatementIssued = eventCodec(
  'ReceiptStatementIssued',
  withOptional(
    // Schema v2 (R-REC-7): each item carries its fields (`details`); a v1 item is upcast with `details: null`.
    { studentId: Id, ...Receipt, fid: Id, items: t.array(StatementItem) },
    // R-ROUND-1: the round the statement belongs to; absent for the round of every cohort.
    { cohorts: Cohorts },
    'ReceiptStatementIssuedData',
  ),
);

/** R-REC-2: the student confirmed the data correct (資料正確無誤); final. */
export const ReceiptConfirmed = eventCodec('ReceiptConfirmed', t.strict({ ...Receipt, stage: ReceiptStage }));

/** R-REC-2: the student reported errors (資料狀態回報); final. */
export const ReceiptErrorReported = eventCodec(
  'ReceiptErrorReported',
  t.strict({ ...Receipt, stage: ReceiptStage, problems: ReceiptProblems }),
);

/** R-REC-4: the school's review of a report: the data was right, or it corrected and resubmitted. */
export const ReceiptReviewRecorded = eventCodec(
  'ReceiptReviewRecorded',
  t.strict({ ...Receipt, finding: t.keyof({ dataWasRight: null, corrected: null }), reviewerId: Id }),
);

/** R-REC-5 / R-AUTH-4: no answer when the window closed; recorded by the system after the deadline. */
export const ReceiptDeemedCorrect = eventCodec('ReceiptDeemedCorrect', t.strict({ ...Receipt, stage: ReceiptStage }));

export const RECEIPT_EVENTS = [
  ReceiptStatementIssued,
  ReceiptConfirmed,
  ReceiptErrorReported,
  ReceiptReviewRecorded,
  ReceiptDeemedCorrect,
] as const;
