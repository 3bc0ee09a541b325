import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as ((options?: { type: 'major' | 'minor' }) => void) | undefined;

/** A full collection before a measurement, so that one size does not pay for the garbage of the one before. */
export const collectGarbage = (): void => gc?.();

/**
 * Only the young generation (a millisecond or two where a full collection of the bench's heap takes about
 * 70): between parts of one measurement, so that no part pays for the young garbage of the part before.
 */
export const collectYoungGarbage = (): void => gc?.({ type: 'minor' });

export const now = (): number => performance.now();

/** Runs `fn` and returns its result and how long it took, in milliseconds. */
export const timed = async <T>(fn: () => Promise<T> | T): Promise<{ result: T; ms: number }> => {
  const start = now();
  const result = await fn();
  return { result, ms: now() - start };
};

export const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const percentile = (values: ReadonlyArray<number>, p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};

export const rssMB = (): number => process.memoryUsage.rss() / 1_048_576;

export const log = (message: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
};
