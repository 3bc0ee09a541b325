import { type Actor, type DomainError, type TaipeiInstant, type Tagged } from '@licheng/domain';
import { backdated } from '@licheng/domain/internal';
import * as E from 'fp-ts/Either';
import { eventIdOf } from './eventId';
import { NO_STREAM } from './expectedVersion';
import { KeyedQueue } from './keyedQueue';
import { loadStream, type Aggregate, type StreamLoader } from './loadStream';
import { canonicalJson } from './canonicalJson';
import { headHashOf } from './chainHead';
import { GENESIS_HASH, storedHash, type RecordedCommand } from './metadata';
import type { EventStore } from './port';
import { commandIdReused, eventsOfCommand, retriesExhausted, storedDiffers } from './repeats';
import type { Envelope } from './serializer';
import { prepareBatch } from './writeBatch';

/** Who issues a command, when, and as part of what; becomes the metadata of the events it produces. */
export interface CommandEnvelope {
  readonly commandId: string;
  readonly now: TaipeiInstant;
  readonly actor: Actor;
  /** The commandId when absent: the command starts its own chain. */
  readonly correlationId?: string;
  /** The commandId when absent. */
  readonly causationId?: string;
}

export interface CommandResult<Event> {
  readonly streamName: string;
  /** The events the command recorded; on a repeat, the ones its first run recorded. */
  readonly events: ReadonlyArray<Envelope<Event>>;
  readonly nextVersion: number;
  /** The stream already held this command's events, so nothing was appended. */
  readonly alreadyApplied: boolean;
}

export interface HandleRequest<Command, Event extends Tagged, State, Context> {
  readonly aggregate: Aggregate<Command, Event, State, Context>;
  readonly streamName: string;
  readonly command: Command;
  /**
   * The command as it arrived (type and decoded data), recorded in each event's metadata so that an
   * auditor can decide it again (docs/audit.md). Events of a request without it carry no `command`.
   */
  readonly recordedCommand?: RecordedCommand;
  readonly envelope: CommandEnvelope;
  /** Gathers what the decider needs besides the stream (other streams' state, the clock); built once. */
  readonly context: (
    envelope: CommandEnvelope,
  ) => Promise<E.Either<DomainError, Context>> | E.Either<DomainError, Context>;
}

export interface CommandHandler {
  handle<Command, Event extends Tagged, State, Context>(
    request: HandleRequest<Command, Event, State, Context>,
  ): Promise<E.Either<DomainError, CommandResult<Event>>>;
}

export interface CommandHandlerOptions {
  readonly store: EventStore;
  /** Fresh reads after a conflict before giving up; the first attempt is not a retry. */
  readonly maxRetries?: number;
  /** How streams are loaded; a state cache goes here. `loadStream` on `store` when absent. */
  readonly load?: StreamLoader;
}

export { EVENT_ID_NAMESPACE, eventIdOf } from './eventId';

const CONFIRMED_BY_APPEND = { confirmedByAppend: true } as const;

