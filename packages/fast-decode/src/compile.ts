import * as E from 'fp-ts/Either';
import { hasOwn, isRecord, mergeAll, primitiveOf, propsOf, unionDispatchOf, type AnyCodec } from './codecs';

/**
 * io-ts validators build a context and an Either for each field, and every stored event and every command
 * is decoded in full. `compileDecoder` walks a codec once and builds a plain function with io-ts's own
 * semantics (the same checks, brand predicates, exact stripping and copy-on-write) that returns the decoded
 * value or `INVALID`, allocating nothing for a valid input. Callers decode again with io-ts itself on
 * `INVALID`, so a refusal reads exactly as io-ts explains it; a codec it does not know is left to io-ts.
 */
export const INVALID: unique symbol = Symbol('invalid');
export type Compiled = (input: unknown) => unknown;

const byIoTs =
  (codec: AnyCodec): Compiled =>
  (input) => {
    const result = codec.decode(input);
    return E.isLeft(result) ? INVALID : result.right;
  };

export const compileDecoder = (codec: AnyCodec): Compiled => {
  switch (codec._tag) {
    case 'StringType':
      return (u) => (typeof u === 'string' ? u : INVALID);
    case 'NumberType':
      return (u) => (typeof u === 'number' ? u : INVALID);
    case 'BooleanType':
      return (u) => (typeof u === 'boolean' ? u : INVALID);
    case 'NullType':
      return (u) => (u === null ? u : INVALID);
    case 'UndefinedType':
      return (u) => (u === undefined ? u : INVALID);
    case 'UnknownType':
      return (u) => u;
    case 'LiteralType': {
      const value = codec.value;
      return (u) => (u === value ? value : INVALID);
    }
    case 'KeyofType': {
      const keys = codec.keys ?? {};
      return (u) => (typeof u === 'string' && hasOwn.call(keys, u) ? u : INVALID);
    }
    case 'RefinementType': {
      const predicate = codec.predicate!;
      // A stream repeats the same branded values event after event (the student's id, the actor, a term):
      // a predicate is a pure function of its input, so the last string it accepted is not checked again.
      let accepted: string | undefined;
      // A brand of t.string (every id, term and instant) checks the string itself, without a call. A closure
      // of its own, with a literal typeof: folded into the general one below, the gain was gone.
      if (codec.type!._tag === 'StringType') {
        return (u) => {
          if (typeof u !== 'string') return INVALID;
          if (u === accepted) return u;
          if (!predicate(u)) return INVALID;
          if (u.length <= 256) accepted = u;
          return u;
        };
      }
      const inner = compileDecoder(codec.type!);
      return (u) => {
        const a = inner(u);
        if (a === INVALID) return INVALID;
        if (typeof a === 'string') {
          if (a === accepted) return a;
          if (!predicate(a)) return INVALID;
          if (a.length <= 256) accepted = a;
          return a;
        }
        return predicate(a) ? a : INVALID;
      };
    }
    case 'ArrayType': {
      const item = compileDecoder(codec.type!);
      return (u) => {
        if (!Array.isArray(u)) return INVALID;
        let as: unknown[] = u;
        for (let i = 0; i < u.length; i++) {
          const ui: unknown = u[i];
          const ai = item(ui);
          if (ai === INVALID) return INVALID;
          if (ai !== ui) {
            if (as === u) as = u.slice();
            as[i] = ai;
          }
        }
        return as;
      };
    }
    case 'InterfaceType': {
      const keys = Object.keys(codec.props!);
      const kinds = keys.map((key) => primitiveOf(codec.props![key]!));
      // Only fields not checked inline get a decoder of their own.
      const fields = keys.map((key, i) => (kinds[i] === undefined ? compileDecoder(codec.props![key]!) : undefined));
      return (u) => {
        if (!isRecord(u)) return INVALID;
        let a = u;
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i]!;
          const ak = a[k];
          const kind = kinds[i];
          if (kind !== undefined) {
            if (typeof ak !== kind) return INVALID;
            continue;
          }
          const vak = fields[i]!(ak);
          if (vak === INVALID) return INVALID;
          if (vak !== ak || (vak === undefined && !hasOwn.call(a, k))) {
            if (a === u) a = { ...u };
            a[k] = vak;
          }
        }
        return a;
      };
    }
    case 'PartialType': {
      const keys = Object.keys(codec.props!);
      const kinds = keys.map((key) => primitiveOf(codec.props![key]!));
      const fields = keys.map((key, i) => (kinds[i] === undefined ? compileDecoder(codec.props![key]!) : undefined));
      return (u) => {
        if (!isRecord(u)) return INVALID;
        let a = u;
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i]!;
          const ak = a[k];
          const kind = kinds[i];
          if (kind !== undefined) {
            if (ak !== undefined && typeof ak !== kind) return INVALID;
            continue;
          }
          const vak = fields[i]!(ak);
          if (vak === INVALID) {
            if (ak !== undefined) return INVALID;
          } else if (vak !== ak) {
            if (a === u) a = { ...u };
            a[k] = vak;
          }
        }
        return a;
      };
    }
    case 'ExactType': {
      const props = propsOf(codec.type!);
      if (props === undefined) return byIoTs(codec);
      const inner = compileDecoder(codec.type!);
      return (u) => {
        if (!isRecord(u)) return INVALID;
        const a = inner(u);
        if (a === INVALID) return INVALID;
        // io-ts's stripKeys, allocating only when a key must go.
        const o = a as Record<string, unknown>;
        const keys = Object.getOwnPropertyNames(o);
        let i = 0;
        while (i < keys.length && hasOwn.call(props, keys[i]!)) i++;
        if (i === keys.length) return o;
        const r: Record<string, unknown> = {};
        for (const key of keys) if (hasOwn.call(props, key)) r[key] = o[key];
        return r;
      };
    }
    case 'IntersectionType': {
      const members = (codec.types ?? []).map(compileDecoder);
      if (members.length === 0) return (u) => u;
      // Members nearly always give the input back unchanged (every stored event's metadata is such an
      // intersection), and mergeAll of results all equal to the input is the input: no array for those.
      return (u) => {
        let us: unknown[] | undefined;
        for (let i = 0; i < members.length; i++) {
          const a = members[i]!(u);
          if (a === INVALID) return INVALID;
          if (us !== undefined) us.push(a);
          else if (a !== u) {
            us = new Array<unknown>(i).fill(u);
            us.push(a);
          }
        }
        return us === undefined ? u : mergeAll(u, us);
      };
    }
    case 'UnionType': {
      const dispatch = unionDispatchOf(codec.types ?? []);
      if (dispatch.kind === 'io-ts') return byIoTs(codec);
      const members = (codec.types ?? []).map(compileDecoder);
      if (dispatch.kind === 'tagged') {
        const { key, tags } = dispatch;
        const byTag = new Map<unknown, Compiled>(tags.map((tag, i) => [tag, members[i]!]));
        return (u) => {
          if (!isRecord(u)) return INVALID;
          const decode = byTag.get(u[key]);
          return decode === undefined ? INVALID : decode(u);
        };
      }
      return (u) => {
        for (const decode of members) {
          const a = decode(u);
          if (a !== INVALID) return a;
        }
        return INVALID;
      };
    }
    default:
      return byIoTs(codec);
  }
};
