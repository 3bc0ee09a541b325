import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild } from './child';
import { log } from './measure';

/** Bumped whenever the generator's output changes, so that a cached log is never one of another generator. */
export const GENERATOR_VERSION = 2;

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
  /** Blocks this process writes: block `2k` is school k's stream and first half of students, `2k + 1` the rest. */
  readonly blocks: ReadonlyArray<number>;
  readonly dir: string;
  readonly name: string;
}

/** Where a worker writes block `b`; `.count` beside it holds its number of events. */
export const blockFile = (dir: string, name: string, b: number): string => join(dir, `${name}.block${b}`);

/** The first position of block `b`: blocks never overlap while a half-school has fewer than 2^23 events. */
export const BLOCK_POSITION_STRIDE = 2 ** 23;

/**
 * The city-year log (`writeCityLog` of @licheng/testing), generated once into the system's temporary
 * directory and reused while the seed, size and generator are the same. Two child processes generate
 * alternate schools, each into a file of its own; the files are then joined in school order.
 */
export const cityLog = async (options: {
  seed: number;
  students: number;
  schoolSize?: number;
  schoolYear?: number;
  workers?: number;
}): Promise<CityLogFile> => {
  const schoolSize = options.schoolSize ?? 1_000;
  const schoolYear = options.schoolYear ?? 111;
  const dir = join(tmpdir(), 'licheng-bench');
  mkdirSync(dir, { recursive: true });
  const name = `city-v${GENERATOR_VERSION}-s${options.seed}-n${options.students}-k${schoolSize}-y${schoolYear}`;
  const file = join(dir, `${name}.ndjson`);
  const done = `${file}.done.json`;
  if (existsSync(done) && existsSync(file))
    return {
      ...(JSON.parse(readFileSync(done, 'utf8')) as Omit<CityLogFile, 'generatedSeconds'>),
      file,
      generatedSeconds: null,
    };
  // Logs of an older generator are of no use any more; other sizes stay cached for their own runs.
  for (const old of readdirSync(dir))
    if (old.startsWith('city-v') && !old.startsWith(`city-v${GENERATOR_VERSION}-`))
      rmSync(join(dir, old), { force: true });

  const started = Date.now();
  const schools = Math.ceil(options.students / schoolSize);
  const workers = Math.max(1, Math.min(options.workers ?? 2, 2 * schools));
  // Half-schools, dealt out in turn: an odd number of schools still splits evenly between two processes.
  const blocks = 2 * schools;
  const parts = Array.from({ length: workers }, (_, w) => ({
    seed: options.seed,
    schoolYear,
    schoolSize,
    students: options.students,
    blocks: Array.from({ length: blocks }, (_, b) => b).filter((b) => b % workers === w),
    dir,
    name,
  }));
  log(`generating the city log: ${options.students} students in ${schools} schools, ${workers} child processes`);
  await Promise.all(parts.map((part) => runChild('cityWorker.js', part, 'city log generator')));

  // Join the blocks in order, byte for byte: block b's positions start at b · 2^23, so the log's positions
  // increase throughout (with gaps between blocks, as the store port allows).
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  let position = 0;
  for (let b = 0; b < blocks; b++) {
    const part = blockFile(dir, name, b);
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
