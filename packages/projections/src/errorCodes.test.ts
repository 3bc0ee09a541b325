import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** The codes this package's sources build: the first argument of each `domainError(` call given as a literal. */
const codesBuiltIn = (dir: string): ReadonlySet<string> => {
  const found = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) for (const code of codesBuiltIn(path)) found.add(code);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      for (const match of readFileSync(path, 'utf8').matchAll(/domainError\(\s*'([A-Z_]+)'/g)) found.add(match[1]!);
    }
  }
  return found;
};

describe('the projections error codes', () => {
  it('name every code the projections builds, and no other', () => {
    expect([...codesBuiltIn(__dirname)].sort()).toEqual(Object.keys(EVERY_CODE).sort());
    expect(Object.keys(EVERY_CODE).every((code) => isKnown(code as ProjectionErrorCode))).toBe(true);
  });
});
