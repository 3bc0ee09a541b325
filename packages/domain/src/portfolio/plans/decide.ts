import { checkDescription } from '../../shared/files';
import { earliestPerformanceDate, termOf } from '../../shared/term';
import { schoolErrors } from '../../school/errors';
import { homeroomTeacherOf, isTeacherOf } from '../../school/policy';
import type { PlanApprovalStage } from '../../school/events';
import type { PortfolioCommandOf } from '../commands';
import {
  actingStudent,
  decideWith,
  enrolled,
  onItem,
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
  return decideWith(
    [
      enrolled(context, studentId),
      () =>
        plan && plan.status === 'inReview' && stage ? null : planErrors.notInReview(planId, plan?.status ?? 'missing'),
      onItem(plan && stage ? { plan, stage } : undefined, (s) =>
        reviewerOf(context, s.plan, studentId, s.stage)
          ? null
          : planErrors.notStageReviewer(planId, s.plan.stageIndex, reviewerId),
      ),
      () => (decision === 'return' && reason === undefined ? planErrors.returnReasonRequired(planId) : null),
      // R-SEAL-2: the last pass records a performance, which a sealed year no longer takes.
      onItem(plan, (p) =>
        decision === 'pass' && p.stageIndex + 1 >= p.stages.length
          ? notSealed(context, studentId, 'performances', termOf(p.schoolYear, 0))()
          : null,
      ),
    ],
    () => {
      const index = plan!.stageIndex as never;
      if (decision === 'return')
        return [{ type: 'LearningPlanReturned', data: { planId, stage: index, reviewerId, reason: reason! } }];
      const passed = { type: 'LearningPlanStagePassed', data: { planId, stage: index, reviewerId } } as const;
      if (plan!.stageIndex + 1 < plan!.stages.length) return [passed];
      const p = plan!;
      return [
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
        } as never,
      ];
    },
  );
};
