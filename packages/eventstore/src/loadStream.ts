import { foldEvents, type Decider, type DomainError, type Tagged } from '@licheng/domain';
import type { Draft } from 'immer';
import * as E from 'fp-ts/Either';
import { NO_STREAM } from './expectedVersion';
import type { EventStore } from './port';
import type { Envelope, EventSerializer } from './serializer';

/** What a command handler needs to know about one kind of stream: how to decide and how to store. */
export interface Aggregate<Command, Event extends Tagged, State, Context> {
  readonly decider: Decider<Command, Event, State, Context>;
  readonly serializer: EventSerializer<Event>;
}

/**
 * A stream folded to its state at `version` (-1 for a stream that does not exist yet), with what a command
 * handler needs besides: the last event (its hash continues the chain) and where each command's events
 * begin (a repeated command is answered with them). Not the decoded events themselves: a state cache holds
 * thousands of loads, and the events would be most of their weight.
 */
export interface LoadedStream<State, Event> {
  readonly state: State;
  readonly version: number;
  /** The last event of the stream, decoded; undefined for a stream without events. */
  readonly last: Envelope<Event> | undefined;
  /**
   * The revision of the first event each command id appended (a command's events are appended together).
   * A load built on an earlier one shares it and adds the newer commands: it only ever gains facts about
   * events that are in the stream.
   */
  readonly commands: ReadonlyMap<string, number>;
}

/**
 * A plain object: its prototype is null or a root prototype. Any realm's Object.prototype counts, because
 * structuredClone (and a test runner's sandbox) can hand over objects made in another realm.
 */
const isPlainObject = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
};

/**
 * Deep-freezes what a fold built, as immer's auto-freeze does: plain objects and arrays, stopping at anything
 * already frozen (whatever was frozen before is shared, and was frozen whole).
 */
export const freezeDeep = (value: unknown): void => {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  if (Array.isArray(value)) {
    Object.freeze(value);
    for (const item of value) freezeDeep(item);
    return;
  }
  if (!isPlainObject(value)) return;
  Object.freeze(value);
  // Own keys only: a plain object here has no enumerable inherited ones.
  for (const key in value) freezeDeep((value as Record<string, unknown>)[key]);
};

/** Only plain data is folded in place; a state holding anything else goes through immer as written. */
const isPlainData = (value: unknown): boolean => {
  if (typeof value !== 'object' || value === null) return typeof value !== 'function' && typeof value !== 'symbol';
  if (Array.isArray(value)) return value.every(isPlainData);
  return isPlainObject(value) && Object.keys(value).every((key) => isPlainData((value as Record<string, unknown>)[key]));
};

const plainInitial = new WeakMap<object, boolean>();

/**
 * A private copy of a decider's initial state for its owner to fold events onto in place, or null when the
 * state holds more than plain data (then only immer may fold it). The evolve recipes are written for immer
 * drafts, and a recipe mutates a plain object just as it mutates a draft, without a proxy per object touched.
 * Whoever folds in place must not let anyone else hold the state meanwhile (or must freeze it first).
 */
export const ownedInitialState = <State>(initial: State): Draft<State> | null => {
  const key = typeof initial === 'object' && initial !== null ? (initial as object) : null;
  let plain = key ? plainInitial.get(key) : false;
  if (key && plain === undefined) plainInitial.set(key, (plain = isPlainData(initial)));
  return plain ? (copyPlainData(initial) as Draft<State>) : null;
};

/** A deep copy of plain data that keeps each object's prototype (`structuredClone` gives every object `Object.prototype`). */
const copyPlainData = (value: unknown): unknown => {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyPlainData);
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    const item = copyPlainData((value as Record<string, unknown>)[key]);
    // An own `__proto__` key must stay a key: assigning it would set the copy's prototype.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, writable: true, enumerable: true, configurable: true });
    else copy[key] = item;
  }
  return copy;
};

/**
 * A whole stream folded from the decider's initial state: in place on an owned copy, then frozen before
 * anyone sees it. Same state, same immutability for readers, a fraction of the cost of `produce` on 280 events.
 */
const foldFromInitial = <Event, State>(evolve: (draft: Draft<State>, event: Event) => void, initial: State, events: ReadonlyArray<Event>): State => {
  const state = ownedInitialState(initial);
  if (state === null) return foldEvents(evolve, initial, events);
  for (const event of events) evolve(state, event);
  freezeDeep(state);
  return state as State;
};

/** The events of a stream after `since` (from the start without it), decoded, with what a load records besides. */
export const readNewer = async <Command, Event extends Tagged, State, Context>(
  store: EventStore,
  aggregate: Aggregate<Command, Event, State, Context>,
  streamName: string,
  since?: LoadedStream<State, Event>,
): Promise<E.Either<DomainError, { events: Event[]; version: number; last: Envelope<Event> | undefined; commands: Map<string, number> }>> => {
  const recorded = await store.readStream(streamName, { fromRevision: since ? since.version + 1 : 0 });
  const commands = since ? (since.commands as Map<string, number>) : new Map<string, number>();
  let last = since?.last;
  const events: Event[] = [];
  for (const record of recorded) {
    const decoded = aggregate.serializer.decode(record);
    if (E.isLeft(decoded)) return decoded;
    last = decoded.right;
    events.push(decoded.right.event);
    const { commandId } = decoded.right.metadata;
    if (!commands.has(commandId)) commands.set(commandId, record.revision);
  }
  return E.right({ events, version: recorded[recorded.length - 1]?.revision ?? since?.version ?? NO_STREAM, last, commands });
};

/**
 * Reads, decodes and folds a stream; the first undecodable event stops the load and names itself.
 * Given `since` (an earlier load of the same stream), reads only the newer events and folds them onto
 * its state: that is all a state cache needs, so one can wrap this without touching the handler.
 */
export const loadStream = async <Command, Event extends Tagged, State, Context>(
  store: EventStore,
  aggregate: Aggregate<Command, Event, State, Context>,
  streamName: string,
  since?: LoadedStream<State, Event>,
): Promise<E.Either<DomainError, LoadedStream<State, Event>>> => {
  const newer = await readNewer(store, aggregate, streamName, since);
  if (E.isLeft(newer)) return newer;
  const { events, version, last, commands } = newer.right;
  const base = since ? since.state : aggregate.decider.initialState;
  return E.right({
    // A first load folds in place (see foldFromInitial); newer events onto a cached state, in one produce.
    state: events.length === 0 ? base : since ? foldEvents(aggregate.decider.evolve, base, events) : foldFromInitial(aggregate.decider.evolve, base, events),
    version,
    last,
    commands,
  });
};

/** Loads a stream for a handler; `loadStream` bound to a store, or a cache in front of it. */
export type StreamLoader = <Command, Event extends Tagged, State, Context>(
  aggregate: Aggregate<Command, Event, State, Context>,
  streamName: string,
) => Promise<E.Either<DomainError, LoadedStream<State, Event>>>;
