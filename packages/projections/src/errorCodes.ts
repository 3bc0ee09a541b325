import type { DomainError } from '@licheng/domain';

/**
 * The codes of the read side's refusals: who may read what (R-AUTH-1/2/5/6), a stored event or log line it
 * cannot read, a projection stopped by an event it cannot fold. A caller's `switch (error.code)` over these
 * ends in a `never` check; errorCodes.test.ts fails when the sources build a code this union does not name.
 */
export type ProjectionErrorCode =
  | 'LOG_LINE_INVALID'
  | 'NOT_HOMEROOM_TEACHER'
  | 'NOT_OWN_PORTFOLIO'
  | 'PARENT_NOT_LINKED'
  | 'PROJECTION_FAILED'
  | 'READ_NOT_ALLOWED'
  | 'STORED_EVENT_INVALID'
  | 'STUDENT_NOT_ENROLLED';

export type ProjectionError = DomainError<ProjectionErrorCode>;
