import * as E from 'fp-ts/Either';
import { NO_STREAM, partiallyRepeatedBatch, satisfiesExpectedVersion, wrongExpectedVersion } from './expectedVersion';
import type {
  AppendError,
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from './port';
import { newEventJson } from './newEventJson';
import { startSubscription, type EventFeed } from './subscription';

interface StoredEvent {
  readonly position: number;
  readonly streamName: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  /**
   * JSON text, parsed again on every read so that replay pays the parse a real store's read pays. Kept as
   * the writer's string rather than as bytes: encoding every append to UTF-8 cost about a tenth of a cached
   * command (docs/performance.md), and the main job's peak memory stayed within its goal.
   */
  readonly data: string;
  readonly metadata: string;
}

interface StoredStream {
  /** One copy of the name for all its events: each caller passes its own string. */
  readonly name: string;
  readonly events: StoredEvent[];
  /** First revision of each event id: the idempotency check looks ids up instead of scanning. */
  readonly revisionOf: Map<string, number>;
}

const parse = (text: string): unknown => JSON.parse(text);

const toRecorded = (stored: StoredEvent): RecordedEvent => ({
  eventId: stored.eventId,
  streamName: stored.streamName,
  revision: stored.revision,
  position: stored.position,
  type: stored.type,
  data: parse(stored.data),
  metadata: parse(stored.metadata),
});

const matches = (streamName: string, prefixes: ReadonlyArray<string> | undefined): boolean =>
  prefixes === undefined || prefixes.some((prefix) => streamName.startsWith(prefix));

/** The earlier write's result when the batch is a retry of it; 'partial' when it repeats only some of it. */
const repeatedRun = (stream: StoredStream, batch: ReadonlyArray<NewEvent>): AppendResult | 'partial' | null => {
  const first = batch[0] === undefined ? undefined : stream.revisionOf.get(batch[0].eventId);
  if (first === undefined) {
    for (let i = 1; i < batch.length; i++) if (stream.revisionOf.has(batch[i]!.eventId)) return 'partial';
    return null;
  }
  for (let i = 0; i < batch.length; i++) {
    if (stream.events[first + i]?.eventId !== batch[i]!.eventId) return 'partial';
  }
  const last = stream.events[first + batch.length - 1]!;
  return { nextVersion: last.revision, lastPosition: last.position, alreadyStored: true };
};

/**
 * The store for tests, examples and single-process use. Positions are indexes into one log, and each
 * stream keeps its own index, so that appending to one of 100,000 streams costs only the batch.
 */
export class InMemoryEventStore implements EventStore {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredStream>();
  private readonly waiters = new Set<() => void>();
  private readonly feed: EventFeed = {
    scan: (after, prefixes, max) => this.scan(after, prefixes, max),
    waitForAppend: (wake) => {
      this.waiters.add(wake);
      return () => this.waiters.delete(wake);
    },
  };

  get eventCount(): number {
    return this.log.length;
  }

  // No await anywhere inside: the version check and the write happen in one turn, hence atomically.
  async appendToStream(
    streamName: string,
    events: ReadonlyArray<NewEvent>,
    expected: ExpectedVersion,
  ): Promise<E.Either<AppendError, AppendResult>> {
    const stream = this.streams.get(streamName);
    const actual = stream ? stream.events.length - 1 : NO_STREAM;
    const repeated = stream ? repeatedRun(stream, events) : null;
    if (repeated === 'partial') return E.left(partiallyRepeatedBatch(streamName, expected, actual));
    if (repeated) return E.right(repeated);
    if (!satisfiesExpectedVersion(expected, actual)) return E.left(wrongExpectedVersion(streamName, expected, actual));
    // Serialise the whole batch before writing any of it, so that a value JSON cannot hold writes nothing.
    const texts = events.map(newEventJson);
    if (events.length === 0) {
      return E.right({
        nextVersion: actual,
        lastPosition: stream?.events[actual]?.position ?? -1,
        alreadyStored: false,
      });
    }
    const target = stream ?? { name: streamName, events: [], revisionOf: new Map<string, number>() };
    if (!stream) this.streams.set(streamName, target);
    const positions: number[] = [];
    events.forEach((event, i) => {
      const stored: StoredEvent = {
        position: this.log.length,
        streamName: target.name,
        revision: target.events.length,
        eventId: event.eventId,
        type: event.type,
        data: texts[i]![0],
        metadata: texts[i]![1],
      };
      this.log.push(stored);
      positions.push(stored.position);
      target.events.push(stored);
      if (!target.revisionOf.has(event.eventId)) target.revisionOf.set(event.eventId, stored.revision);
    });
    this.wakeSubscribers();
    const last = target.events[target.events.length - 1]!;
    return E.right({ nextVersion: last.revision, lastPosition: last.position, alreadyStored: false, positions });
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<ReadonlyArray<RecordedEvent>> {
    const stream = this.streams.get(streamName);
    if (!stream) return [];
    const recorded: RecordedEvent[] = [];
    for (let i = Math.max(0, options.fromRevision ?? 0); i < stream.events.length; i++) {
      recorded.push(toRecorded(stream.events[i]!));
    }
    return recorded;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadonlyArray<RecordedEvent>> {
    return this.scan(options.after ?? -1, options.streamPrefixes, options.maxCount ?? Infinity).events;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return startSubscription(this.feed, options);
  }

  /** All stored content, in append order; equal strings mean byte-identical stores. */
  snapshot(): string {
    return JSON.stringify(
      this.log.map((stored) => ({
        ...stored,
        data: stored.data,
        metadata: stored.metadata,
      })),
    );
  }

  private scan(after: number, prefixes: ReadonlyArray<string> | undefined, max: number) {
    const events: RecordedEvent[] = [];
    let scannedTo = after;
    // A position is an index into the log, so the scan starts right after `after` instead of searching.
    for (let i = Math.max(0, Math.floor(after) + 1); i < this.log.length && events.length < max; i++) {
      const stored = this.log[i]!;
      scannedTo = stored.position;
      if (matches(stored.streamName, prefixes)) events.push(toRecorded(stored));
    }
    return { events, scannedTo };
  }

  private wakeSubscribers(): void {
    if (this.waiters.size === 0) return;
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiting) wake();
  }
}
