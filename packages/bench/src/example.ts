import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The main job as `npm start` builds it; the bench runs it from the repository, not as a dependency. */
const EXAMPLE_MAIN = join(__dirname, '..', '..', '..', 'examples', 'school-year', 'dist', 'main.js');

/** Issue #18 item 4: the job ran out of a 768 MB heap while writing its outputs; it is measured under that cap. */
const HEAP_CAP_MB = 768;

export interface ExampleRun {
  readonly seconds: number;
  readonly peakRssMB: number;
}

/**
 * Runs `npm start -- --students N --out DIR` (the built example) in a child process under a 768 MB heap cap, and
 * returns its wall time and peak RSS. Its output goes nowhere; a failure throws with the tail of its stderr.
 */
export const measureExampleRun = async (students: number): Promise<ExampleRun> => {
  const dir = await mkdtemp(join(tmpdir(), 'licheng-bench-example-'));
  const rssFile = join(dir, 'peak-rss');
  try {
    const args = [
      `--max-old-space-size=${HEAP_CAP_MB}`,
      '--require',
      join(__dirname, 'peakRss.js'),
      EXAMPLE_MAIN,
      '--students',
      String(students),
      '--out',
      join(dir, 'out'),
    ];
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LICHENG_PEAK_RSS_FILE: rssFile },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (code !== 0) throw new Error(`the example with ${students} students exited with ${code}:\n${stderr}`);
    return { seconds, peakRssMB: Number(await readFile(rssFile, 'utf8')) / 1024 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
