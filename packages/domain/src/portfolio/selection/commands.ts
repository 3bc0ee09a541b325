import * as t from 'io-ts';
import { Id, SchoolId } from '../../shared/primitives';

const StudentRef = { schoolId: SchoolId, studentId: Id };

export const SelectCourseOutcome = t.strict({ ...StudentRef, outcomeId: Id }, 'SelectCourseOutcome');
export const DeselectCourseOutcome = t.strict({ ...StudentRef, outcomeId: Id }, 'DeselectCourseOutcome');
export const SelectPerformance = t.strict({ ...StudentRef, performanceId: Id }, 'SelectPerformance');
export const DeselectPerformance = t.strict({ ...StudentRef, performanceId: Id }, 'DeselectPerformance');

export const SELECTION_COMMANDS = {
  SelectCourseOutcome,
  DeselectCourseOutcome,
  SelectPerformance,
  DeselectPerformance,
} as const;
