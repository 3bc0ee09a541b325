import { describeValidationErrors, domainError, type DomainError, type Tagged } from '@licheng/domain';
import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { EventMetadata } from './metadata';
import type { NewEvent, RecordedEvent } from './port';

/** A decoded event with where and how it was recorded. */
export interface Envelope<Event> {
  readonly event: Event;
  readonly metadata: EventMetadata;
  readonly eventId: string;
  readonly streamName: string;
  readonly revision: number;
  readonly position: number;
}

/** Turns one schema version's data into the next one's. */
export type Upcaster = (data: unknown) => unknown;

export interface EventSerializerOptions<Event extends Tagged> {
  /** The codec of each event type, of the whole `{ type, data }` (as `codecsByType` builds them). */
  readonly codecs: { readonly [K in Event['type']]: t.Type<Extract<Event, { type: K }>, unknown, unknown> };
  /** The current schema version of each type; 1 when absent. */
  readonly versions?: { readonly [K in Event['type']]?: number };
  /** Per type, the step from each older version to the next: `{ 1: v1ToV2, 2: v2ToV3 }`. */
  readonly upcasters?: { readonly [K in Event['type']]?: { readonly [fromVersion: number]: Upcaster } };
}

export interface EventSerializer<Event extends Tagged> {
  toNewEvent(event: Event, metadata: Omit<EventMetadata, 'schemaVersion'>, eventId: string): NewEvent;
  decode(recorded: RecordedEvent): E.Either<DomainError, Envelope<Event>>;
  handles(type: string): boolean;
}

interface EventType {
  readonly codec: t.Type<Tagged, unknown, unknown>;
  readonly compiled: Compiled;
  readonly version: number;
  /** Index i turns version i + 1 into version i + 2. */
  readonly steps: ReadonlyArray<Upcaster>;
}

/**
 * Replay's hot path decodes every stored event with io-ts, whose validators build a context and an Either
 * for each field. `compileDecoder` walks a codec once and builds a plain function with io-ts's own semantics
 * (the same checks, brand predicates, exact stripping and copy-on-write) that returns the decoded value or
 * `INVALID`, allocating nothing for a valid input. On `INVALID` the serializer decodes again with io-ts
 * itself, so a refusal reads exactly as before; a codec it does not know is simply left to io-ts.
 */
const INVALID: unique symbol = Symbol('invalid');
type Compiled = (input: unknown) => unknown;

const hasOwn = Object.prototype.hasOwnProperty;
const isRecord = (u: unknown): u is Record<string, unknown> => u !== null && typeof u === 'object' && !Array.isArray(u);

type AnyCodec = t.Decoder<unknown, unknown> & {
  readonly _tag?: string;
  readonly type?: AnyCodec;
  readonly types?: ReadonlyArray<AnyCodec>;
  readonly props?: Readonly<Record<string, AnyCodec>>;
  readonly predicate?: (a: unknown) => boolean;
  readonly value?: unknown;
  readonly keys?: Readonly<Record<string, unknown>>;
};

