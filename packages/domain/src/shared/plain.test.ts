import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { checkedJsonOf, plainCopyOf } from './plain';

/** What the copy must hold, read independently: own enumerable data, each object a fresh plain one. */
const samePlainData = (copy: unknown, input: unknown): boolean => {
  if (typeof input !== 'object' || input === null) return Object.is(copy, input);
  if (typeof copy !== 'object' || copy === null || copy === input) return false;
  if (Array.isArray(input) !== Array.isArray(copy)) return false;
  if (Object.getPrototypeOf(copy) !== (Array.isArray(input) ? Array.prototype : Object.prototype)) return false;
  const keys = Object.keys(input);
  const copied = Object.keys(copy);
  return (
    keys.length === copied.length &&
    keys.every(
      (key, i) =>
        copied[i] === key &&
        samePlainData(
          Object.getOwnPropertyDescriptor(copy, key)?.value,
          Object.getOwnPropertyDescriptor(input, key)?.value,
        ),
    )
  );
};

describe('the boundary copy of a command', () => {
  it('copies JSON data into fresh plain objects, key for key, an own __proto__ key kept as an own key', () => {
    const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'length', '0'), fc.string());
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
        fc.array(tie('value'), { maxLength: 4 }),
        fc
          .array(fc.tuple(key, tie('value')), { maxLength: 5 })
          .map(
            (entries) =>
              JSON.parse(
                `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`,
              ) as unknown,
          ),
      ),
    })).value;
    fc.assert(
      fc.property(json, (input) => {
        const copy = plainCopyOf(input, 'command');
        return E.isRight(copy) && samePlainData(copy.right, input);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the check of JSON the caller parsed itself', () => {
  it('refuses what the boundary copy refuses, at the same path, and otherwise hands the input on as it is', () => {
    // Lone surrogates in keys and strings, and nesting around the copy's limit, are what either refuses.
    const text = fc.oneof(fc.string(), fc.constantFrom('\ud800', 'a\udfff', '\ud83d\ude00', '__proto__'));
    const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null)),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.array(fc.tuple(text, tie('value')), { maxLength: 4 }).map((entries) => Object.fromEntries(entries)),
      ),
    })).value;
    const nested = fc
      .tuple(json, fc.integer({ min: 60, max: 68 }))
      // One level a wrap, so that the limit of 64 levels is met exactly.
      .map(([value, depth]) =>
        Array.from({ length: depth }).reduce<unknown>((inner, _, i) => (i % 2 ? { k: inner } : [inner]), value),
      );
    fc.assert(
      fc.property(fc.oneof(json, nested), (value) => {
        const parsed = JSON.parse(JSON.stringify(value)) as unknown;
        const copied = plainCopyOf(parsed, 'command');
        const checked = checkedJsonOf(parsed, 'command');
        if (E.isLeft(copied)) expect(checked).toEqual(copied);
        else expect(checked).toEqual(E.right(parsed));
        expect(E.isRight(checked) && checked.right).toBe(E.isRight(copied) && parsed);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a lone surrogate an array holds under a key of its own, as the walk that names the path does', () => {
    const roster = Object.assign([{ studentId: 's1' }], { note: 'a\udfff' });
    const checked = checkedJsonOf({ data: { roster } }, 'command');
    expect(E.isLeft(checked) && checked.left.details['paths']).toEqual(['data.roster.note']);
  });
});
