import type { Draft } from 'immer';
import { STREAM_PREFIXES } from '@licheng/eventstore';

/**
 * The school and student of `portfolio-{schoolId}-{studentId}`: a school id has no '-' (SchoolId), so the
 * first '-' ends it. Undefined for a name without a school part.
 */
export const portfolioOwnerOf = (streamName: string): { readonly schoolId: string; readonly studentId: string } | undefined => {
  const rest = streamName.slice(STREAM_PREFIXES.portfolio.length);
  const dash = rest.indexOf('-');
  return dash > 0 ? { schoolId: rest.slice(0, dash), studentId: rest.slice(dash + 1) } : undefined;
};

/** The school id of `school-{schoolId}`. */
export const schoolIdOf = (streamName: string): string => streamName.slice(STREAM_PREFIXES.school.length);

/**
 * A new entry added inside a recipe is not drafted by immer, so it must be a mutable copy: the domain's
 * initial states are shared constants.
 */
export const fresh = <T>(initial: T): Draft<T> => structuredClone(initial) as Draft<T>;
