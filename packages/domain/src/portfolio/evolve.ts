import type { Draft } from 'immer';
import type { PortfolioEvent } from './events';
import { evolveOutcome } from './outcomes/evolve';
import { evolvePerformance } from './performances/evolve';
import { countedYear, recountSelections } from './selection/counts';
import { evolveSelection } from './selection/evolve';
import type { PortfolioState } from './state';
import { evolveReceipt } from './receipts/evolve';
import { evolvePlan } from './plans/evolve';
import { evolveApplication } from './applications/evolve';
import { unknownEventIgnored } from '../shared/exhaustive';

/**
 * Total over every portfolio event: an event about an unknown item changes nothing rather than throwing. Each
 * event about an outcome or a performance names the one item it changes, so the selection counts follow it.
 */
export const evolvePortfolio = (state: Draft<PortfolioState>, event: PortfolioEvent): void => {
  switch (event.type) {
    case 'CourseOutcomeUploaded':
    case 'CourseOutcomeEdited':
    case 'CourseOutcomeDeleted':
    case 'CourseOutcomeSentForCertification':
    case 'CourseOutcomeCertified': {
      const before = countedYear(state, 'outcomes', event.data.outcomeId);
      evolveOutcome(state, event);
      return recountSelections(state, 'outcomes', event.data.outcomeId, before);
    }
    case 'PerformanceRecorded':
    case 'PerformanceEdited':
    case 'PerformanceDeleted':
    case 'CadreRecordSynced':
    case 'CadreProofAttached': {
      const before = countedYear(state, 'performances', event.data.performanceId);
      evolvePerformance(state, event);
      return recountSelections(state, 'performances', event.data.performanceId, before);
    }
    case 'CourseOutcomeSelected':
    case 'CourseOutcomeDeselected': {
      const before = countedYear(state, 'outcomes', event.data.outcomeId);
      evolveSelection(state, event);
      return recountSelections(state, 'outcomes', event.data.outcomeId, before);
    }
    case 'PerformanceSelected':
    case 'PerformanceDeselected': {
      const before = countedYear(state, 'performances', event.data.performanceId);
      evolveSelection(state, event);
      return recountSelections(state, 'performances', event.data.performanceId, before);
    }
    case 'ReceiptStatementIssued':
    case 'ReceiptConfirmed':
    case 'ReceiptErrorReported':
    case 'ReceiptReviewRecorded':
    case 'ReceiptDeemedCorrect':
      return evolveReceipt(state, event);
    case 'LearningPlanSubmitted':
    case 'LearningPlanStagePassed':
    case 'LearningPlanReturned':
    case 'LearningPlanApproved':
      return evolvePlan(state, event);
    case 'ApplicationItemsPicked':
      return evolveApplication(state, event);
    default:
      return unknownEventIgnored(event);
  }
};
