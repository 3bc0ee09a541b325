import { foldEvents, type Decider, type DomainError, type Tagged } from '@licheng/domain';
import * as E from 'fp-ts/Either';
import { NO_STREAM } from './expectedVersion';
import type { EventStore } from './port';
import type { Envelope, EventSerializer } from './serializer';

/** What a command handler needs to know about one kind of stream: how to decide and how to store. */
export interface Aggregate<Command, Event extends Tagged, State, Context> {
  readonly decider: Decider<Command, Event, State, Context>;
  readonly serializer: EventSerializer<Event>;
}

/** A stream folded to its state at `version` (-1 for a stream that does not exist yet). */
export interface LoadedStream<State, Event> {
  readonly state: State;
  readonly version: number;
  /** Every event of the stream, decoded, in revision order. */
  readonly envelopes: ReadonlyArray<Envelope<Event>>;
}

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
  const recorded = await store.readStream(streamName, { fromRevision: since ? since.version + 1 : 0 });
  const envelopes: Envelope<Event>[] = since ? [...since.envelopes] : [];
  const events: Event[] = [];
  for (const record of recorded) {
    const decoded = aggregate.serializer.decode(record);
    if (E.isLeft(decoded)) return decoded;
    envelopes.push(decoded.right);
    events.push(decoded.right.event);
  }
  const base = since ? since.state : aggregate.decider.initialState;
  return E.right({
    // One produce for the whole batch, as the decider's evolve is written for.
    state: events.length === 0 ? base : foldEvents(aggregate.decider.evolve, base, events),
    version: recorded[recorded.length - 1]?.revision ?? since?.version ?? NO_STREAM,
    envelopes,
  });
};

/** Loads a stream for a handler; `loadStream` bound to a store, or a cache in front of it. */
export type StreamLoader = <Command, Event extends Tagged, State, Context>(
  aggregate: Aggregate<Command, Event, State, Context>,
  streamName: string,
) => Promise<E.Either<DomainError, LoadedStream<State, Event>>>;
