import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A seeded source of choices: the same seed makes the same school year. */
export interface Random {
  /** An integer from `min` to `max`, both included. */
  readonly int: (min: number, max: number) => number;
  /** True with probability `p`. */
  readonly chance: (p: number) => boolean;
  readonly pick: <T>(items: ReadonlyArray<T>) => T;
  /** `count` distinct items, in a random order. */
  readonly sample: <T>(items: ReadonlyArray<T>, count: number) => T[];
}

export const seededRandom = (seed: number): Random => {
  const rng = xoroshiro128plus(seed);
  const int = (min: number, max: number) => uniformInt(rng, min, max);
  const sample = <T>(items: ReadonlyArray<T>, count: number): T[] => {
    const pool = [...items];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = int(0, i);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    return pool.slice(0, Math.max(0, Math.min(count, pool.length)));
  };
  return {
    int,
    chance: (p) => int(0, 9_999) < p * 10_000,
    pick: (items) => items[int(0, items.length - 1)]!,
    sample,
  };
};
