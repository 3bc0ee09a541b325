import {
  describeValidationErrors,
  type Decode,
  type DecodeStrategy,
  type DomainError,
  type Tagged,
} from '@licheng/domain';
import { domainError } from '@licheng/domain/internal';
import { fastDecode } from '@licheng/fast-decode';
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
  /**
   * How the codecs run over stored data: `fastDecode` (@licheng/fast-decode, equal to io-ts by its property
   * tests) unless given; `ioTsDecoding` from @licheng/domain runs io-ts itself.
   */
  readonly decode?: DecodeStrategy;
}

export interface EventSerializer<Event extends Tagged> {
  /**
   * A fresh event, metadata object included, on every call: a command handler completes the metadata in place.
   * The metadata carries `command` when given one; a `hash` given is left out (the chain sets it).
   */
  toNewEvent(event: Event, metadata: Omit<EventMetadata, 'schemaVersion'>, eventId: string): NewEvent;
  decode(recorded: RecordedEvent): E.Either<DomainError, Envelope<Event>>;
  handles(type: string): boolean;
}

interface EventType {
  readonly codec: t.Type<Tagged, unknown, unknown>;
  readonly decode: Decode<Tagged>;
  readonly version: number;
  /** Index i turns version i + 1 into version i + 2. */
  readonly steps: ReadonlyArray<Upcaster>;
}

type Problem = { readonly path: string; readonly expected: string; readonly actual: string };

export const storedEventInvalid = (
  recorded: RecordedEvent,
  problems: ReadonlyArray<Problem>,
): DomainError<'STORED_EVENT_INVALID'> => {
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
const eventTypesOf = <Event extends Tagged>(
  options: EventSerializerOptions<Event>,
  strategy: DecodeStrategy,
): ReadonlyMap<string, EventType> => {
  const byType = new Map<string, EventType>();
  const versions: Readonly<Record<string, number | undefined>> = options.versions ?? {};
  const upcasters: Readonly<Record<string, Readonly<Record<number, Upcaster>> | undefined>> = options.upcasters ?? {};
  // Keyed by string at run time; the mapped type has already tied each codec to its event type.
  const codecs = options.codecs as unknown as Readonly<Record<string, t.Type<Tagged, unknown, unknown>>>;
  for (const [type, codec] of Object.entries(codecs)) {
    const version = versions[type] ?? 1;
    if (!Number.isSafeInteger(version) || version < 1)
      throw new Error(`schema version of ${type} must be a positive integer`);
    const steps: Upcaster[] = [];
    for (let from = 1; from < version; from++) {
      const step = upcasters[type]?.[from];
      if (!step) throw new Error(`${type} is at schema version ${version} but has no upcaster from version ${from}`);
      steps.push(step);
    }
    byType.set(type, { codec, decode: strategy(codec), version, steps });
  }
  return byType;
};

export const createEventSerializer = <Event extends Tagged>(
  options: EventSerializerOptions<Event>,
): EventSerializer<Event> => {
  const strategy = options.decode ?? fastDecode;
  const types = eventTypesOf(options, strategy);

  const toNewEvent = (event: Event, metadata: Omit<EventMetadata, 'schemaVersion'>, eventId: string): NewEvent => {
    const known = types.get(event.type);
    if (!known) throw new Error(`no codec for event type ${event.type}`);
    const encoded = known.codec.encode(event) as Tagged;
    const { actor, causationId, command, commandId, correlationId, occurredAt } = metadata;
    const schemaVersion = known.version;
    // Keys in canonical (sorted) order, so that the hash chain's canonical JSON writes the object as it is
    // instead of a sorted copy of it.
    return {
      eventId,
      type: event.type,
      data: encoded.data,
      metadata:
        command === undefined
          ? { actor, causationId, commandId, correlationId, occurredAt, schemaVersion }
          : { actor, causationId, command, commandId, correlationId, occurredAt, schemaVersion },
    };
  };

  // The replay hot path: plain branches and the strategy's decoders, built once.
  const decodeMetadata = strategy(EventMetadata);
  const decode = (recorded: RecordedEvent): E.Either<DomainError, Envelope<Event>> => {
    const known = types.get(recorded.type);
    if (!known) {
      return E.left(
        storedEventInvalid(recorded, [
          { path: 'type', expected: 'a known event type', actual: JSON.stringify(recorded.type) },
        ]),
      );
    }
    const decodedMetadata = decodeMetadata(recorded.metadata);
    if (E.isLeft(decodedMetadata)) return E.left(storedEventInvalid(recorded, under('metadata', decodedMetadata.left)));
    const metadata = decodedMetadata.right;
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
        return E.left(
          storedEventInvalid(recorded, [{ path: 'data', expected: `upcastable from version ${from}`, actual: reason }]),
        );
      }
    }
    const event = known.decode({ type: recorded.type, data });
    if (E.isLeft(event)) return E.left(storedEventInvalid(recorded, describeValidationErrors(event.left)));
    return E.right({
      event: event.right as Event,
      metadata,
      eventId: recorded.eventId,
      streamName: recorded.streamName,
      revision: recorded.revision,
      position: recorded.position,
    });
  };

  return { toNewEvent, decode, handles: (type) => types.has(type) };
};