/** io-ts's `getProps`: the properties an exact codec keeps. */
const propsOf = (codec: AnyCodec): Readonly<Record<string, unknown>> | undefined => {
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
const mergeAll = (base: unknown, us: ReadonlyArray<unknown>): unknown => {
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
const requiredLiteral = (codec: AnyCodec, key: string): { value: unknown } | undefined => {
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

const byIoTs = (codec: AnyCodec): Compiled => (input) => {
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
      const inner = compileDecoder(codec.type!);
      const predicate = codec.predicate!;
      // A stream repeats the same branded values event after event (the student's id, the actor, a term):
      // a predicate is a pure function of its input, so the last string it accepted is not checked again.
      let accepted: string | undefined;
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
      const fields = keys.map((key) => compileDecoder(codec.props![key]!));
      return (u) => {
        if (!isRecord(u)) return INVALID;
        let a = u;
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i]!;
          const ak = a[k];
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
      const fields = keys.map((key) => compileDecoder(codec.props![key]!));
      return (u) => {
        if (!isRecord(u)) return INVALID;
        let a = u;
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i]!;
          const ak = a[k];
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
      return (u) => {
        const us: unknown[] = [];
        for (const member of members) {
          const a = member(u);
          if (a === INVALID) return INVALID;
          us.push(a);
        }
        return mergeAll(u, us);
      };
    }
    case 'UnionType': {
      const members = (codec.types ?? []).map((member) => ({ member, decode: compileDecoder(member) }));
      // A union whose members each require a different literal at one key (a tagged union) can pick the one
      // member that could succeed: every other member fails on that literal, so trying them in order is the same.
      const first = members[0]?.member;
      const tagKey = first?._tag === 'ExactType' || first?._tag === 'InterfaceType' || first?._tag === 'IntersectionType'
        ? Object.keys(propsOf(first._tag === 'ExactType' ? first.type! : first) ?? {}).find((key) => members.every(({ member }) => requiredLiteral(member, key)))
        : undefined;
      if (tagKey !== undefined) {
        const byTag = new Map<unknown, Compiled>();
        for (const { member, decode } of members) {
          const { value } = requiredLiteral(member, tagKey)!;
          if (!byTag.has(value)) byTag.set(value, decode);
          else return byIoTs(codec);
        }
        return (u) => {
          if (!isRecord(u)) return INVALID;
          const decode = byTag.get(u[tagKey]);
          return decode === undefined ? INVALID : decode(u);
        };
      }
      return (u) => {
        for (const { decode } of members) {
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

type Problem = { readonly path: string; readonly expected: string; readonly actual: string };

const storedEventInvalid = (recorded: RecordedEvent, problems: ReadonlyArray<Problem>): DomainError<'STORED_EVENT_INVALID'> => {
  const paths = [...new Set(problems.map((problem) => problem.path))];
  const first = problems[0];
  const detail = first ? `${first.path}: expected ${first.expected}, got ${first.actual}` : '';
  const { streamName, revision, type } = recorded;
  return domainError(
    'STORED_EVENT_INVALID',
    null,
    `串流 ${streamName} 第 ${revision} 版的事件（${type}）無法讀取，問題在 ${paths.join('、')}：${detail}`,
    `The stored event at ${streamName} revision ${revision} (${type}) is unreadable at ${paths.join(', ')}: ${detail}`,
    { streamName, revision, type, paths },
  );
};

const under = (prefix: string, errors: t.Errors): ReadonlyArray<Problem> =>
  describeValidationErrors(errors).map((problem) => ({
    ...problem,
    path: problem.path === '(root)' ? prefix : `${prefix}.${problem.path}`,
  }));

/** Reads the configuration once; a missing upcaster is a deployment error, so it fails at start-up. */
const eventTypesOf = <Event extends Tagged>(options: EventSerializerOptions<Event>): ReadonlyMap<string, EventType> => {
  const byType = new Map<string, EventType>();
  const versions: Readonly<Record<string, number | undefined>> = options.versions ?? {};
  const upcasters: Readonly<Record<string, Readonly<Record<number, Upcaster>> | undefined>> = options.upcasters ?? {};
  // Keyed by string at run time; the mapped type has already tied each codec to its event type.
  const codecs = options.codecs as unknown as Readonly<Record<string, t.Type<Tagged, unknown, unknown>>>;
  for (const [type, codec] of Object.entries(codecs)) {
    const version = versions[type] ?? 1;
    if (!Number.isSafeInteger(version) || version < 1) throw new Error(`schema version of ${type} must be a positive integer`);
    const steps: Upcaster[] = [];
    for (let from = 1; from < version; from++) {
      const step = upcasters[type]?.[from];
      if (!step) throw new Error(`${type} is at schema version ${version} but has no upcaster from version ${from}`);
      steps.push(step);
    }
    byType.set(type, { codec, compiled: compileDecoder(codec as AnyCodec), version, steps });
  }
  return byType;
};

export const createEventSerializer = <Event extends Tagged>(options: EventSerializerOptions<Event>): EventSerializer<Event> => {
  const types = eventTypesOf(options);

  const toNewEvent = (event: Event, metadata: Omit<EventMetadata, 'schemaVersion'>, eventId: string): NewEvent => {
    const known = types.get(event.type);
    if (!known) throw new Error(`no codec for event type ${event.type}`);
    const encoded = known.codec.encode(event) as Tagged;
    const { occurredAt, actor, commandId, correlationId, causationId } = metadata;
    return {
      eventId,
      type: event.type,
      data: encoded.data,
      metadata: { occurredAt, actor, commandId, correlationId, causationId, schemaVersion: known.version },
    };
  };

  // The replay hot path: plain branches, the compiled decoders, and io-ts itself only to explain a refusal.
  const decodeMetadata = compileDecoder(EventMetadata as AnyCodec);
  const decode = (recorded: RecordedEvent): E.Either<DomainError, Envelope<Event>> => {
    const known = types.get(recorded.type);
    if (!known) {
      return E.left(storedEventInvalid(recorded, [{ path: 'type', expected: 'a known event type', actual: JSON.stringify(recorded.type) }]));
    }
    let metadata = decodeMetadata(recorded.metadata) as EventMetadata | typeof INVALID;
    if (metadata === INVALID) {
      const slow = EventMetadata.decode(recorded.metadata);
      if (E.isLeft(slow)) return E.left(storedEventInvalid(recorded, under('metadata', slow.left)));
      metadata = slow.right;
    }
    const stored = metadata.schemaVersion;
    if (stored > known.version) {
      return E.left(
        storedEventInvalid(recorded, [
          { path: 'metadata.schemaVersion', expected: `at most ${known.version}`, actual: String(stored) },
        ]),
      );
    }
    let data = recorded.data;
    // Events at the current version, nearly all of them, skip the upcasting loop altogether.
    for (let from = stored; from < known.version; from++) {
      try {
        data = known.steps[from - 1]!(data);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return E.left(storedEventInvalid(recorded, [{ path: 'data', expected: `upcastable from version ${from}`, actual: reason }]));
      }
    }
    const input = { type: recorded.type, data };
    let event = known.compiled(input) as Tagged | typeof INVALID;
    if (event === INVALID) {
      const slow = known.codec.decode(input);
      if (E.isLeft(slow)) return E.left(storedEventInvalid(recorded, describeValidationErrors(slow.left)));
      event = slow.right;
    }
    return E.right({
      event: event as Event,
      metadata,
      eventId: recorded.eventId,
      streamName: recorded.streamName,
      revision: recorded.revision,
      position: recorded.position,
    });
  };

  return { toNewEvent, decode, handles: (type) => types.has(type) };
};
