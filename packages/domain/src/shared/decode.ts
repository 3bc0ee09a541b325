import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type * as t from 'io-ts';
import { domainError, type DomainError } from './errors';

type Tagged = { readonly _tag?: string; readonly type?: unknown };

/**
 * A union or intersection adds its member index to the context; a reader wants only the data path.
 * Refinements, exact and readonly codecs wrap another codec without adding a step, so look through them.
 */
const isCombinator = (type: t.Decoder<unknown, unknown> | undefined): boolean => {
  let inner = type as Tagged | undefined;
  while (inner && (inner._tag === 'RefinementType' || inner._tag === 'ExactType' || inner._tag === 'ReadonlyType'))
    inner = inner.type as Tagged;
  return inner?._tag === 'UnionType' || inner?._tag === 'IntersectionType';
};

const pathOf = (error: t.ValidationError): string =>
  error.context
    .filter((entry, index) => index > 0 && entry.key !== '' && !isCombinator(error.context[index - 1]?.type))
    .map((entry) => entry.key)
    .join('.');

/** One line per failing path: `data.document.sizeBytes: expected FileSize, got -3`. */
export const describeValidationErrors = (
  errors: t.Errors,
): ReadonlyArray<{ path: string; expected: string; actual: string }> =>
  errors.map((error) => {
    const last = error.context[error.context.length - 1];
    return {
      path: pathOf(error) || '(root)',
      expected: last?.type.name ?? 'unknown',
      actual: safeStringify(error.value),
    };
  });

const safeStringify = (value: unknown): string => {
  if (value === undefined) return 'undefined';
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    try {
      return String(value);
    } catch {
      // A null-prototype object holding a cycle or a BigInt has neither JSON nor a toString.
      return Object.prototype.toString.call(value);
    }
  }
};

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Whether the input holds an own `__proto__` key anywhere (to 64 levels deep). io-ts copies objects with
 * Object.assign, which would turn such a key into the prototype and let unvalidated fields through, so
 * input carrying one is refused before decoding. Every command passes through here: one `hasOwnProperty`
 * per object and a `for…in` over its values, without the key arrays `Object.keys` would build.
 */
const hasPrototypeKey = (value: object, depth: number): boolean => {
  if (hasOwn.call(value, '__proto__')) return true;
  if (depth === 64) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object' && item !== null && hasPrototypeKey(item, depth + 1)) return true;
    }
    return false;
  }
  for (const key in value) {
    const item: unknown = (value as Record<string, unknown>)[key];
    if (typeof item === 'object' && item !== null && hasPrototypeKey(item, depth + 1)) return true;
  }
  return false;
};

/** Where that key is, for the refusal: only an input that has one is walked again for it. */
const prototypeKeyPath = (value: unknown, depth = 0): string | undefined => {
  if (typeof value !== 'object' || value === null || depth > 64) return undefined;
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return key;
    const below = prototypeKeyPath((value as Record<string, unknown>)[key], depth + 1);
    if (below !== undefined) return `${key}.${below}`;
  }
  return undefined;
};

/** How a codec is run over untrusted input: io-ts's `Either` of its errors or the decoded value. */
export type Decode<A> = (input: unknown) => E.Either<t.Errors, A>;

/**
 * How the boundary turns a codec into a decoder. The domain's is io-ts's own `codec.decode`, the definition;
 * a store may plug in another with the same answers (`@licheng/eventstore` plugs in `@licheng/fast-decode`,
 * held equal to io-ts by its property tests). The `__proto__` refusal and the error paths stay here, whatever
 * the strategy.
 */
export type DecodeStrategy = <A, O>(codec: t.Type<A, O, unknown>) => Decode<A>;

export const ioTsDecoding: DecodeStrategy = (codec) => (input) => codec.decode(input);

/**
 * Decodes untrusted input with a codec; a failure becomes an `INVALID_INPUT` error naming every failing path.
 * `what` names the input in the message (e.g. `command SelectCourseOutcome`); `strategy` runs the codec.
 */
export const decodeWith = <A, O>(codec: t.Type<A, O, unknown>, what: string, strategy = ioTsDecoding) => {
  const decode = strategy(codec);
  return (input: unknown): E.Either<DomainError<'INVALID_INPUT'>, A> => {
    const smuggled =
      typeof input === 'object' && input !== null && hasPrototypeKey(input, 0) ? prototypeKeyPath(input) : undefined;
    if (smuggled !== undefined) {
      return E.left(
        domainError(
          'INVALID_INPUT',
          null,
          `${what} 含有不允許的鍵 __proto__（${smuggled}）`,
          `${what} carries a forbidden __proto__ key at ${smuggled}`,
          {
            paths: [smuggled],
            problems: [{ path: smuggled, expected: 'no __proto__ key', actual: '__proto__' }],
          },
        ),
      );
    }
    return pipe(
      decode(input),
      E.mapLeft((errors) => {
        const problems = describeValidationErrors(errors);
        const paths = [...new Set(problems.map((p) => p.path))];
        const first = problems[0];
        const detail = first ? `${first.path}: expected ${first.expected}, got ${first.actual}` : '';
        return domainError(
          'INVALID_INPUT',
          null,
          `${what} 格式錯誤（${paths.join('、')}）：${detail}`,
          `${what} is malformed at ${paths.join(', ')}: ${detail}`,
          { paths, problems },
        );
      }),
    );
  };
};
