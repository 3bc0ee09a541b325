import type { DomainError } from '@licheng/domain';

/**
 * The codes of the store's own refusals: a stale expected version, retries spent on a busy stream, an event
 * that would not read back, a command id reused for another command, a stored event that no longer decodes.
 * A caller's `switch (error.code)` over these ends in a `never` check; errorCodes.test.ts fails when the
 * sources build a code this union does not name.
 */
export type EventStoreErrorCode =
  | 'COMMAND_ID_REUSED'
  | 'CONCURRENCY_RETRIES_EXHAUSTED'
  | 'EVENT_NOT_STORABLE'
  | 'EVENT_READS_BACK_OTHERWISE'
  | 'STORED_EVENT_INVALID'
  | 'WRONG_EXPECTED_VERSION';

export type EventStoreError = DomainError<EventStoreErrorCode>;
