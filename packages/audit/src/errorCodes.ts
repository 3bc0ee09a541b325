import type { DomainError } from '@licheng/domain';

/** A log file that cannot be read as a log: unreadable, a line that is not JSON or not an event, out of order. */
export type LogErrorCode = 'FILE_UNREADABLE' | 'LOG_LINE_INVALID' | 'LOG_LINE_NOT_JSON' | 'LOG_OUT_OF_ORDER';

/** Refusals of a transfer (R-XFER-1): each cites the rule; `details` says what did not hold. */
export type TransferErrorCode =
  | 'ROLE_NOT_ALLOWED'
  | 'STUDENT_NOT_ENROLLED'
  | 'TRANSFER_BUNDLE_ALTERED'
  | 'TRANSFER_BUNDLE_INVALID'
  | 'TRANSFER_CHAIN_BROKEN'
  | 'TRANSFER_FILE_RENAMED'
  | 'TRANSFER_ID_CONFLICT'
  | 'TRANSFER_TOKEN_MISMATCH';

/** Reports, timelines and views as of an instant that the log cannot give for the query. */
export type ReportErrorCode =
  'PROJECTION_FAILED' | 'REPORT_PERIOD_INVALID' | 'REPORT_QUERY_INCOMPLETE' | 'REPORT_UNKNOWN' | 'STUDENT_NOT_FOUND';

/**
 * The codes of the audit layer's own refusals (issue 21, item 6). Errors it passes on from the layers below
 * keep their codes (`DomainErrorCode`, `EventStoreErrorCode`, `ProjectionErrorCode`). A caller's
 * `switch (error.code)` over these ends in a `never` check; errorCodes.test.ts fails when the sources build a
 * code this union does not name.
 */
export type AuditErrorCode = LogErrorCode | TransferErrorCode | ReportErrorCode;

export type AuditError = DomainError<AuditErrorCode>;
