import { errorCodesBuiltIn } from '@licheng/domain/testing';
import type { EventStoreErrorCode } from './errorCodes';

/** Compiles only while every code has its case and no case names a code outside the union. */
const isKnown = (code: EventStoreErrorCode): true => {
  switch (code) {
    case 'COMMAND_ID_REUSED':
    case 'CONCURRENCY_RETRIES_EXHAUSTED':
    case 'EVENT_NOT_STORABLE':
    case 'EVENT_READS_BACK_OTHERWISE':
    case 'STORED_EVENT_INVALID':
    case 'WRONG_EXPECTED_VERSION':
      return true;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
};

const EVERY_CODE = {
  COMMAND_ID_REUSED: true,
  CONCURRENCY_RETRIES_EXHAUSTED: true,
  EVENT_NOT_STORABLE: true,
  EVENT_READS_BACK_OTHERWISE: true,
  STORED_EVENT_INVALID: true,
  WRONG_EXPECTED_VERSION: true,
} satisfies Record<EventStoreErrorCode, true>;

describe('the event store error codes', () => {
  it('name every code the event store builds, and no other', () => {
    expect([...errorCodesBuiltIn(__dirname)].sort()).toEqual(Object.keys(EVERY_CODE).sort());
    expect(Object.keys(EVERY_CODE).every((code) => isKnown(code as EventStoreErrorCode))).toBe(true);
  });
});