export const createCommandHandler = ({ store, maxRetries = 10, load }: CommandHandlerOptions): CommandHandler => {
  const loader: StreamLoader = load ?? ((aggregate, streamName) => loadStream(store, aggregate, streamName));
  /**
   * Executes of one command id on one stream run one after another in this process, so that the later one
   * finds the command stored and answers so without a second append. Across processes (or handlers) the
   * store's `alreadyStored` tells the one append that wrote from the others (issue 16, item 8).
   */
  const inFlight = new KeyedQueue();

  const handle = <Command, Event extends Tagged, State, Context>(
    request: HandleRequest<Command, Event, State, Context>,
  ): Promise<E.Either<DomainError, CommandResult<Event>>> =>
    inFlight.run(`${request.streamName}\u0000${request.envelope.commandId}`, () => handleOnce(request));

  const handleOnce = async <Command, Event extends Tagged, State, Context>(
    request: HandleRequest<Command, Event, State, Context>,
  ): Promise<E.Either<DomainError, CommandResult<Event>>> => {
    const { aggregate, streamName, command, envelope } = request;
    const { commandId } = envelope;
    // Gathered once, after the repeat check: a retried command is answered even where it could no longer be decided.
    let context: E.Either<DomainError, Context> | undefined;
    const metadata = {
      occurredAt: envelope.now,
      actor: envelope.actor,
      commandId,
      correlationId: envelope.correlationId ?? commandId,
      causationId: envelope.causationId ?? commandId,
    };
    const { recordedCommand } = request;
    const commandRecord =
      recordedCommand === undefined ? {} : { command: { type: recordedCommand.type, data: recordedCommand.data } };
    const batchMetadata = { metadata, commandRecord };

    // After a conflict, or before answering from a load a cache did not check, the stream is read as it is.
    let checked = false;
    for (let attempt = 0; attempt <= maxRetries;) {
      const loaded = await loader(aggregate, streamName, checked ? undefined : CONFIRMED_BY_APPEND);
      if (E.isLeft(loaded)) return loaded;
      const { state, version, last } = loaded.right;
      // A refusal, or nothing to do, decided on a state the cache did not check is decided again on a checked
      // load: only an append confirms that the stream has not moved on.
      const unchecked = loaded.right.unchecked === true;
      const first = loaded.right.commands.get(commandId);
      // A repeat is answered with the stream's version as it is.
      if (first !== undefined && unchecked) {
        checked = true;
        continue;
      }
      if (first !== undefined) {
        const earlier = await eventsOfCommand(store, aggregate, streamName, first, commandId);
        if (E.isLeft(earlier)) return earlier;
        // The same id with another command is a caller's bug, not a repeat: answering with the old events would hide
        // it.
        const stored = earlier.right[0]?.metadata.command;
        if (
          recordedCommand !== undefined &&
          stored !== undefined &&
          canonicalJson(stored) !== canonicalJson(commandRecord.command)
        ) {
          return E.left(commandIdReused(streamName, commandId, stored.type, recordedCommand.type));
        }
        // A load built on a cached one may know of a command appended after its own version: never report less than
        // that.
        const nextVersion = Math.max(version, earlier.right[earlier.right.length - 1]?.revision ?? version);
        return E.right({ streamName, events: earlier.right, nextVersion, alreadyApplied: true });
      }

      if (context === undefined) {
        const gathered = request.context(envelope);
        // Awaited only when it is a promise (or another thenable): a context at hand costs no turn of the event loop.
        context =
          typeof (gathered as Partial<PromiseLike<unknown>>).then === 'function'
            ? await gathered
            : (gathered as E.Either<DomainError, Context>);
      }
      if (E.isLeft(context)) return context;
      // R-TIME-4, after the repeat check: a retried command keeps its first instant and still finds its events.
      const backwards = backdated(envelope.now, last?.metadata.occurredAt, streamName);
      const decided = backwards ? E.left(backwards) : aggregate.decider.decide(command, state, context.right);
      if (unchecked && (E.isLeft(decided) || decided.right.length === 0)) {
        checked = true;
        continue;
      }
      if (E.isLeft(decided)) return decided;
      if (decided.right.length === 0)
        return E.right({ streamName, events: [], nextVersion: version, alreadyApplied: false });

      // Chained on each attempt from the head just loaded: a retry follows whoever wrote first.
      const prevHash =
        version < 0
          ? GENESIS_HASH
          : (storedHash(last?.metadata) ?? (await headHashOf(store, streamName, version, last?.metadata)));
      const ids = decided.right.map((_, index) => eventIdOf(streamName, commandId, index));
      const prepared = prepareBatch(
        aggregate.serializer,
        streamName,
        version,
        prevHash,
        decided.right,
        ids,
        batchMetadata,
      );
      if (E.isLeft(prepared)) return prepared;
      const { batch, readBack } = prepared.right;
      const appended = await store.appendToStream(streamName, batch, version === NO_STREAM ? 'no_stream' : version);
      if (E.isRight(appended)) {
        const { nextVersion, alreadyStored } = appended.right;
        // Another writer stored this command id first (the store held every event id): answer as a repeat,
        // from the stream as it now is, so that a different command under the id is refused.
        if (alreadyStored) {
          checked = true;
          attempt++;
          continue;
        }
        const first = nextVersion - batch.length + 1;
        let positions = appended.right.positions;
        if (positions?.length !== batch.length) {
          // Read back what was written: this store owes us only the last position, and an envelope needs each one.
          const written = await store.readStream(streamName, { fromRevision: first });
          // A store that misses a concurrent repeat (KurrentDB across processes) still cannot hide other content.
          if (written.slice(0, batch.length).some((stored, i) => storedDiffers(stored, batch[i]!))) {
            checked = true;
            attempt++;
            continue;
          }
          positions = written.map((stored) => stored.position);
        }
        // The store holds this batch, which read back above as decided: only where it landed is new.
        const events = readBack.map((envelope, i) =>
          Object.assign({}, envelope, { revision: first + i, position: positions[i]! }),
        );
        const advanced = loader.appended?.(aggregate, streamName, loaded.right, events);
        if (advanced) await advanced;
        return E.right({ streamName, events, nextVersion, alreadyApplied: false });
      }
      // The only append error is a wrong expected version: someone wrote first, so decide again on their result.
      checked = true;
      attempt++;
    }
    return E.left(retriesExhausted(streamName, maxRetries + 1));
  };

  return { handle };
};
