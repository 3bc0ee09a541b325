import type { Draft } from 'immer';
import type { PortfolioEvent } from '../events';
import type { PortfolioState } from '../state';
import { unknownEventIgnored } from '../../shared/exhaustive';

type PlanEvent = Extract<
  PortfolioEvent,
  { type: 'LearningPlanSubmitted' | 'LearningPlanStagePassed' | 'LearningPlanReturned' | 'LearningPlanApproved' }
>;

export const evolvePlan = (state: Draft<PortfolioState>, event: PlanEvent): void => {
  switch (event.type) {
    case 'LearningPlanSubmitted': {
      const {
        studentId,
        planId,
        schoolYear,
        semester,
        title,
        description,
        periodsPerWeek,
        weeks,
        startDate,
        endDate,
        advisorId,
        stages,
      } = event.data;
      state.studentId = studentId;
      state.plans[planId] = {
        planId,
        schoolYear,
        semester,
        title,
        description,
        periodsPerWeek,
        weeks,
        startDate,
        endDate,
        ...(advisorId === undefined ? {} : { advisorId }),
        stages,
        stageIndex: 0,
        status: 'inReview',
      };
      return;
    }
    case 'LearningPlanStagePassed': {
      const plan = state.plans[event.data.planId];
      if (plan) plan.stageIndex = event.data.stage + 1;
      return;
    }
    case 'LearningPlanReturned': {
      const plan = state.plans[event.data.planId];
      if (plan) plan.status = 'returned';
      return;
    }
    case 'LearningPlanApproved': {
      const plan = state.plans[event.data.planId];
      if (plan) plan.status = 'approved';
      return;
    }
    default:
      return unknownEventIgnored(event);
  }
};
