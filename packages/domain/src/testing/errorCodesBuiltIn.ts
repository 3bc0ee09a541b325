/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The error codes a package's sources build: the first argument of each call of a factory named in `factories`
 * (`domainError` unless said) given as a literal, in every non-test `.ts` file below `dir`. Each layer's errorCodes
 * test compares it with its code union, so a
 * code built outside the union is found (issue 21, item 6). Test support only: it reads files.
 */
export const errorCodesBuiltIn = (
  dir: string,
  factories: ReadonlyArray<string> = ['domainError'],
): ReadonlySet<string> => {
  const found = new Set<string>();
  const call = new RegExp(`\\b(?:${factories.join('|')})\\(\\s*'([A-Z_]+)'`, 'g');
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) for (const code of errorCodesBuiltIn(path, factories)) found.add(code);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      for (const match of readFileSync(path, 'utf8').matchAll(call)) found.add(match[1]!);
    }
  }
  return found;
};
