import { errorCodesBuiltIn } from '@licheng/domain/testing';
import type { AuditErrorCode } from './errorCodes';

/** Compiles only while every code has its case and no case names a code outside the union. */
const isKnown = (code: AuditErrorCode): true => {
  switch (code) {
    case 'FILE_UNREADABLE':
    case 'LOG_LINE_INVALID':
    case 'LOG_LINE_NOT_JSON':
    case 'LOG_OUT_OF_ORDER':
    case 'ROLE_NOT_ALLOWED':
    case 'STUDENT_NOT_ENROLLED':
    case 'TRANSFER_BUNDLE_ALTERED':
    case 'TRANSFER_BUNDLE_INVALID':
    case 'TRANSFER_CHAIN_BROKEN':
    case 'TRANSFER_FILE_RENAMED':
    case 'TRANSFER_ID_CONFLICT':
    case 'TRANSFER_TOKEN_MISMATCH':
    case 'PROJECTION_FAILED':
    case 'REPORT_PERIOD_INVALID':
    case 'REPORT_QUERY_INCOMPLETE':
    case 'REPORT_UNKNOWN':
    case 'STUDENT_NOT_FOUND':
      return true;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
};

const EVERY_CODE = {
  FILE_UNREADABLE: true,
  LOG_LINE_INVALID: true,
  LOG_LINE_NOT_JSON: true,
  LOG_OUT_OF_ORDER: true,
  ROLE_NOT_ALLOWED: true,
  STUDENT_NOT_ENROLLED: true,
  TRANSFER_BUNDLE_ALTERED: true,
  TRANSFER_BUNDLE_INVALID: true,
  TRANSFER_CHAIN_BROKEN: true,
  TRANSFER_FILE_RENAMED: true,
  TRANSFER_ID_CONFLICT: true,
  TRANSFER_TOKEN_MISMATCH: true,
  PROJECTION_FAILED: true,
  REPORT_PERIOD_INVALID: true,
  REPORT_QUERY_INCOMPLETE: true,
  REPORT_UNKNOWN: true,
  STUDENT_NOT_FOUND: true,
} satisfies Record<AuditErrorCode, true>;

// Two transfer codes are chosen by which check failed (altered file or mismatched token) and reach
// `transferError` as a typed value, not a literal: the factory's `TransferErrorCode` parameter holds them.
const CHOSEN_BY_CHECK = ['TRANSFER_BUNDLE_ALTERED', 'TRANSFER_TOKEN_MISMATCH'];

describe("the audit layer's error codes", () => {
  it('name every code the audit builds, and no other', () => {
    const built = errorCodesBuiltIn(__dirname, ['domainError', 'lineError', 'transferError']);
    expect([...built, ...CHOSEN_BY_CHECK].sort()).toEqual(Object.keys(EVERY_CODE).sort());
    expect(Object.keys(EVERY_CODE).every((code) => isKnown(code as AuditErrorCode))).toBe(true);
  });
});
