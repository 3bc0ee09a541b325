import type { RecordedEvent } from '@licheng/eventstore';
import { openPglite } from '@licheng/eventstore-postgres';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nativePglite } from '../../../packages/eventstore-postgres/src/test-support/nativePglite';
import { pagesOf } from './output';

const root = join(__dirname, '..', '..', '..');
const MAIN = join(root, 'examples', 'school-year', 'dist', 'main.js');
const LICHENG = join(root, 'packages', 'audit', 'bin', 'licheng.js');
// `npm start` and `licheng` run the built packages in a process of their own (PGlite does not load inside
// Jest's sandbox); `npm test` builds first, and a bare `jest` on an unbuilt tree skips.
const built = existsSync(MAIN) && existsSync(join(root, 'packages', 'audit', 'dist', 'cli.js'));

const run = (args: ReadonlyArray<string>): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) =>
    execFile(process.execPath, [...args], { timeout: 240_000, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );

/** Every event in the directory's store, read by this process once the example has closed it. */
const eventsIn = async (dir: string): Promise<RecordedEvent[]> => {
  const { store, dispose } = await openPglite(dir, { PGlite: nativePglite() });
  try {
    const events: RecordedEvent[] = [];
    for await (const page of pagesOf(store)) events.push(...page);
    return events;
  } finally {
    await dispose();
  }
};

const occurredAt = (e: RecordedEvent): string => (e.metadata as { occurredAt: string }).occurredAt;

(built ? describe : describe.skip)('npm start -- --data DIR, run twice on one directory', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'licheng-resume-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'adds school year 112 after 111, leaves the events of 111 as they were, and the audit finds the store ' + 'clean',
    async () => {
      const args = [MAIN, '--students', '6', '--seed', '3', '--data', dir];
      const first = await run(args);
      expect(first.stderr).not.toMatch(/Error/);
      expect(first.code).toBe(0);
      expect(first.stdout).not.toContain('resumed');
      expect(first.stdout.split('\n')[0]).toBe(
        `學習歷程 licheng — school year 111 of one school: 6 students, seed 3, PGlite in ${dir}`,
      );
      const year111 = await eventsIn(dir);
      expect(year111.every((e) => occurredAt(e) < '2023-08-01')).toBe(true);

      const second = await run(args);
      expect(second.code).toBe(0);
      const [resumed, heading, counts] = second.stdout.split('\n');
      expect(resumed).toBe(
        `resumed: PGlite in ${dir} already holds ${year111.length} events of school year 111; this run adds school ` +
          `year 112`,
      );
      expect(heading).toBe(`學習歷程 licheng — school year 112 of one school: 6 students, seed 3, PGlite in ${dir}`);
      expect(second.stdout).toContain('class receipt confirmation (R-REP-1): 普通三01班, term 1122');
      expect(second.stdout).toContain('梯次 round 高三 seniors (entry years 110)');

      const both = await eventsIn(dir);
      expect(both.slice(0, year111.length)).toEqual(year111);
      const added = both.slice(year111.length);
      expect(counts).toMatch(new RegExp(`^\\d+ commands, ${added.length} events added, ${both.length} stored in `));
      // Year 112 happens from 2023-08-01 on, and its seals close its own periods (R-ROUND-1, R-SEAL-1).
      expect(added.every((e) => occurredAt(e) >= '2023-08-01' && occurredAt(e) < '2024-08-01')).toBe(true);
      const sealed = added.filter((e) => e.type === 'PeriodSealed').map((e) => (e.data as { period: string }).period);
      expect(new Set(sealed)).toEqual(new Set(['1120', '1122']));

      const audit = await run([LICHENG, 'audit', 'verify', '--data', dir]);
      expect(audit.stdout).toContain(`${both.length} events`);
      expect(audit.stdout.trim().split('\n').pop()).toBe('clean');
      expect(audit.code).toBe(0);
    },
    600_000,
  );
});
