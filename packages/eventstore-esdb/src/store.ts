import {
  NO_STREAM,
  type AppendError,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '@licheng/eventstore';
import {
  KeyedQueue,
  newEventJson,
  OpenSubscriptions,
  partiallyRepeatedBatch,
  satisfiesExpectedVersion,
  wrongExpectedVersion,
} from '@licheng/eventstore/internal';
import * as E from 'fp-ts/Either';
import {
  excludeSystemEvents,
  isClientError,
  isKurrentClient,
  streamNameFilter,
  type ClientEventData,
  type ClientRecordedEvent,
  type ClientResolvedEvent,
  type ExpectedRevision,
  type KurrentClient,
} from './client';
import { fromPort, toPort } from './positions';
import { DEFAULT_RESUBSCRIBE, resilientSubscription, type ResubscribeOptions } from './subscription';

export interface EventStoreDbStoreOptions {
  /** How a dropped subscription is resumed; see {@link ResubscribeOptions}. */
  readonly resubscribe?: ResubscribeOptions;
  /** Events the server examines per internal page of a filtered `$all` read. Default 1,000. */
  readonly searchWindow?: number;
  /**
   * Where `readAll` filters: `'server'` sends the filter with the read (`@kurrent/kurrentdb-client`);
   * `'adapter'` reads `$all` whole and filters here (`@eventstore/db-client` 6.x, whose `readAll` takes
   * no filter). Default: `'server'` for a Kurrent client, `'adapter'` for any other.
   */
  readonly readAllFilter?: 'server' | 'adapter';
}

type RecordedFromClient = ClientRecordedEvent;

const DISPOSE_TIMEOUT_MS = 5_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One port event as the client writes it: JSON data, our metadata as JSON bytes (the client would drop a
 * falsy metadata value and could not write `null`), and our event id as the server's event id, which is
 * what the server's idempotency check compares.
 */
const toEventData = (event: NewEvent): ClientEventData => {
  if (!UUID.test(event.eventId))
    throw new TypeError(`an EventStoreDB event id must be a UUID, got ${JSON.stringify(event.eventId)}`);
  const [dataText, metadataText] = newEventJson(event);
  const data = JSON.parse(dataText) as unknown;
  const metadata = new TextEncoder().encode(metadataText);
  return { id: event.eventId.toLowerCase(), type: event.type, contentType: 'application/json', data, metadata };
};

const parseBytes = (bytes: Uint8Array): unknown => {
  const text = Buffer.from(bytes).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

/** The port's event; data and metadata parsed as JSON (the client has parsed JSON data already). */
const fromClient = (event: RecordedFromClient): RecordedEvent => ({
  eventId: event.id,
  streamName: event.streamId,
  revision: Number(event.revision),
  position: toPort(event.position, `event ${event.revision} of ${event.streamId}`),
  type: event.type,
  data: event.data instanceof Uint8Array ? parseBytes(event.data) : (event.data as unknown),
  metadata:
    event.metadata === undefined
      ? null
      : event.metadata instanceof Uint8Array
        ? parseBytes(event.metadata)
        : event.metadata,
});

/** Links and system events (types starting with `$`) are not events of the port. */
const userEvent = (resolved: ClientResolvedEvent): RecordedEvent | null => {
  const { event } = resolved;
  if (!event || resolved.link || event.type.startsWith('$')) return null;
  return fromClient(event);
};

/** The stream's revision a wrong-expected-version error reports (`actualState` in 1.x, `actualVersion` in 6.x). */
const actualRevision = (error: unknown): number => {
  const { actualState, actualVersion } = error as { actualState?: unknown; actualVersion?: unknown };
  const actual = actualState ?? actualVersion;
  return actual === 'no_stream' || actual === undefined ? NO_STREAM : Number(actual);
};

/** The server refused the batch: the in-memory store's value for the same refusal. */
const conflict = (streamName: string, expected: ExpectedVersion, actual: number): AppendError =>
  // Refused although the version matches: the batch repeats only part of an earlier one.
  satisfiesExpectedVersion(expected, actual)
    ? partiallyRepeatedBatch(streamName, expected, actual)
    : wrongExpectedVersion(streamName, expected, actual);

const toExpectedRevision = (expected: ExpectedVersion): ExpectedRevision | null => {
  switch (expected) {
    case 'any':
    case 'no_stream':
    case 'stream_exists':
      return expected;
    default:
      if (expected === NO_STREAM) return 'no_stream';
      // A version no stream can have: the port refuses it as a wrong expected version, as the in-memory store does.
      return Number.isSafeInteger(expected) && expected >= 0 ? BigInt(expected) : null;
  }
};

/**
 * The `EventStore` port on KurrentDB / EventStoreDB (gRPC, through `@kurrent/kurrentdb-client` or
 * `@eventstore/db-client`).
 *
 * - Revisions are the server's stream revisions; versions are the revision of the last event, -1 when the
 *   stream does not exist, as in the port.
 * - Positions are commit positions in `$all` (see `positions.ts`): strictly increasing, with gaps.
 * - Appends map the port's expected version to the server's expected revision and send the port's event
 *   id as the server's event id, so that a retried append of the same events (same ids, same expected
 *   version) is recognised by the server and written once. A conflict is the same `AppendError` value
 *   the in-memory store gives.
 * - Reads and subscriptions of "every stream" see user events only: system events (`$…` types) and links
 *   are the server's own bookkeeping.
 */
export class EventStoreDbStore implements EventStore {
  private readonly subscriptions = new OpenSubscriptions();
  private readonly resubscribe: Required<ResubscribeOptions>;
  private readonly searchWindow: number;
  private readonly serverFiltersReads: boolean;
  private readonly appends = new KeyedQueue();

  constructor(
    readonly client: KurrentClient,
    options: EventStoreDbStoreOptions = {},
  ) {
    this.resubscribe = { ...DEFAULT_RESUBSCRIBE, ...options.resubscribe };
    this.searchWindow = options.searchWindow ?? 1_000;
    this.serverFiltersReads = (options.readAllFilter ?? (isKurrentClient(client) ? 'server' : 'adapter')) === 'server';
  }

  async appendToStream(
    streamName: string,
    events: ReadonlyArray<NewEvent>,
    expected: ExpectedVersion,
  ): Promise<E.Either<AppendError, AppendResult>> {
    // Everything that can fail on our side fails before anything is sent, so that a bad batch writes nothing.
    const batch = events.map(toEventData);
    const expectedRevision = toExpectedRevision(expected);
    if (batch.length === 0 || expectedRevision === null) {
      // The server writes an empty record for an empty append; the port writes nothing and only checks.
      const last = await this.lastEvent(streamName);
      const actual = last ? last.revision : NO_STREAM;
      if (expectedRevision === null || !satisfiesExpectedVersion(expected, actual)) {
        return E.left(wrongExpectedVersion(streamName, expected, actual));
      }
      return E.right({ nextVersion: actual, lastPosition: last ? last.position : -1, alreadyStored: false });
    }
    return this.appends.run(streamName, () => this.append(streamName, batch, expected, expectedRevision));
  }

  /**
   * The server answers a repeat as it answers a write (no flag says which), so the adapter looks first: if the
   * batch's first id is where a repeat would find it, the server's success is a repeat. Appends to one
   * stream through this store queue, so that of two identical ones the second sees the first's events; two
   * processes appending the same ids in the same instant can still both be told "written" (docs/eventstoredb.md).
   */
  private async append(
    streamName: string,
    batch: ClientEventData[],
    expected: ExpectedVersion,
    expectedRevision: ExpectedRevision,
  ): Promise<E.Either<AppendError, AppendResult>> {
    const seenBefore = await this.holds(streamName, batch[0]!.id, expectedRevision);
    try {
      const result = await this.client.appendToStream(streamName, batch, {
        streamState: expectedRevision,
        expectedRevision,
      });
      if (!result.success) {
        // A client made with `throwOnAppendFailure=false` answers a conflict instead of throwing it (and on
        // its batch path misreads the current revision), so the stream itself says where it is.
        const last = await this.lastEvent(streamName);
        return E.left(conflict(streamName, expected, last ? last.revision : NO_STREAM));
      }
      const nextVersion = Number(result.nextExpectedRevision);
      // A server answers an idempotent repeat without a position when it cannot find the earlier write's.
      const lastPosition = result.position
        ? toPort(result.position, `the append to ${streamName}`)
        : (await this.readStream(streamName, { fromRevision: nextVersion }))[0]?.position;
      if (lastPosition === undefined)
        throw new Error(`EventStoreDB reported revision ${nextVersion} of ${streamName}, which cannot be read`);
      // An answer without a position is a repeat: only a server's idempotent reply leaves it out.
      return E.right({ nextVersion, lastPosition, alreadyStored: seenBefore || !result.position });
    } catch (error) {
      if (!isClientError(error, 'wrong-expected-version')) throw error;
      return E.left(conflict(streamName, expected, actualRevision(error)));
    }
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<ReadonlyArray<RecordedEvent>> {
    const from = Math.max(0, Math.floor(options.fromRevision ?? 0));
    const read: RecordedFromClient[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, {
        fromRevision: from === 0 ? 'start' : BigInt(from),
        direction: 'forwards',
      })) {
        if (resolved.event) read.push(resolved.event);
      }
    } catch (error) {
      if (isClientError(error, 'stream-not-found')) return [];
      throw error;
    }
    // Converted after the read has ended, so that a conversion error cannot leave the call half read.
    return read.map(fromClient);
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadonlyArray<RecordedEvent>> {
    const { after = -1, maxCount = Number.MAX_SAFE_INTEGER, streamPrefixes } = options;
    if (streamPrefixes?.length === 0 || maxCount <= 0) return [];
    const recorded: RecordedEvent[] = [];
    let from = after;
    while (recorded.length < maxCount) {
      // A read starts AT its position: ask for one more, in case the event there matches the filter.
      const wanted = maxCount - recorded.length + (from >= 0 ? 1 : 0);
      // Read unfiltered, a page holds other streams' events too: read at least a search window's worth.
      const count = Math.min(
        this.serverFiltersReads ? wanted : Math.max(wanted, this.searchWindow),
        Number.MAX_SAFE_INTEGER,
      );
      const page = await this.readAllPage(from, count, streamPrefixes);
      let last = from;
      for (const resolved of page) {
        if (!resolved.event) continue;
        const position = toPort(
          resolved.event.position,
          `event ${resolved.event.revision} of ${resolved.event.streamId}`,
        );
        if (position <= last) continue;
        last = position;
        const mapped = userEvent(resolved);
        if (
          mapped &&
          recorded.length < maxCount &&
          (!streamPrefixes || streamPrefixes.some((prefix) => mapped.streamName.startsWith(prefix)))
        ) {
          recorded.push(mapped);
        }
      }
      // A short page is the end of $all; a full one may have spent some of its count on events the port
      // does not see (a `$` event in a matching stream), so read on from where it stopped.
      if (page.length < count || last === from) break;
      from = last;
    }
    return recorded;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const { streamPrefixes } = options;
    if (streamPrefixes?.length === 0) return { close: async () => undefined };
    const filter = streamPrefixes ? streamNameFilter(streamPrefixes) : excludeSystemEvents();
    const subscription = resilientSubscription(
      {
        open: (after) => this.client.subscribeToAll({ fromPosition: fromPort(after), filter, resolveLinkTos: false }),
        toRecorded: userEvent,
      },
      options,
      this.resubscribe,
    );
    return this.subscriptions.track(subscription);
  }

  /** Closes every subscription still open, then the client's calls. */
  async dispose(): Promise<void> {
    await this.subscriptions.closeAll();
    // The client waits for each of its calls to finish; none should be left, but never hang a process on one.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.client.dispose(),
      new Promise((resolve) => (timer = setTimeout(resolve, DISPOSE_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
  }

  /** One page of `$all` from `from` (inclusive), filtered by the server when the client can ask it to. */
  private async readAllPage(
    from: number,
    count: number,
    streamPrefixes: ReadonlyArray<string> | undefined,
  ): Promise<ClientResolvedEvent[]> {
    const filter = streamPrefixes
      ? streamNameFilter(streamPrefixes, this.searchWindow)
      : excludeSystemEvents(this.searchWindow);
    const page: ClientResolvedEvent[] = [];
    const read = {
      fromPosition: fromPort(from),
      maxCount: count,
      direction: 'forwards',
      resolveLinkTos: false,
    } as const;
    for await (const resolved of this.client.readAll(this.serverFiltersReads ? { ...read, filter } : read))
      page.push(resolved);
    return page;
  }

  /** Whether the event id is stored where a repeat of an append with this expectation would find it. */
  private async holds(streamName: string, eventId: string, expected: ExpectedRevision): Promise<boolean> {
    const next = expected === 'no_stream' ? 0n : typeof expected === 'bigint' ? expected + 1n : null;
    // `any` and `stream_exists` repeat wherever the ids are; a numbered expectation only right after it.
    const read =
      next === null
        ? { fromRevision: 'start' as const, direction: 'forwards' as const }
        : { fromRevision: next, direction: 'forwards' as const, maxCount: 1 };
    let found = false;
    try {
      // Read to the end, never break off (see lastEvent).
      for await (const resolved of this.client.readStream(streamName, read)) found ||= resolved.event?.id === eventId;
    } catch (error) {
      if (isClientError(error, 'stream-not-found')) return false;
      throw error;
    }
    return found;
  }

  private async lastEvent(streamName: string): Promise<RecordedEvent | undefined> {
    let last: RecordedFromClient | undefined;
    try {
      // Read to the end, never break off: a read left unfinished is a call the client's dispose waits for.
      for await (const resolved of this.client.readStream(streamName, {
        fromRevision: 'end',
        direction: 'backwards',
        maxCount: 1,
      })) {
        last ??= resolved.event;
      }
    } catch (error) {
      if (isClientError(error, 'stream-not-found')) return undefined;
      throw error;
    }
    return last && fromClient(last);
  }
}
