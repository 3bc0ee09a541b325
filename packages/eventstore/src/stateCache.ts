import * as E from 'fp-ts/Either';

import { loadStream, type LoadedStream, type StreamLoader } from './loadStream';
import type { EventStore } from './port';

export interface StateCacheOptions {
  /** Streams kept, least recently used dropped first. */
  readonly maxStreams?: number;
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
export const createCachingLoader = (store: EventStore, { maxStreams = 10_000 }: StateCacheOptions = {}): CachingLoader => {
  // A Map iterates in insertion order, so deleting and re-inserting on use makes the first key the LRU.
  const entries = new Map<string, LoadedStream<unknown, unknown>>();
  const loader = (async (aggregate, streamName) => {
    const cached = entries.get(streamName) as LoadedStream<never, never> | undefined;
    const loaded = await loadStream(store, aggregate, streamName, cached as never);
    if (E.isRight(loaded)) {
      entries.delete(streamName);
      entries.set(streamName, loaded.right as LoadedStream<unknown, unknown>);
      if (entries.size > maxStreams) entries.delete(entries.keys().next().value as string);
    } else {
      entries.delete(streamName);
    }
    return loaded;
  }) as CachingLoader & StreamLoader;
  return Object.assign(loader, { size: () => entries.size, clear: () => entries.clear() });
};

