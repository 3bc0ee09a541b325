import * as fc from 'fast-check';
import type { AnyCodec } from '../codecs';

/**
 * Test inputs for any io-ts codec: values built the codec's way, with a valid value often enough that both
 * decoders' accepting paths are exercised, and damaged copies of them so that both refusing paths are too.
 * A brand's predicate (a Taipei instant, a term, a digest) is hard to hit at random, so refinements and
 * leaves draw half their values from a pool of real values that the codec accepts.
 */

/** A key other than `__proto__`: decodeWith refuses input holding one before any decoder runs. */
const safeKey = fc.string({ maxLength: 6 }).filter((key) => key !== '__proto__');

/** Any JSON-like value, as a damaged command or a damaged stored event may hold. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.anything({ key: safeKey, maxDepth: 2, maxKeys: 3 }),
);

/** Every value that occurs anywhere inside `samples` (objects, arrays and leaves), once each. */
export const harvest = (samples: ReadonlyArray<unknown>): ReadonlyArray<unknown> => {
  const found = new Map<string, unknown>();
  const walk = (value: unknown): void => {
    const key =
      typeof value === 'object' && value !== null ? JSON.stringify(value) : `${typeof value}:${String(value)}`;
    if (!found.has(key)) found.set(key, value);
    if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) walk(item);
  };
  samples.forEach(walk);
  return [...found.values()];
};

const structuredClone_ = (value: unknown): unknown =>
  value === undefined ? undefined : JSON.parse(JSON.stringify(value));

const acceptedPools = new WeakMap<AnyCodec, ReadonlyArray<unknown>>();

/** The pool's values the codec accepts, looked for once per codec (ids and instants recur everywhere). */
const acceptedBy = (codec: AnyCodec, pool: ReadonlyArray<unknown>): ReadonlyArray<unknown> => {
  let accepted = acceptedPools.get(codec);
  if (accepted === undefined) {
    accepted = pool.filter((value) => codec.decode(value)._tag === 'Right');
    acceptedPools.set(codec, accepted);
  }
  return accepted;
};

/** Mostly real values the codec accepts, so that a record of ten brands is still valid now and then. */
const withPool = (
  codec: AnyCodec,
  pool: ReadonlyArray<unknown>,
  built: fc.Arbitrary<unknown>,
  poolWeight = 6,
): fc.Arbitrary<unknown> => {
  const accepted = acceptedBy(codec, pool);
  if (accepted.length === 0) return built;
  // A fresh copy each time: decoders may be handed the same object twice in one run otherwise.
  const picked = fc.constantFrom(...accepted).map(structuredClone_);
  return fc.oneof({ weight: poolWeight, arbitrary: picked }, { weight: 1, arbitrary: built });
};

const merged = (parts: ReadonlyArray<unknown>): unknown =>
  parts.every((part) => typeof part === 'object' && part !== null && !Array.isArray(part))
    ? Object.assign({}, ...parts)
    : parts[parts.length - 1];

/** Values shaped by `codec`, many of them valid; `pool` holds real values for the brands. */
export const arbitraryOf = (codec: AnyCodec, pool: ReadonlyArray<unknown>): fc.Arbitrary<unknown> => {
  const of = (inner: AnyCodec): fc.Arbitrary<unknown> => arbitraryOf(inner, pool);
  switch (codec._tag) {
    case 'StringType':
      return fc.string({ maxLength: 8 });
    case 'NumberType':
      return fc.oneof(fc.integer(), fc.double());
    case 'BooleanType':
      return fc.boolean();
    case 'NullType':
      return fc.constant(null);
    case 'UndefinedType':
      return fc.constant(undefined);
    case 'LiteralType':
      return fc.constant(codec.value);
    case 'KeyofType':
      return fc.constantFrom(...Object.keys(codec.keys ?? {}));
    case 'RefinementType':
    case 'ReadonlyType':
      return withPool(codec, pool, of(codec.type!));
    case 'ArrayType':
      return fc.array(of(codec.type!), { maxLength: 3 });
    case 'InterfaceType':
      return fc.record(Object.fromEntries(Object.entries(codec.props!).map(([key, prop]) => [key, of(prop)])));
    case 'PartialType':
      return fc.record(Object.fromEntries(Object.entries(codec.props!).map(([key, prop]) => [key, of(prop)])), {
        requiredKeys: [],
      });
    case 'ExactType':
      // Now and then a key the exact codec must strip.
      return fc
        .tuple(of(codec.type!), fc.option(fc.tuple(safeKey, anyValue), { freq: 4 }))
        .map(([value, extra]) =>
          extra && typeof value === 'object' && value !== null ? { ...value, [`x${extra[0]}`]: extra[1] } : value,
        );
    case 'IntersectionType':
      return fc.tuple(...(codec.types ?? []).map(of)).map(merged);
    case 'UnionType':
      return fc.oneof(...(codec.types ?? []).map(of));
    default:
      return withPool(codec, pool, anyValue);
  }
};

/** Every path to a value inside `value` (the root is the empty path). */
const pathsOf = (value: unknown, path: ReadonlyArray<string> = []): ReadonlyArray<ReadonlyArray<string>> =>
  typeof value === 'object' && value !== null
    ? [path, ...Object.keys(value).flatMap((key) => pathsOf((value as Record<string, unknown>)[key], [...path, key]))]
    : [path];

type Damage = {
  readonly kind: 'replace' | 'delete' | 'add';
  readonly at: number;
  readonly with: unknown;
  readonly key: string;
};
const damage: fc.Arbitrary<Damage> = fc.record({
  kind: fc.constantFrom('replace' as const, 'delete' as const, 'add' as const),
  at: fc.nat(),
  with: anyValue,
  key: safeKey,
});

/** A deep copy of `value` with one value replaced, one key deleted or one key added, at a drawn path. */
export const damaged = (value: unknown, { kind, at, with: replacement, key }: Damage): unknown => {
  const copy = structuredClone_(value);
  const paths = pathsOf(copy);
  const path = paths[at % paths.length]!;
  if (path.length === 0) return kind === 'add' || typeof copy !== 'object' ? replacement : copy;
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((node, step) => (node as Record<string, unknown>)[step], copy) as Record<string, unknown>;
  const last = path[path.length - 1]!;
  if (kind === 'delete') delete parent[last];
  else if (kind === 'add') {
    const target = parent[last];
    // An array's `length` takes only a valid length (anything else throws): there the value is replaced instead.
    const addable = typeof target === 'object' && target !== null && !(Array.isArray(target) && key === 'length');
    if (addable) (target as Record<string, unknown>)[key] = replacement;
    else parent[last] = replacement;
  } else parent[last] = replacement;
  return copy;
};

/** Valid and damaged inputs for `codec`, about half each; whole real values among the valid ones. */
export const inputsOf = (codec: AnyCodec, pool: ReadonlyArray<unknown>): fc.Arbitrary<unknown> => {
  const shaped = withPool(codec, pool, arbitraryOf(codec, pool), 1);
  return fc.oneof(
    shaped,
    fc.tuple(shaped, damage).map(([value, how]) => damaged(value, how)),
  );
};
