import type * as E from 'fp-ts/Either';
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
} from '@licheng/eventstore';

/**
 * A test-only store in front of another that hands back some stored events damaged, the way a real store
 * could: the in-memory store serialises on write and parses on read, so it cannot hold truncated JSON;
 * EventStoreDB's adapter hands back bytes that do not parse as the raw text (packages/eventstore-esdb).
 */
export class CorruptingStore implements EventStore {
  private readonly damage = new Map<string, (event: RecordedEvent) => RecordedEvent>();

  constructor(readonly inner: EventStore) {}

  corrupt(streamName: string, revision: number, how: (event: RecordedEvent) => RecordedEvent): void {
    this.damage.set(`${streamName}#${revision}`, how);
  }

  heal(): void {
    this.damage.clear();
  }

  private readonly apply = (event: RecordedEvent): RecordedEvent =>
    this.damage.get(`${event.streamName}#${event.revision}`)?.(event) ?? event;

  appendToStream(
    streamName: string,
    events: ReadonlyArray<NewEvent>,
    expected: ExpectedVersion,
  ): Promise<E.Either<AppendError, AppendResult>> {
    return this.inner.appendToStream(streamName, events, expected);
  }

  async readStream(streamName: string, options?: ReadStreamOptions): Promise<ReadonlyArray<RecordedEvent>> {
    return (await this.inner.readStream(streamName, options)).map(this.apply);
  }

  async readAll(options?: ReadAllOptions): Promise<ReadonlyArray<RecordedEvent>> {
    return (await this.inner.readAll(options)).map(this.apply);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return this.inner.subscribeToAll({ ...options, onEvent: (event) => options.onEvent(this.apply(event)) });
  }
}

/** Ways a stored event can come back damaged. */
export const DAMAGE = {
  /** The data's JSON cut in half (what a store hands back when the bytes do not parse). */
  truncatedData: (e: RecordedEvent): RecordedEvent => ({
    ...e,
    data: JSON.stringify(e.data).slice(0, Math.floor(JSON.stringify(e.data).length / 2)),
  }),
  truncatedMetadata: (e: RecordedEvent): RecordedEvent => ({ ...e, metadata: JSON.stringify(e.metadata).slice(0, 40) }),
  unknownType: (e: RecordedEvent): RecordedEvent => ({ ...e, type: 'CourseOutcomeTeleported' }),
  futureSchemaVersion: (e: RecordedEvent): RecordedEvent => ({
    ...e,
    metadata: { ...(e.metadata as object), schemaVersion: 99 },
  }),
  missingMetadata: (e: RecordedEvent): RecordedEvent => ({ ...e, metadata: null }),
  metadataWithoutActor: (e: RecordedEvent): RecordedEvent => {
    const { actor: _actor, ...metadata } = e.metadata as Record<string, unknown>;
    return { ...e, metadata };
  },
} as const;

/**
 * A store that yields to the event loop a random number of times before each call, so that concurrent
 * commands interleave differently on every run (and conflict, and retry). The randomness is seeded.
 */
export class JitterStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly random: () => number,
    private readonly maxTicks = 3,
  ) {}

  private async jitter(): Promise<void> {
    const ticks = Math.floor(this.random() * (this.maxTicks + 1));
    for (let i = 0; i < ticks; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  async appendToStream(
    streamName: string,
    events: ReadonlyArray<NewEvent>,
    expected: ExpectedVersion,
  ): Promise<E.Either<AppendError, AppendResult>> {
    await this.jitter();
    return this.inner.appendToStream(streamName, events, expected);
  }

  async readStream(streamName: string, options?: ReadStreamOptions): Promise<ReadonlyArray<RecordedEvent>> {
    await this.jitter();
    return this.inner.readStream(streamName, options);
  }

  async readAll(options?: ReadAllOptions): Promise<ReadonlyArray<RecordedEvent>> {
    await this.jitter();
    return this.inner.readAll(options);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return this.inner.subscribeToAll(options);
  }
}
