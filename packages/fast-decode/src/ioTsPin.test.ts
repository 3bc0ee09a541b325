import { readFileSync } from 'node:fs';
import * as t from 'io-ts';
import { COMPILED_TAGS, type AnyCodec } from './codecs';
import { compileDecoder, INVALID } from './compile';

/**
 * The compiler reads io-ts's codec instances by their `_tag` and fields (codecs.ts). Those are io-ts 2.2.22's;
 * this test fails if an upgrade changes any of them, before the property tests would only find decoders
 * silently falling back to io-ts. Upgrading io-ts means reading its `index.ts` again and updating both.
 */
describe('the io-ts internals the fast decoder relies on', () => {
  it('is io-ts 2.2.22 exactly, the version the compiler was written against', () => {
    const manifest = JSON.parse(readFileSync(require.resolve('io-ts/package.json'), 'utf8')) as { version: string };
    expect(manifest.version).toBe('2.2.22');
  });

  const Leaf = t.string;
  const shapes: ReadonlyArray<readonly [(typeof COMPILED_TAGS)[number] | 'ReadonlyType', t.Mixed, string[]]> = [
    ['StringType', t.string, []],
    ['NumberType', t.number, []],
    ['BooleanType', t.boolean, []],
    ['NullType', t.null, []],
    ['UndefinedType', t.undefined, []],
    ['UnknownType', t.unknown, []],
    ['LiteralType', t.literal('a'), ['value']],
    ['KeyofType', t.keyof({ a: null }), ['keys']],
    [
      'RefinementType',
      t.brand(Leaf, (s): s is t.Branded<string, { readonly B: unique symbol }> => s !== '', 'B'),
      ['type', 'predicate'],
    ],
    ['RefinementType', t.refinement(Leaf, (s) => s !== ''), ['type', 'predicate']],
    ['ArrayType', t.array(Leaf), ['type']],
    ['InterfaceType', t.type({ a: Leaf }), ['props']],
    ['PartialType', t.partial({ a: Leaf }), ['props']],
    ['ExactType', t.strict({ a: Leaf }), ['type']],
    ['ExactType', t.exact(t.type({ a: Leaf })), ['type']],
    ['IntersectionType', t.intersection([t.type({ a: Leaf }), t.partial({ b: Leaf })]), ['types']],
    ['UnionType', t.union([t.literal('a'), t.literal('b')]), ['types']],
    ['ReadonlyType', t.readonly(t.type({ a: Leaf })), ['type']],
  ];

  it.each(shapes)('tags a %s codec so, with the fields the compiler reads', (tag, codec, fields) => {
    const instance = codec as unknown as AnyCodec & Record<string, unknown>;
    expect(instance._tag).toBe(tag);
    for (const field of fields) expect(instance[field]).toBeDefined();
    if (fields.includes('type')) expect(instance.type?._tag).toEqual(expect.any(String));
    if (fields.includes('types')) expect(instance.types?.every((member) => typeof member._tag === 'string')).toBe(true);
    if (fields.includes('props')) expect(instance.props?.['a']).toBe(Leaf);
    if (fields.includes('predicate')) expect(typeof instance.predicate).toBe('function');
  });

  it('compiles every tag it lists, and leaves an unlisted one (a tuple) to io-ts with the same answers', () => {
    expect(new Set(shapes.map(([tag]) => tag))).toEqual(new Set([...COMPILED_TAGS, 'ReadonlyType']));
    const Pair = t.tuple([t.string, t.number]) as unknown as AnyCodec;
    expect(COMPILED_TAGS).not.toContain(Pair._tag);
    expect(compileDecoder(Pair)(['a', 1])).toEqual(['a', 1]);
    expect(compileDecoder(Pair)(['a', 'b'])).toBe(INVALID);
  });
});
