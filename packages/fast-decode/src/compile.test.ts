import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { AnyCodec } from './codecs';
import { compileDecoder, INVALID } from './compile';
import { generateDecoder } from './generate';
import { Id } from '@licheng/domain';

/** What io-ts itself answers, in the compiled decoder's terms. */
const byIoTs = (codec: AnyCodec, input: unknown): unknown => {
  const result = codec.decode(input);
  return E.isLeft(result) ? INVALID : result.right;
};

// Fields of every kind the compiled decoders check inline (string, number, boolean) or through a closure.
const Shape = t.exact(
  t.intersection([
    t.type({ name: t.string, count: t.number, flag: t.boolean, id: Id, tags: t.array(t.string) }),
    t.partial({ note: t.string, size: t.number, done: t.boolean, owner: Id }),
  ]),
);
const Refined = t.refinement(t.string, (s) => s.length > 2, 'Long');
const Positive = t.refinement(t.number, (n) => n > 0, 'Positive');

const anyValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant('s1'),
  fc.array(fc.string()),
);
const field = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: anyValue });
const shapeInput = fc.record(
  {
    name: field(fc.string()),
    count: field(fc.integer()),
    flag: field(fc.boolean()),
    id: field(fc.constantFrom('s1', 'a.b', 'constructor', 'bad id')),
    tags: field(fc.array(fc.string())),
    note: field(fc.string()),
    size: field(fc.integer()),
    done: field(fc.boolean()),
    owner: field(fc.constantFrom('t1', '')),
    extra: anyValue,
  },
  { requiredKeys: [] },
);

// The closures (the definition) and the decoder generated from them are held to the same answers.
describe.each([
  ['closures', compileDecoder],
  ['generated source', generateDecoder],
] as const)('compiled decoders (%s)', (_compiler, compileDecoder) => {
  it(
    'decode objects with inline-checked primitive fields exactly as io-ts does, present, absent, undefined or of ' +
      'another type (property)',
    () => {
      const compiled = compileDecoder(Shape as AnyCodec);
      fc.assert(
        fc.property(shapeInput, (input) => {
          const expected = byIoTs(Shape as AnyCodec, input);
          const actual = compiled(input);
          if (expected === INVALID) return actual === INVALID;
          return (
            actual !== INVALID &&
            JSON.stringify(actual) === JSON.stringify(expected) &&
            Object.keys(actual as object).join() === Object.keys(expected as object).join()
          );
        }),
        { numRuns: 2_000 },
      );
    },
  );

  it('refuses a missing required string but accepts a missing optional one', () => {
    const compiled = compileDecoder(Shape as AnyCodec);
    const valid = { name: 'n', count: 1, flag: true, id: 's1', tags: [] };
    expect(compiled(valid)).toEqual(valid);
    expect(compiled({ ...valid, name: undefined })).toBe(INVALID);
    expect(compiled({ ...valid, note: undefined })).toEqual({ ...valid, note: undefined });
    expect(compiled({ ...valid, note: 3 })).toBe(INVALID);
  });

  it('checks a refinement of a string inline, and its predicate again for each new string', () => {
    const compiled = compileDecoder(Refined as AnyCodec);
    for (const input of ['abc', 'abc', 'ab', 42, null, undefined, 'abcd'])
      expect(compiled(input)).toBe(byIoTs(Refined as AnyCodec, input));
  });

  it('decodes a refinement of a number as io-ts does, refusing a numeric string', () => {
    const compiled = compileDecoder(Positive as AnyCodec);
    for (const input of [1, 1, 0, -2, '3', null, 2.5])
      expect(compiled(input)).toBe(byIoTs(Positive as AnyCodec, input));
    expect(compiled('3')).toBe(INVALID);
  });
});
