import type { EventDocs } from '../../shared/eventDoc';
import type { PortfolioCommandType } from '../commands';
import type { PLAN_EVENTS } from './events';

/** Learning plan events: what each records, the rules behind it, the commands that record it (docs/events.md). */
export const PLAN_EVENT_DOCS: EventDocs<typeof PLAN_EVENTS, PortfolioCommandType> = {
  LearningPlanSubmitted: {
    meaning:
      'A self-directed learning plan submitted, or submitted again after a return, with the approval stages ' +
      'then in force.',
    rules: ['R-PLAN-1', 'R-PERF-4', 'R-PERF-5', 'R-FILE-2'],
    commands: ['SubmitLearningPlan'],
  },
  LearningPlanStagePassed: {
    meaning: 'The reviewer of the current stage passed the plan.',
    rules: ['R-PLAN-1'],
    commands: ['ReviewLearningPlan'],
  },
  LearningPlanReturned: {
    meaning: 'The reviewer of the current stage returned the plan, with a reason.',
    rules: ['R-PLAN-1'],
    commands: ['ReviewLearningPlan'],
  },
  LearningPlanApproved: {
    meaning:
      'Every stage passed; followed in the same batch by a 自主學習 PerformanceRecorded with the plan id as ' +
      'performance id.',
    rules: ['R-PLAN-1', 'R-PERF-5'],
    commands: ['ReviewLearningPlan'],
  },
};
