import * as t from 'io-ts';
import { eventCodec } from '../../shared/codecs';
import { Id, NonEmptyText, NonNegativeInt, PositiveInt, withOptional } from '../../shared/primitives';
import { CalendarDate, SchoolYear, Semester } from '../../shared/term';
import { PlanApprovalStage } from '../../school/events';
import { FlexibleLearningWeeks } from '../performances/details';

/** What a student writes in a self-directed learning plan (自主學習計畫). */
export const PlanContent = {
  required: {
    title: NonEmptyText,
    description: t.string,
    periodsPerWeek: PositiveInt,
    weeks: FlexibleLearningWeeks,
    startDate: CalendarDate,
    endDate: CalendarDate,
  },
  optional: { advisorId: Id },
};

/** R-PLAN-1: submitted (or submitted again after a return) with the approval stages then in force. */
export const LearningPlanSubmitted = eventCodec(
  'LearningPlanSubmitted',
  withOptional(
    {
      studentId: Id,
      planId: Id,
      schoolYear: SchoolYear,
      semester: Semester,
      ...PlanContent.required,
      stages: t.array(PlanApprovalStage),
    },
    PlanContent.optional,
    'LearningPlanSubmittedData',
  ),
);

/** R-PLAN-1: the reviewer of the current stage passed it. */
export const LearningPlanStagePassed = eventCodec(
  'LearningPlanStagePassed',
  t.strict({ planId: Id, stage: NonNegativeInt, reviewerId: Id }),
);

/** R-PLAN-1: the reviewer of the current stage returned it, with a reason. */
export const LearningPlanReturned = eventCodec(
  'LearningPlanReturned',
  t.strict({ planId: Id, stage: NonNegativeInt, reviewerId: Id, reason: NonEmptyText }),
);

/** R-PLAN-1: every stage passed; the plan is recorded as a 自主學習 performance with the plan's id. */
export const LearningPlanApproved = eventCodec('LearningPlanApproved', t.strict({ planId: Id, performanceId: Id }));

export const PLAN_EVENTS = [
  LearningPlanSubmitted,
  LearningPlanStagePassed,
  LearningPlanReturned,
  LearningPlanApproved,
] as const;
