import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A seeded source of choices: the same seed gives the same choices, on every machine. */
export interface Random {
  /** An integer from `min` to `max`, both included. */
  readonly int: (min: number, max: number) => number;
  /** True with probability `p`. */
  readonly chance: (p: number) => boolean;
  readonly pick: <T>(items: ReadonlyArray<T>) => T;
  /** `count` distinct items in a random order. */
  readonly sample: <T>(items: ReadonlyArray<T>, count: number) => T[];
  /** `digits` lowercase hexadecimal digits. */
  readonly hex: (digits: number) => string;
}

/** Mixes a seed with a string (FNV-1a), so that each student and each year draws from its own sequence. */
export const seedOf = (seed: number, ...parts: ReadonlyArray<string | number>): number => {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (const part of parts) {
    const text = `|${part}`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h | 0;
};

export const seededRandom = (seed: number): Random => {
  const rng = xoroshiro128plus(seed);
  const int = (min: number, max: number): number => uniformInt(rng, min, max);
  return {
    int,
    chance: (p) => int(0, 9_999) < p * 10_000,
    pick: (items) => items[int(0, items.length - 1)]!,
    sample: (items, count) => {
      const pool = [...items];
      const n = Math.max(0, Math.min(count, pool.length));
      for (let i = 0; i < n; i++) {
        const j = int(i, pool.length - 1);
        [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      }
      return pool.slice(0, n);
    },
    hex: (digits) => {
      let text = '';
      while (text.length < digits) text += (rng.next() >>> 0).toString(16).padStart(8, '0');
      return text.slice(0, digits);
    },
  };
};
