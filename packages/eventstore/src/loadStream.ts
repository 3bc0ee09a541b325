import { foldEvents, foldFromInitial, type Decider, type DomainError, type Tagged } from '@licheng/domain';
import * as E from 'fp-ts/Either';
import { NO_STREAM } from './expectedVersion';
import type { EventStore } from './port';
import { decodeQuarantine, isQuarantineRecord, quarantineOf, type QuarantineEnvelope } from './quarantine';
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
  /**
   * The last event of the stream, decoded; undefined for a stream without events. A quarantine record
   * (docs/audit.md) when the stream's last event is one: the next event chains to it and follows its instant.
   */
  readonly last: Envelope<Event> | QuarantineEnvelope | undefined;
  /**
   * The revision of the first event each command id appended (a command's events are appended together).
   * A load built on an earlier one shares it and adds the newer commands: it only ever gains facts about
   * events that are in the stream.
   */
  readonly commands: ReadonlyMap<string, number>;
  /**
   * Set when a state cache answered from memory without asking the store for newer events (only for a load
   * asked with `confirmedByAppend`): the stream may have moved on, so a decision on this state stands only
   * once an append at `version` succeeds, and a refusal only once it is made again on a checked load.
   */
  readonly unchecked?: true;
}

/** How a caller will use a load. */
export interface LoadOptions {
  /**
   * The caller appends what it decides at the loaded `version`, so the store's expected-version check
   * confirms the state it decided on, and it decides again on a checked load before it refuses anything. A
   * cache made `optimistic` may then answer from memory (Equinox's AllowStale). The command handler sets it
   * for the stream it decides on, never for the streams its context reads.
   */
  readonly confirmedByAppend?: boolean;
}

/** The events of a stream after `since` (from the start without it), decoded, with what a load records besides. */
export const readNewer = async <Command, Event extends Tagged, State, Context>(
  store: EventStore,
  aggregate: Aggregate<Command, Event, State, Context>,
  streamName: string,
  since?: LoadedStream<State, Event>,
): Promise<
  E.Either<
    DomainError,
    {
      events: Event[];
      version: number;
      last: Envelope<Event> | QuarantineEnvelope | undefined;
      commands: Map<string, number>;
    }
  >
> => {
  const recorded = await store.readStream(streamName, { fromRevision: since ? since.version + 1 : 0 });
  const commands = since ? (since.commands as Map<string, number>) : new Map<string, number>();
  let last = since?.last;
  const events: Event[] = [];
  for (let index = 0; index < recorded.length; index++) {
    const record = recorded[index]!;
    const decoded = aggregate.serializer.decode(record);
    if (E.isLeft(decoded)) {
      // Issue 16, item 6: a quarantine record folds nothing but continues the chain and the clock; an
      // unreadable event is skipped only when a later record sets aside exactly its stored content.
      if (isQuarantineRecord(record)) {
        const quarantine = decodeQuarantine(record);
        if (E.isLeft(quarantine)) return quarantine;
        // Not listed among the commands: a repair is no command of this stream's decider to answer again.
        last = quarantine.right;
        continue;
      }
      if (quarantineOf(record, recorded.slice(index + 1)) !== undefined) continue;
      return decoded;
    }
    last = decoded.right;
    events.push(decoded.right.event);
    const { commandId } = decoded.right.metadata;
    if (!commands.has(commandId)) commands.set(commandId, record.revision);
  }
  return E.right({
    events,
    version: recorded[recorded.length - 1]?.revision ?? since?.version ?? NO_STREAM,
    last,
    commands,
  });
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
  return E.right({
    // A first load folds a new initial state in place; newer events onto a cached (frozen) state, in one produce.
    state: since
      ? events.length === 0
        ? since.state
        : foldEvents(aggregate.decider.evolve, since.state, events)
      : foldFromInitial(aggregate.decider, events),
    version,
    last,
    commands,
  });
};

/** Loads a stream for a handler; `loadStream` bound to a store, or a cache in front of it. */
export interface StreamLoader {
  <Command, Event extends Tagged, State, Context>(
    aggregate: Aggregate<Command, Event, State, Context>,
    streamName: string,
    options?: LoadOptions,
  ): Promise<E.Either<DomainError, LoadedStream<State, Event>>>;
  /**
   * Told by a command handler that it appended `written` right after `loaded`, the load it decided on, and
   * that the store holds them as read back. A state cache whose entry for the stream is still `loaded` may
   * fold them on at once, so that the next command need not read its predecessor's events back (Equinox
   * does the same after a write). A loader without it simply reads them on the next load.
   */
  readonly appended?: <Command, Event extends Tagged, State, Context>(
    aggregate: Aggregate<Command, Event, State, Context>,
    streamName: string,
    loaded: LoadedStream<State, Event>,
    written: ReadonlyArray<Envelope<Event>>,
  ) => Promise<void> | void;
}

/** `loaded` with `written` (events appended right after it) folded on by `fold`; `loaded` when none were. */
export const advanceLoaded = <Event extends Tagged, State>(
  loaded: LoadedStream<State, Event>,
  written: ReadonlyArray<Envelope<Event>>,
  fold: (state: State, events: ReadonlyArray<Event>) => State,
): LoadedStream<State, Event> => {
  const last = written[written.length - 1];
  if (last === undefined) return loaded;
  const commands = loaded.commands as Map<string, number>;
  for (const envelope of written)
    if (!commands.has(envelope.metadata.commandId)) commands.set(envelope.metadata.commandId, envelope.revision);
  return {
    state: fold(
      loaded.state,
      written.map((envelope) => envelope.event),
    ),
    version: last.revision,
    last,
    commands,
  };
};
