import fc from 'fast-check';
import { freeze } from 'immer';
import { freezeDeep } from './freeze';

/** Every object reachable from `value`, by path, and whether it is frozen. */
const frozenness = (value: unknown, path = '$', out: Record<string, boolean> = {}): Record<string, boolean> => {
  if (typeof value !== 'object' || value === null) return out;
  out[path] = Object.isFrozen(value);
  for (const [key, item] of Object.entries(value)) frozenness(item, `${path}.${key}`, out);
  return out;
};

/** The same value twice, with the same objects of it frozen beforehand (`seed` picks them). */
const twins = (value: unknown, seed: number): [unknown, unknown] => {
  const a = structuredClone(value);
  const b = structuredClone(value);
  let n = seed;
  const freezeSome = (x: unknown, y: unknown): void => {
    if (typeof x !== 'object' || x === null) return;
    for (const key of Object.keys(x)) freezeSome((x as never)[key], (y as never)[key]);
    n = (n * 1103515245 + 12345) % 2 ** 31;
    if (n % 5 === 0) [x, y].forEach((o) => Object.freeze(o));
  };
  freezeSome(a, b);
  return [a, b];
};

describe('freezeDeep', () => {
  it('freezes exactly what immer’s deep freeze freezes, frozen parts left as they are', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, seed) => {
        const [ours, immers] = twins(value, seed);
        expect(freezeDeep(ours)).toBe(ours);
        freeze(immers, true);
        expect(frozenness(ours)).toEqual(frozenness(immers));
      }),
      { numRuns: 2_000 },
    );
  });

  it('freezes every object of a state folded in place, to the deepest', () => {
    const state = { outcomes: { a: { files: [{ name: 'x' }], tags: ['t'] } }, counts: { 113: 1 } };
    freezeDeep(state);
    expect(Object.values(frozenness(state)).every(Boolean)).toBe(true);
    expect(() => {
      (state.outcomes.a.files[0] as { name: string }).name = 'y';
    }).toThrow(TypeError);
  });
});
