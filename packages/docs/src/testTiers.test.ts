import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { INTEGRATION_TESTS } from '../../../jest.config';

const ROOT = join(__dirname, '..', '..', '..');

/** Calls that start a server or PostgreSQL in process: a test that makes one belongs to the integration tier. */
const STARTS_A_SERVER = /\b(openPglite|startEmbeddedServer|startStandIn|startBenchServer)\(/;

const testFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'dist') return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [relative(ROOT, path)] : [];
  });

describe('the test tiers the README names', () => {
  it('lists every test that starts a server or PGlite in the integration tier (jest.config.ts)', () => {
    const starting = [...testFiles(join(ROOT, 'packages')), ...testFiles(join(ROOT, 'examples'))].filter(
      (file) => !file.includes('/reliability/') && STARTS_A_SERVER.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(starting.length).toBeGreaterThan(10);
    expect(starting.filter((file) => !INTEGRATION_TESTS.includes(file))).toEqual([]);
  });
});
