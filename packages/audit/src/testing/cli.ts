import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../cli/main';
import { linesOf, simulatedYear } from './histories';

/** Test support only: the `licheng` command line run in-process, with what it printed and its exit code. */
export const licheng = async (...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, {
    out: (t) => out.push(t),
    err: (l) => err.push(l),
    progress: () => undefined,
    now: () => new Date('2023-08-01T01:00:00Z'),
  });
  return { code, out: out.join('\n'), err };
};

/** A temporary folder for a test file, and a four-student school year written into it as `events.ndjson`. */
export const cliFixture = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const fixture = {
    dir,
    at: (name: string) => join(dir, name),
    year: join(dir, 'events.ndjson'),
    lines: [] as string[],
  };
  const writeYear = async () => {
    fixture.lines = linesOf((await simulatedYear(4)).records);
    writeFileSync(fixture.year, fixture.lines.join('\n') + '\n');
  };
  return { fixture, writeYear };
};

/** Command lines that are wrong in how licheng is called: each must exit 2 with one line. */
export const BAD_USAGE: ReadonlyArray<[ReadonlyArray<string>]> = [
  [['audit', 'verify']],
  [['audit', 'verify', '--events']],
  [['audit', 'verify', '--events', 'x.ndjson', '--colour']],
  [['audit', 'verify', '--events', 'x.ndjson', '--strict=yes']],
  [['audit', 'check', '--events', 'x.ndjson']],
  [['audit', 'verify', '--store', 'esdb://localhost:2113', '--events', 'x.ndjson']],
  [['report', 'class-confirmation', '--events', 'x.ndjson', '--period', '1112']],
  [['report', 'nonsense', '--events', 'x.ndjson']],
  [['report', 'outcome-status', '--events', 'x.ndjson', '--period', '1112', '--format', 'xlsx']],
  [['report', 'outcome-status', '--events', 'x.ndjson', '--period', '1112', '--at', 'yesterday']],
  [['report', 'outcome-status', '--events', 'x.ndjson', '--at', '2023-04-18T10:29', '--position', '3']],
  [['transfer', 'send']],
  [
    [
      'transfer',
      'import',
      '--events',
      'x',
      '--bundle',
      'b',
      '--token',
      't',
      '--school',
      'sch2',
      '--out',
      'o',
      '--actor',
      'a b',
    ],
  ],
  [['timeline', 'extra', '--events', 'x']],
  [['frobnicate']],
  [[]],
];
