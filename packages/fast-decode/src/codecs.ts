import type * as t from 'io-ts';

/**
 * What the compiler reads of an io-ts codec: its `_tag` and the fields each combinator keeps. These are
 * io-ts 2.2.22's own (public but undocumented) instance fields; `ioTsPin.test.ts` fails loudly if an io-ts
 * release renames one, and package.json pins io-ts to that exact version as a peer.
 */
export type AnyCodec = t.Decoder<unknown, unknown> & {
  readonly _tag?: string;
  readonly type?: AnyCodec;
  readonly types?: ReadonlyArray<AnyCodec>;
  readonly props?: Readonly<Record<string, AnyCodec>>;
  readonly predicate?: (a: unknown) => boolean;
  readonly value?: unknown;
  readonly keys?: Readonly<Record<string, unknown>>;
};

/** Every `_tag` the compiler handles itself; any other codec is decoded by io-ts. */
export const COMPILED_TAGS = [
  'StringType',
  'NumberType',
  'BooleanType',
  'NullType',
  'UndefinedType',
  'UnknownType',
  'LiteralType',
  'KeyofType',
  'RefinementType',
  'ArrayType',
  'InterfaceType',
  'PartialType',
  'ExactType',
  'IntersectionType',
  'UnionType',
] as const;

export const hasOwn = Object.prototype.hasOwnProperty;
export const isRecord = (u: unknown): u is Record<string, unknown> =>
  u !== null && typeof u === 'object' && !Array.isArray(u);

/** io-ts's `getProps`: the properties an exact codec keeps. */
export const propsOf = (codec: AnyCodec): Readonly<Record<string, unknown>> | undefined => {
  switch (codec._tag) {
    case 'RefinementType':
    case 'ReadonlyType':
      return codec.type ? propsOf(codec.type) : undefined;
    case 'InterfaceType':
    case 'StrictType':
    case 'PartialType':
      return codec.props;
    case 'IntersectionType': {
      const props: Record<string, unknown> = {};
      for (const member of codec.types ?? []) {
        const more = propsOf(member);
        if (more === undefined) return undefined;
        Object.assign(props, more);
      }
      return props;
    }
    default:
      return undefined;
  }
};

/** io-ts's `mergeAll`, which an intersection's result is. */
export const mergeAll = (base: unknown, us: ReadonlyArray<unknown>): unknown => {
  let equal = true;
  let primitive = true;
  const baseIsNotADictionary = !isRecord(base);
  for (const u of us) {
    if (u !== base) equal = false;
    if (isRecord(u)) primitive = false;
  }
  if (equal) return base;
  if (primitive) return us[us.length - 1];
  const r: Record<string, unknown> = {};
  for (const u of us as ReadonlyArray<Record<string, unknown>>) {
    for (const k in u) {
      if (!hasOwn.call(r, k) || baseIsNotADictionary || u[k] !== (base as Record<string, unknown>)[k]) r[k] = u[k];
    }
  }
  return r;
};

/** The value of a literal field every input of the codec must have, if there is one (a union's tag). */
export const requiredLiteral = (codec: AnyCodec, key: string): { value: unknown } | undefined => {
  switch (codec._tag) {
    case 'ExactType':
    case 'RefinementType':
      return codec.type ? requiredLiteral(codec.type, key) : undefined;
    case 'InterfaceType': {
      const field = codec.props?.[key];
      return field?._tag === 'LiteralType' ? { value: field.value } : undefined;
    }
    case 'IntersectionType':
      for (const member of codec.types ?? []) {
        const found = requiredLiteral(member, key);
        if (found) return found;
      }
      return undefined;
    default:
      return undefined;
  }
};

/**
 * How a union picks the member that decodes an input. A union whose members each require a different literal at
 * one key (a tagged union) can go to the one member that could succeed: every other member fails on that
 * literal, so trying them in order is the same (`tags[i]` is member i's literal). Two members with the same
 * literal leave the union to io-ts; any other union tries its members in order.
 */
export type UnionDispatch =
  | { readonly kind: 'tagged'; readonly key: string; readonly tags: ReadonlyArray<unknown> }
  | { readonly kind: 'in-order' }
  | { readonly kind: 'io-ts' };

export const unionDispatchOf = (members: ReadonlyArray<AnyCodec>): UnionDispatch => {
  const first = members[0];
  const key =
    first?._tag === 'ExactType' || first?._tag === 'InterfaceType' || first?._tag === 'IntersectionType'
      ? Object.keys(propsOf(first._tag === 'ExactType' ? first.type! : first) ?? {}).find((k) =>
          members.every((member) => requiredLiteral(member, k)),
        )
      : undefined;
  if (key === undefined) return { kind: 'in-order' };
  const tags = members.map((member) => requiredLiteral(member, key)!.value);
  return new Set(tags).size === tags.length ? { kind: 'tagged', key, tags } : { kind: 'io-ts' };
};

/**
 * The `typeof` a codec checks and nothing more (t.string, t.number, t.boolean), or undefined. Objects and
 * refinements check such fields inline: calling a small closure per field costs more than the check, because
 * a call site that reaches many different closures cannot be inlined.
 */
export type Primitive = 'string' | 'number' | 'boolean';
export const primitiveOf = (codec: AnyCodec): Primitive | undefined =>
  codec._tag === 'StringType'
    ? 'string'
    : codec._tag === 'NumberType'
      ? 'number'
      : codec._tag === 'BooleanType'
        ? 'boolean'
        : undefined;
