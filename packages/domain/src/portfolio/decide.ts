import type { PortfolioCommand } from './commands';
import type { Decision, PortfolioContext } from './context';
import {
  certifyCourseOutcome,
  deleteCourseOutcome,
  editCourseOutcome,
  sendCourseOutcomeForCertification,
  uploadCourseOutcome,
} from './outcomes/decide';
import {
  attachCadreProof,
  deletePerformance,
  editPerformance,
  recordPerformance,
  syncCadreRecord,
} from './performances/decide';
import { deselectCourseOutcome, deselectPerformance, selectCourseOutcome, selectPerformance } from './selection/decide';
import type { PortfolioState } from './state';
import {
  confirmReceipt,
  deemReceiptCorrect,
  issueReceiptStatement,
  recordReceiptReview,
  reportReceiptError,
} from './receipts/decide';
import { reviewLearningPlan, submitLearningPlan } from './plans/decide';
import { pickApplicationItems } from './applications/decide';
import { unreachable } from '../shared/exhaustive';

/** The portfolio decider: one function per command, each checking its rules in order (see RULES.md). */
export const decidePortfolio = (
  command: PortfolioCommand,
  state: PortfolioState,
  context: PortfolioContext,
): Decision => {
  switch (command.type) {
    case 'UploadCourseOutcome':
      return uploadCourseOutcome(command, state, context);
    case 'EditCourseOutcome':
      return editCourseOutcome(command, state, context);
    case 'DeleteCourseOutcome':
      return deleteCourseOutcome(command, state, context);
    case 'SendCourseOutcomeForCertification':
      return sendCourseOutcomeForCertification(command, state, context);
    case 'CertifyCourseOutcome':
      return certifyCourseOutcome(command, state, context);
    case 'RecordPerformance':
      return recordPerformance(command, state, context);
    case 'EditPerformance':
      return editPerformance(command, state, context);
    case 'DeletePerformance':
      return deletePerformance(command, state, context);
    case 'SyncCadreRecord':
      return syncCadreRecord(command, state, context);
    case 'AttachCadreProof':
      return attachCadreProof(command, state, context);
    case 'SelectCourseOutcome':
      return selectCourseOutcome(command, state, context);
    case 'DeselectCourseOutcome':
      return deselectCourseOutcome(command, state, context);
    case 'SelectPerformance':
      return selectPerformance(command, state, context);
    case 'DeselectPerformance':
      return deselectPerformance(command, state, context);
    case 'IssueReceiptStatement':
      return issueReceiptStatement(command, state, context);
    case 'ConfirmReceipt':
      return confirmReceipt(command, state, context);
    case 'ReportReceiptError':
      return reportReceiptError(command, state, context);
    case 'RecordReceiptReview':
      return recordReceiptReview(command, state, context);
    case 'DeemReceiptCorrect':
      return deemReceiptCorrect(command, state, context);
    case 'SubmitLearningPlan':
      return submitLearningPlan(command, state, context);
    case 'ReviewLearningPlan':
      return reviewLearningPlan(command, state, context);
    case 'PickApplicationItems':
      return pickApplicationItems(command, state, context);
    default:
      return unreachable(command);
  }
};
