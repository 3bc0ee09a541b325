import type { Draft } from 'immer';
import type { PortfolioEvent } from '../events';
import { receiptKey, type PortfolioState } from '../state';
import { unknownEventIgnored } from '../../shared/exhaustive';

type ReceiptEvent = Extract<
  PortfolioEvent,
  {
    type:
      | 'ReceiptStatementIssued'
      | 'ReceiptConfirmed'
      | 'ReceiptErrorReported'
      | 'ReceiptReviewRecorded'
      | 'ReceiptDeemedCorrect';
  }
>;

const ANSWER_OF = {
  ReceiptConfirmed: 'confirmed',
  ReceiptErrorReported: 'reported',
  ReceiptDeemedCorrect: 'deemedCorrect',
} as const;

export const evolveReceipt = (state: Draft<PortfolioState>, event: ReceiptEvent): void => {
  const key = receiptKey(event.data.category, event.data.period);
  switch (event.type) {
    case 'ReceiptStatementIssued': {
      const { studentId, category, period, fid, items } = event.data;
      state.studentId = studentId;
      const receipt = state.receipts[key];
      // A corrected resubmission replaces what was received; answers already given stay (R-REC-2).
      if (receipt) {
        receipt.fid = fid;
        receipt.items = items;
        receipt.issuedFids.push(fid);
      } else {
        state.receipts[key] = {
          category,
          period,
          fid,
          items,
          issuedFids: [fid],
          reportedFid: null,
          answer: null,
          review: null,
          recheckAnswer: null,
        };
      }
      // R-PERF-8: a performance in an accepted submission can no longer be edited or deleted.
      if (category === 'performances') {
        for (const item of items) {
          const performance = state.performances[item.itemId];
          if (performance) performance.submitted = true;
        }
      }
      return;
    }
    case 'ReceiptConfirmed':
    case 'ReceiptErrorReported':
    case 'ReceiptDeemedCorrect': {
      const receipt = state.receipts[key];
      if (!receipt) return;
      if (event.data.stage === 'first') {
        receipt.answer = ANSWER_OF[event.type];
        if (event.type === 'ReceiptErrorReported') receipt.reportedFid = receipt.fid;
      } else receipt.recheckAnswer = ANSWER_OF[event.type];
      return;
    }
    case 'ReceiptReviewRecorded': {
      const receipt = state.receipts[key];
      if (receipt) receipt.review = event.data.finding;
      return;
    }
    default:
      return unknownEventIgnored(event);
  }
};
