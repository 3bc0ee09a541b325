import type { DomainError } from '@licheng/domain';
import type { Either } from 'fp-ts/Either';

/**
 * The event store port. One convention throughout, the one EventStoreDB uses:
 *
 * - An event's `revision` is its 0-based index in its stream. A stream's version is the revision of its
 *   last event, and -1 while the stream does not exist.
 * - `position` orders every event of every stream: strictly increasing in append order. The in-memory
 *   store counts 0, 1, 2, …; other stores may leave gaps, so never compute one position from another.
 * - Data and metadata are JSON. A store hands them back parsed but NOT validated: validating is the
 *   serializer's job, because only it knows the event types and their schema versions.
 */

/**
 * What the writer believes about the stream: it must not exist yet, it must exist, anything goes, or its
 * version (the revision of its last event) must be exactly this number.
 */
export type ExpectedVersion = 'no_stream' | 'stream_exists' | 'any' | number;

export interface NewEvent {
  /** A UUID. Appending ids the stream already holds, as the same consecutive run, writes nothing. */
  readonly eventId: string;
  readonly type: string;
  /** JSON-serialisable. */
  readonly data: unknown;
  /** JSON-serialisable. */
  readonly metadata: unknown;
  /**
   * `data` and `metadata` as JSON text, when the writer has written them already (a command handler does,
   * for the hash chain). A store may keep these texts instead of serialising again (`newEventJson`); each
   * must parse to what its field holds.
   */
  readonly json?: { readonly data: string; readonly metadata: string };
}

export interface RecordedEvent {
  readonly eventId: string;
  readonly streamName: string;
  readonly revision: number;
  readonly position: number;
  readonly type: string;
  /** Parsed JSON, not yet validated. */
  readonly data: unknown;
  /** Parsed JSON, not yet validated. */
  readonly metadata: unknown;
}

export interface AppendResult {
  /** The stream's version after the append: the revision of the batch's last event. */
  readonly nextVersion: number;
  /** The global position of the batch's last event. */
  readonly lastPosition: number;
  /**
   * Every event id of the batch was already in the stream as the same run, so nothing was written: this
   * append repeated an earlier one, this writer's or a concurrent writer's. Of appends of one batch made at
   * the same instant, exactly one is answered `false`; a command handler relies on it to tell its caller
   * truthfully whether this call applied the command (issue 16, item 8). `false` for an empty batch.
   */
  readonly alreadyStored: boolean;
  /**
   * The global position of each event of the batch, in order, from a store that wrote them itself in this
   * call and whose `alreadyStored` is exact (decided in the same atomic step as the write). A command
   * handler then knows where its events landed without reading them back. Optional: a store that cannot
   * promise both leaves it out (EventStoreDB, whose idempotency is not exact across processes), and it is
   * absent when nothing was written.
   */
  readonly positions?: ReadonlyArray<number>;
}

/**
 * The stream was not as the writer expected: `details` holds `{ streamName, expected, actual }`, where
 * `actual` is the stream's version (-1 when missing). Shaped like a domain error so that a command
 * handler can pass it on unchanged.
 */
export type AppendError = DomainError<'WRONG_EXPECTED_VERSION'>;

export interface ReadStreamOptions {
  /** The first revision to return; 0 when absent. */
  readonly fromRevision?: number;
}

export interface StreamFilter {
  /**
   * Only streams whose name starts with one of these. Absent means every stream; an empty list matches
   * none, so that a filter built from an empty selection never widens to everything.
   */
  readonly streamPrefixes?: ReadonlyArray<string>;
}

export interface ReadAllOptions extends StreamFilter {
  /** Only events whose position is strictly greater than this; from the start when absent. */
  readonly after?: number;
  readonly maxCount?: number;
}

export interface SubscribeOptions extends StreamFilter {
  /** Catch up from the first position strictly greater than this, then stay live. */
  readonly after?: number;
  /** Awaited before the next event is delivered. */
  readonly onEvent: (event: RecordedEvent) => void | Promise<void>;
  /**
   * Called once when `onEvent` throws or rejects; the subscription then stops AT that event (it is never
   * skipped), so a new subscription from the last handled position sees it again. Without `onError`
   * the failure surfaces as an unhandled rejection rather than being lost.
   */
  readonly onError?: (error: unknown) => void;
}

export interface Subscription {
  /** Stops delivery; resolves once the event being handled, if any, has been handled. */
  close(): Promise<void>;
}

export interface EventStore {
  /**
   * Appends the batch atomically, or nothing. Idempotent as EventStoreDB is: when every event id of the
   * batch is already in the stream as the same consecutive run, nothing is written and the result of
   * that earlier write is returned with `alreadyStored: true`, whatever `expected` says. A batch that repeats only some
   * of the
   * stream's ids is refused as a wrong expected version (EventStoreDB's "corrupted idempotency").
   */
  appendToStream(
    streamName: string,
    events: ReadonlyArray<NewEvent>,
    expected: ExpectedVersion,
  ): Promise<Either<AppendError, AppendResult>>;
  /** The stream's events in revision order; empty for a missing stream. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<ReadonlyArray<RecordedEvent>>;
  /** Events of all (or the filtered) streams in position order. */
  readAll(options?: ReadAllOptions): Promise<ReadonlyArray<RecordedEvent>>;
  /** Every matching event exactly once, in position order: first the stored ones, then live. */
  subscribeToAll(options: SubscribeOptions): Subscription;
}
