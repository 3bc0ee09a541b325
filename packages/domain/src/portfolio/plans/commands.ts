import * as t from 'io-ts';
import { Id, SchoolId, NonEmptyText, withOptional } from '../../shared/primitives';
import { SchoolYear, Semester } from '../../shared/term';
import { PlanContent } from './events';

const PlanRef = { schoolId: SchoolId, studentId: Id, planId: Id };

export const SubmitLearningPlan = withOptional(
  { ...PlanRef, schoolYear: SchoolYear, semester: Semester, ...PlanContent.required },
  PlanContent.optional,
  'SubmitLearningPlan',
);
export const ReviewLearningPlan = withOptional(
  { ...PlanRef, decision: t.keyof({ pass: null, return: null }) },
  { reason: NonEmptyText },
  'ReviewLearningPlan',
);

export const PLAN_COMMANDS = { SubmitLearningPlan, ReviewLearningPlan } as const;
