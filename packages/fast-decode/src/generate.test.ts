import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { AnyCodec } from './codecs';
import { compileDecoder, INVALID } from './compile';
import { generateDecoder } from './generate';
import { compiledOf, decoderFor, fastDecode } from './strategy';

const byIoTs = (codec: t.Mixed, input: unknown): unknown => {
  const result = codec.decode(input);
  return E.isLeft(result) ? INVALID : result.right;
};

/** What `run` returns, and the source of every function it built with `new Function`, joined. */
const withSource = <A>(run: () => A): [A, string] => {
  const real = globalThis.Function;
  const sources: string[] = [];
  globalThis.Function = function (...args: string[]) {
    sources.push(args[args.length - 1] ?? '');
    return real(...args);
  } as FunctionConstructor;
  try {
    return [run(), sources.join('\n')];
  } finally {
    globalThis.Function = real;
  }
};

describe('generated decoders', () => {
  it('read property names that are no identifiers, quotes, line breaks and code included, as io-ts does', () => {
    const names = ['a b', '"', "'", '\\', '\n', '\u2028', '`${x}`', '"]; throw new Error(); //', '__proto__x', '0'];
    const Odd = t.type(Object.fromEntries(names.map((name, i) => [name, i % 2 === 0 ? t.string : t.array(t.string)])));
    const decode = generateDecoder(Odd as unknown as AnyCodec);
    const valid = Object.fromEntries(names.map((name, i) => [name, i % 2 === 0 ? name : [name]]));
    expect(decode(valid)).toBe(valid);
    for (const name of names) {
      const damaged = { ...valid, [name]: 42 };
      expect(decode(damaged)).toBe(INVALID);
      expect(byIoTs(Odd, damaged)).toBe(INVALID);
    }
  });

  it('keep literal values, key sets and predicates out of the source: a literal of any text is matched as itself', () => {
    const Tagged = t.union([
      t.type({ kind: t.literal("'); throw 1; ('"), note: t.refinement(t.string, (s) => s !== 'predicate-marker') }),
      t.type({ kind: t.literal('b\nc') }),
      t.type({ kind: t.keyof({ "x'y": null }) }),
    ]);
    const [decode, source] = withSource(() => generateDecoder(Tagged as unknown as AnyCodec));
    for (const text of ['throw 1', "x'y", 'b\nc', 'b\\nc', 'predicate-marker']) expect(source).not.toContain(text);
    expect(source).toContain('"kind"');
    const first = { kind: "'); throw 1; ('", note: 'n' };
    for (const input of [
      first,
      { ...first, note: 'predicate-marker' },
      { kind: 'b\nc' },
      { kind: "x'y" },
      { kind: 'b' },
      {},
      null,
    ])
      expect(decode(input)).toStrictEqual(byIoTs(Tagged, input));
  });

  it('decode a codec met at several places (a brand used by many fields) through one function, each place checked', () => {
    const Short = t.refinement(t.string, (s) => s.length < 4, 'Short');
    const Pair = t.type({ a: Short, b: Short, c: t.array(Short) });
    const decode = generateDecoder(Pair as unknown as AnyCodec);
    expect(decode({ a: 'x', b: 'x', c: ['x', 'y'] })).toStrictEqual({ a: 'x', b: 'x', c: ['x', 'y'] });
    expect(decode({ a: 'x', b: 'x', c: ['x', 'long'] })).toBe(INVALID);
    expect(decode({ a: 'x', b: 'long', c: [] })).toBe(INVALID);
  });

  it('leave a codec neither compiler knows (a tuple) to io-ts, inside an object as at the top', () => {
    const Pair = t.tuple([t.string, t.number]);
    const Holder = t.type({ pair: Pair });
    expect(generateDecoder(Pair as unknown as AnyCodec)(['a', 1])).toStrictEqual(['a', 1]);
    expect(generateDecoder(Holder as unknown as AnyCodec)({ pair: ['a', 'b'] })).toBe(INVALID);
    expect(generateDecoder(Holder as unknown as AnyCodec)({ pair: ['a', 2] })).toStrictEqual({ pair: ['a', 2] });
  });
});

describe('the decoder fastDecode uses', () => {
  it('is the generated one where the runtime compiles source', () => {
    const Shape = t.type({ a: t.string });
    expect(compiledOf(Shape as unknown as AnyCodec).toString()).toContain('a["a"]');
  });

  it('falls back to the closures, with the same answers, where compiling source is refused', () => {
    const Shape = t.exact(t.type({ a: t.string, n: t.number }));
    const refused = () => {
      throw new EvalError('Code generation from strings disallowed for this context');
    };
    const decode = decoderFor(Shape as unknown as AnyCodec, refused);
    expect(decode.toString()).toBe(compileDecoder(Shape as unknown as AnyCodec).toString());
    expect(decode({ a: 'x', n: 1, extra: true })).toStrictEqual({ a: 'x', n: 1 });
    expect(decode({ a: 'x' })).toBe(INVALID);
    expect(fastDecode(Shape)({ a: 'x', n: 1 })).toStrictEqual(E.right({ a: 'x', n: 1 }));
  });

  it('does not hide a fault of the generator behind the closures: only a refusal to compile falls back', () => {
    const broken = () => {
      throw new SyntaxError('Unexpected token');
    };
    expect(() => decoderFor(t.string as unknown as AnyCodec, broken)).toThrow(SyntaxError);
  });
});
