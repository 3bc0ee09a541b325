import { errorCodesBuiltIn } from '@licheng/domain/testing';
import type { ProjectionErrorCode } from './errorCodes';

/** Compiles only while every code has its case and no case names a code outside the union. */
const isKnown = (code: ProjectionErrorCode): true => {
  switch (code) {
    case 'LOG_LINE_INVALID':
    case 'NOT_HOMEROOM_TEACHER':
    case 'NOT_OWN_PORTFOLIO':
    case 'PARENT_NOT_LINKED':
    case 'PROJECTION_FAILED':
    case 'READ_NOT_ALLOWED':
    case 'STORED_EVENT_INVALID':
    case 'STUDENT_NOT_ENROLLED':
      return true;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
};

const EVERY_CODE = {
  LOG_LINE_INVALID: true,
  NOT_HOMEROOM_TEACHER: true,
  NOT_OWN_PORTFOLIO: true,
  PARENT_NOT_LINKED: true,
  PROJECTION_FAILED: true,
  READ_NOT_ALLOWED: true,
  STORED_EVENT_INVALID: true,
  STUDENT_NOT_ENROLLED: true,
} satisfies Record<ProjectionErrorCode, true>;

describe('the projections error codes', () => {
  it('name every code the projections builds, and no other', () => {
    expect([...errorCodesBuiltIn(__dirname)].sort()).toEqual(Object.keys(EVERY_CODE).sort());
    expect(Object.keys(EVERY_CODE).every((code) => isKnown(code as ProjectionErrorCode))).toBe(true);
  });
});
