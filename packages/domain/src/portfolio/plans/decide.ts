import * as E from 'fp-ts/Either';
import { NonNegativeInt } from '../../shared/primitives';
import { checkDescription } from '../../shared/files';
import { earliestPerformanceDate, termOf } from '../../shared/term';
import { schoolErrors } from '../../school/errors';
import { homeroomTeacherOf, isTeacherOf } from '../../school/policy';
import type { PlanApprovalStage } from '../../school/events';
import type { PortfolioCommandOf } from '../commands';
import {
  actingStudent,
  decideOn,
  decideWith,
  enrolled,
  onItem,
  present,
  notSealed,
  type Decision,
  type PortfolioContext,
} from '../context';
import { performanceErrors, planErrors } from '../errors';
import type { PlanState, PortfolioState } from '../state';
import { freshId } from '../storage';

/** R-PLAN-1: submitted with the school's approval order; a returned plan may be submitted again. */
export const submitLearningPlan = (
  command: PortfolioCommandOf<'SubmitLearningPlan'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision => {
  const { schoolId: _schoolId, ...data } = command.data;
  const existing = state.plans[data.planId];
  const stages = context.policy.planApprovalStages;
  const entry = context.policy.students[data.studentId]?.entrySchoolYear;
  return decideWith(
    [
      actingStudent(context, data.studentId, command.type),
      enrolled(context, data.studentId),
      () => (stages.length > 0 ? null : planErrors.approvalOrderNotSet()),
      existing
        ? () => (existing.status === 'returned' ? null : planErrors.notReturned(data.planId))
        : freshId(state, data.planId, 'R-PLAN-1'),
      () =>
        stages.some((s) => s.kind === 'advisor') && data.advisorId === undefined
          ? planErrors.advisorRequired(data.planId)
          : null,
      // R-PLAN-1 / R-AUTH-3: the advisor approves a stage, so it must be a teacher of the school — never the student.
      () =>
        data.advisorId !== undefined &&
        (data.advisorId === data.studentId || !isTeacherOf(context.policy, data.advisorId))
          ? schoolErrors.teacherNotRegistered(data.advisorId, 'advisor', 'R-PLAN-1')
          : null,
      () => (data.endDate < data.startDate ? performanceErrors.datesReversed(data.startDate, data.endDate) : null),
      () =>
        entry !== undefined && data.startDate < earliestPerformanceDate(entry)
          ? performanceErrors.dateTooEarly(data.startDate, earliestPerformanceDate(entry))
          : null,
      () => checkDescription(data.description),
    ],
    () => [{ type: 'LearningPlanSubmitted', data: { ...data, stages: stages.map((s) => ({ ...s })) } }],
  );
};

const reviewerOf = (
  context: PortfolioContext,
  plan: PlanState,
  studentId: string,
  stage: PlanApprovalStage,
): boolean => {
  const { actor, policy } = context;
  switch (stage.kind) {
    case 'roleGroup':
      // R-AUTH-5: a group's members act for it only while it is in use (是否使用=是).
      return (
        (actor.role === 'teacher' || actor.role === 'admin') &&
        (policy.roleGroups[stage.groupId]?.inUse ?? false) &&
        (policy.roleGroups[stage.groupId]?.memberIds.includes(actor.id) ?? false)
      );
    case 'advisor':
      return actor.role === 'teacher' && actor.id === plan.advisorId;
    case 'homeroom':
      return actor.role === 'teacher' && actor.id === homeroomTeacherOf(policy, studentId, plan.schoolYear);
  }
};

/** R-PLAN-1: each stage, in order, passes or returns; passing the last records a 自主學習 performance. */
export const reviewLearningPlan = (
  command: PortfolioCommandOf<'ReviewLearningPlan'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision => {
  const { studentId, planId, decision, reason } = command.data;
  const plan = state.plans[planId];
  const stage = plan?.stages[plan.stageIndex];
  const reviewerId = context.actor.id;
  // The plan under review, its stage, and that stage's index as the events carry it (NonNegativeInt).
  const review =
    plan && plan.status === 'inReview' && stage && NonNegativeInt.is(plan.stageIndex)
      ? { plan, stage, index: plan.stageIndex }
      : undefined;
  const notInReview = () => planErrors.notInReview(planId, plan?.status ?? 'missing');
  return decideOn(
    review,
    notInReview,
    [
      enrolled(context, studentId),
      present(review, notInReview),
      onItem(review, (r) =>
        reviewerOf(context, r.plan, studentId, r.stage)
          ? null
          : planErrors.notStageReviewer(planId, r.index, reviewerId),
      ),
      () => (decision === 'return' && reason === undefined ? planErrors.returnReasonRequired(planId) : null),
      // R-SEAL-2: the last pass records a performance, which a sealed year no longer takes.
      onItem(review, ({ plan: p }) =>
        decision === 'pass' && p.stageIndex + 1 >= p.stages.length
          ? notSealed(context, studentId, 'performances', termOf(p.schoolYear, 0))()
          : null,
      ),
    ],
    ({ plan: p, index }) => {
      if (decision === 'return')
        return reason === undefined
          ? E.left(planErrors.returnReasonRequired(planId))
          : E.right([{ type: 'LearningPlanReturned', data: { planId, stage: index, reviewerId, reason } }]);
      const passed = { type: 'LearningPlanStagePassed', data: { planId, stage: index, reviewerId } } as const;
      if (p.stageIndex + 1 < p.stages.length) return E.right([passed]);
      return E.right([
        passed,
        { type: 'LearningPlanApproved', data: { planId, performanceId: planId } },
        {
          type: 'PerformanceRecorded',
          data: {
            studentId,
            performanceId: planId,
            schoolYear: p.schoolYear,
            semester: p.semester,
            details: {
              category: 'flexibleLearning',
              kind: '自主學習',
              name: p.title,
              periodsPerWeek: p.periodsPerWeek,
              weeks: p.weeks,
            },
            startDate: p.startDate,
            endDate: p.endDate,
            description: p.description,
          },
        },
      ]);
    },
  );
};
