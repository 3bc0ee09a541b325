import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fork } from 'node:child_process';
import { log } from './measure';

/** Bumped whenever the generator's output changes, so that a cached log is never one of another generator. */
export const GENERATOR_VERSION = 1;

export interface CityLogFile {
  readonly file: string;
  readonly students: number;
  readonly events: number;
  readonly bytes: number;
  readonly generatedSeconds: number | null;
}

export interface CityPartRequest {
  readonly seed: number;
  readonly schoolYear: number;
  readonly schoolSize: number;
  readonly students: number;
  readonly schools: ReadonlyArray<number>;
  readonly dir: string;
  readonly name: string;
}

/** Where a worker writes school `k`'s block; `.count` beside it holds its number of events. */
export const schoolFile = (dir: string, name: string, k: number): string => join(dir, `${name}.school${k}`);

/** The first position of school `k`'s block: blocks never overlap while a school has fewer than 2^24 events. */
export const SCHOOL_POSITION_STRIDE = 2 ** 24;

/**
 * The city-year log (`writeCityLog` of @licheng/testing), generated once into the system's temporary
 * directory and reused while the seed, size and generator are the same. Two child processes generate
 * alternate schools, each into a file of its own; the files are then joined in school order.
 */
export const cityLog = async (options: { seed: number; students: number; schoolSize?: number; schoolYear?: number; workers?: number }): Promise<CityLogFile> => {
  const schoolSize = options.schoolSize ?? 1_000;
  const schoolYear = options.schoolYear ?? 111;
  const dir = join(tmpdir(), 'licheng-bench');
  mkdirSync(dir, { recursive: true });
  const name = `city-v${GENERATOR_VERSION}-s${options.seed}-n${options.students}-k${schoolSize}-y${schoolYear}`;
  const file = join(dir, `${name}.ndjson`);
  const done = `${file}.done.json`;
  if (existsSync(done) && existsSync(file)) return { ...(JSON.parse(readFileSync(done, 'utf8')) as Omit<CityLogFile, 'generatedSeconds'>), file, generatedSeconds: null };
  // Logs of an older generator are of no use any more; other sizes stay cached for their own runs.
  for (const old of readdirSync(dir)) if (old.startsWith('city-v') && !old.startsWith(`city-v${GENERATOR_VERSION}-`)) rmSync(join(dir, old), { force: true });

  const started = Date.now();
  const schools = Math.ceil(options.students / schoolSize);
  const workers = Math.max(1, Math.min(options.workers ?? 2, schools));
  const parts = Array.from({ length: workers }, (_, w) => ({
    seed: options.seed,
    schoolYear,
    schoolSize,
    students: options.students,
    schools: Array.from({ length: schools }, (_, k) => k).filter((k) => k % workers === w),
    dir,
    name,
  }));
  log(`generating the city log: ${options.students} students in ${schools} schools, ${workers} child processes`);
  await Promise.all(parts.map((part) => runWorker(part)));

  // Join the schools' files in school order, byte for byte: each school's positions start at k · 2^24, so
  // the log's positions increase throughout (with gaps between schools, as the store port allows).
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  let position = 0;
  for (let k = 0; k < schools; k++) {
    const part = schoolFile(dir, name, k);
    await new Promise<void>((resolve, reject) => {
      const input = createReadStream(part, { highWaterMark: 1 << 22 });
      input.on('error', reject);
      input.on('end', resolve);
      input.pipe(out, { end: false });
    });
    position += JSON.parse(readFileSync(`${part}.count`, 'utf8')) as number;
    rmSync(part, { force: true });
    rmSync(`${part}.count`, { force: true });
  }
  await new Promise<void>((resolve) => out.end(resolve));
  const summary = { file, students: options.students, events: position, bytes: statSync(file).size };
  writeFileSync(done, JSON.stringify(summary));
  return { ...summary, generatedSeconds: (Date.now() - started) / 1000 };
};

/**
 * Generation runs in child processes rather than worker threads: memory a thread used stays in this
 * process's RSS after the thread ends, and the rebuild that follows must be measured on its own.
 */
const runWorker = (part: CityPartRequest): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'cityWorker.js'), [JSON.stringify(part)], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`city log generator exited with ${code}`))));
  });
