import { foldEvents, type Tagged } from '@licheng/domain';
import * as E from 'fp-ts/Either';

import { KeyedQueue } from './keyedQueue';
import {
  advanceLoaded,
  loadStream,
  readNewer,
  type Aggregate,
  type LoadedStream,
  type LoadOptions,
  type StreamLoader,
} from './loadStream';
import type { EventStore } from './port';

/** Folds `events` onto a state the cache owns, changing it in place (never frozen, never handed to a reader). */
const foldOwned = <State, Event>(
  evolve: (state: never, event: Event) => unknown,
  state: State,
  events: ReadonlyArray<Event>,
): State => {
  for (const event of events) evolve(state as never, event);
  return state;
};

type Appended = NonNullable<StreamLoader['appended']>;

export interface StateCacheOptions {
  /** Streams kept, least recently used dropped first. */
  readonly maxStreams?: number;
  /**
   * For a loader that only a command handler uses: the cache keeps its own unfrozen state per stream and
   * folds newer events onto it in place, where it would otherwise copy what an event changes (one immer
   * produce on a three-year portfolio costs about 30 µs, the fold in place under 1 µs; docs/performance.md).
   * A state it hands out changes on the next load of its stream, so give this loader to nothing that
   * reads states (`createLichengService` reads through its loader): only to `createCommandHandler`,
   * which hands the state to `decide` and keeps nothing.
   */
  readonly foldInPlace?: boolean;
  /**
   * Answers a load asked with `confirmedByAppend` (the command handler's, for the stream it decides on) from
   * the cached state without asking the store for newer events, marking it `unchecked`. The handler's
   * append at the cached version then fails if another writer moved the stream on, and the handler decides
   * again on a checked load; it does the same before answering with a refusal or with nothing to do, so the
   * answers are those of a checked load. Saves a store read per command where one process writes most of a
   * stream's events; costs a failed append where others often do. Any other load is checked as always.
   */
  readonly optimistic?: boolean;
}

export interface CachingLoader extends StreamLoader {
  readonly size: () => number;
  readonly clear: () => void;
}

/**
 * A state cache in the manner of Equinox: per stream the folded state and its version are kept, and each
 * load reads only the events after that version. Every load still asks the store for newer events, so the
 * cache can never serve a stale state; a conflict on append simply loads again. Bounded by an LRU.
 */
export const createCachingLoader = (
  store: EventStore,
  { maxStreams = 10_000, foldInPlace = false, optimistic = false }: StateCacheOptions = {},
): CachingLoader => {
  // A Map iterates in insertion order, so deleting and re-inserting on use makes the first key the LRU.
  const entries = new Map<string, LoadedStream<unknown, unknown>>();
  const remember = (streamName: string, loaded: E.Either<unknown, LoadedStream<unknown, unknown>>) => {
    entries.delete(streamName);
    if (E.isLeft(loaded)) return;
    entries.set(streamName, loaded.right);
    if (entries.size > maxStreams) entries.delete(entries.keys().next().value as string);
  };
  /** The entry, marked unchecked and as the latest used, when the load may be answered from memory. */
  const fromMemory = (streamName: string, options: LoadOptions | undefined) => {
    if (!optimistic || options?.confirmedByAppend !== true) return undefined;
    const cached = entries.get(streamName);
    if (cached === undefined) return undefined;
    entries.delete(streamName);
    entries.set(streamName, cached);
    return E.right(Object.assign({}, cached, { unchecked: true as const }));
  };
  const sharedLoader = (async (aggregate, streamName, options) => {
    const unchecked = fromMemory(streamName, options);
    if (unchecked) return unchecked;
    const cached = entries.get(streamName) as LoadedStream<never, never> | undefined;
    const loaded = await loadStream(store, aggregate, streamName, cached as never);
    remember(streamName, loaded as never);
    return loaded;
  }) as StreamLoader;
  // Loads of one stream run one after another, so that no two fold the same events onto one state.
  const queues = new KeyedQueue();
  const inPlaceLoader = (<Command, Event extends Tagged, State, Context>(
    aggregate: Aggregate<Command, Event, State, Context>,
    streamName: string,
    options?: LoadOptions,
  ) => {
    // Not while a load of the stream is folding: its state is not whole until that load ends.
    const unchecked = queues.busy(streamName) ? undefined : fromMemory(streamName, options);
    return unchecked
      ? Promise.resolve(unchecked)
      : queues.run(streamName, () => loadInPlace(aggregate, streamName, options));
  }) as StreamLoader;
  const loadInPlace = async <Command, Event extends Tagged, State, Context>(
    aggregate: Aggregate<Command, Event, State, Context>,
    streamName: string,
    options: LoadOptions | undefined,
  ) => {
    const unchecked = fromMemory(streamName, options);
    if (unchecked) return unchecked as E.Either<never, LoadedStream<State, Event>>;
    const cached = entries.get(streamName) as LoadedStream<State, Event> | undefined;
    const newer = await readNewer(store, aggregate, streamName, cached);
    if (E.isLeft(newer)) return (remember(streamName, newer), newer);
    // Nothing newer (a handler's own appends are already folded on): the entry itself, as the latest used.
    if (cached && newer.right.events.length === 0 && newer.right.version === cached.version) {
      const same = E.right(cached);
      remember(streamName, same as never);
      return same;
    }
    // The cache owns this state (never frozen, never handed to anyone but this handler): evolve changes it in place.
    const state = cached ? cached.state : aggregate.decider.initialState();
    try {
      foldOwned(aggregate.decider.evolve, state, newer.right.events);
    } catch (error) {
      entries.delete(streamName); // half folded: never hand it out again
      throw error;
    }
    const { version, last, commands } = newer.right;
    const loaded = E.right({ state, version, last, commands });
    remember(streamName, loaded as never);
    return loaded;
  };
  // A handler's own append is folded on only while the entry is still the load it decided on (the same state
  // at the same version; an unchecked load is a copy of the entry): any load in between has read the
  // appended events itself. Frozen states take one produce (foldEvents) as a load would.
  const advance =
    (inPlace: boolean): Appended =>
    (aggregate, streamName, loaded, written) => {
      const entry = entries.get(streamName);
      if (entry === undefined || entry.state !== loaded.state || entry.version !== loaded.version) return;
      const { evolve } = aggregate.decider;
      try {
        const advanced = advanceLoaded(entry as typeof loaded, written, (state, events) =>
          inPlace ? foldOwned(evolve, state, events) : foldEvents(evolve, state, events),
        );
        // The load just before made this entry the latest used: replacing it in place keeps it so.
        entries.set(streamName, advanced as LoadedStream<unknown, unknown>);
      } catch {
        // Perhaps half folded: never hand it out again. The events are stored, so the append still stands; the
        // next load reads them and reports whatever made evolve throw.
        entries.delete(streamName);
      }
    };
  const sharedAppended = advance(false);
  const advanceInPlace = advance(true);
  // After the stream's queue: a load still running when the append returned may be folding the same events.
  const inPlaceAppended: Appended = (aggregate, streamName, loaded, written) =>
    queues.busy(streamName)
      ? queues.run(streamName, async () => advanceInPlace(aggregate, streamName, loaded, written))
      : advanceInPlace(aggregate, streamName, loaded, written);
  const loader = (foldInPlace ? inPlaceLoader : sharedLoader) as CachingLoader & StreamLoader;
  return Object.assign(loader, {
    appended: foldInPlace ? inPlaceAppended : sharedAppended,
    size: () => entries.size,
    clear: () => entries.clear(),
  });
};
