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
  newEventJson,
  OpenSubscriptions,
  partiallyRepeatedBatch,
  satisfiesExpectedVersion,
  wrongExpectedVersion,
} from '@licheng/eventstore/internal';
import * as E from 'fp-ts/Either';
import { likePrefixes, settledBound } from './globalOrder';
import type { SqlDatabase, SqlQuery } from './sql';
import { DEFAULT_FOLLOW, followAll, type FollowOptions } from './subscription';

/** The channel an append notifies on commit; live subscriptions listen to it. */
export const EVENTS_CHANNEL = 'licheng_events';

export interface PostgresEventStoreOptions {
  /** How subscriptions follow the log; see {@link FollowOptions}. */
  readonly follow?: FollowOptions;
}

/** A row of `licheng_events` as the store selects it. */
export interface EventRow {
  readonly position: string | number;
  readonly stream_name: string;
  readonly revision: number;
  readonly event_id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

const COLUMNS = 'position, stream_name, revision, event_id, type, data, metadata';

export const toRecorded = (row: EventRow): RecordedEvent => ({
  eventId: row.event_id,
  streamName: row.stream_name,
  revision: Number(row.revision),
  position: Number(row.position),
  type: row.type,
  data: row.data,
  metadata: row.metadata,
});

/** A stream's events from a revision on, read through `query`: the store's connection or a projection's transaction. */
export const readStreamIn = async (
  query: SqlQuery,
  streamName: string,
  fromRevision: number,
): Promise<ReadonlyArray<RecordedEvent>> => {
  const { rows } = await query.query<EventRow>(
    `select ${COLUMNS} from licheng_events where stream_name = $1 and revision >= $2 order by revision`,
    [streamName, Math.max(0, Math.floor(fromRevision))],
  );
  return rows.map(toRecorded);
};

/**
 * The events in positions `after` (excluded) to `upTo`, of these streams (all without prefixes), in position order.
 * Bounded by positions on both sides, the read costs the range whatever the table's statistics say: a `limit` after
 * the cursor instead let the planner, on a table not yet analysed, fetch and sort every row after the cursor for each
 * page, so that a catch-up over a log took time in the square of its length (docs/postgres.md). Sorted here, as the
 * read model's pages are: the rows arrive nearly in order.
 */
const readRange = async (
  db: SqlQuery,
  after: number,
  upTo: number,
  streamPrefixes: ReadonlyArray<string> | undefined,
): Promise<RecordedEvent[]> => {
  const byStream = streamPrefixes ? ' and stream_name like any($3::text[])' : '';
  const { rows } = await db.query<EventRow>(
    `select ${COLUMNS} from licheng_events where position > $1 and position <= $2${byStream}`,
    streamPrefixes ? [after, upTo, likePrefixes(streamPrefixes)] : [after, upTo],
  );
  return rows.map(toRecorded).sort((a, b) => a.position - b.position);
};

const versionOf = async (db: SqlQuery, streamName: string): Promise<{ version: number; position: number }> => {
  const { rows } = await db.query<{ revision: number; position: string }>(
    'select revision, position from licheng_events where stream_name = $1 order by revision desc limit 1',
    [streamName],
  );
  return rows[0]
    ? { version: Number(rows[0].revision), position: Number(rows[0].position) }
    : { version: NO_STREAM, position: -1 };
};

/**
 * The `EventStore` port on PostgreSQL: one table, `licheng_events`, created by `migrate` (migrations.ts).
 *
 * - An append is one call of `licheng_append` (migration 4), one transaction: a per-stream advisory lock (so
 *   that writers of one stream queue instead of racing), the idempotency check by event id, the
 *   expected-version check, then the insert.
 * - Positions come from an identity column. The insert takes a short global advisory lock so that positions
 *   are handed out in the order of the transaction ids, and readers of the global order read only below the
 *   oldest running transaction (`settledBound`): a late commit is never skipped.
 * - The commit notifies `licheng_events`; subscriptions listen, and poll as a fallback.
 */
export class PostgresEventStore implements EventStore {
  private readonly subscriptions = new OpenSubscriptions();
  private readonly follow: Required<FollowOptions>;

  constructor(
    readonly db: SqlDatabase,
    options: PostgresEventStoreOptions = {},
  ) {
    this.follow = { ...DEFAULT_FOLLOW, ...options.follow };
  }

  async appendToStream(
    streamName: string,
    events: ReadonlyArray<NewEvent>,
    expected: ExpectedVersion,
  ): Promise<E.Either<AppendError, AppendResult>> {
    // Serialised before anything is sent, so that a value JSON cannot hold writes nothing.
    const texts = events.map(newEventJson);
    if (events.length === 0) {
      const { version, position } = await versionOf(this.db, streamName);
      if (!satisfiesExpectedVersion(expected, version))
        return E.left(wrongExpectedVersion(streamName, expected, version));
      return E.right({ nextVersion: version, lastPosition: position, alreadyStored: false });
    }
    // One statement, its own transaction: the stream lock, the idempotency and version checks, the insert
    // under the global order lock, and the notification (migration 4, `licheng_append`).
    const { rows } = await this.db.query<{
      outcome: 'appended' | 'repeated' | 'partial' | 'wrong_version';
      version: number;
      last_position: string | null;
    }>(
      'select outcome, version, last_position from licheng_append($1, $2, $3::text[], $4::text[], $5::text[], ' +
        '$6::text[])',
      [
        streamName,
        String(expected),
        events.map((e) => e.eventId),
        events.map((e) => e.type),
        texts.map((t) => t[0]),
        texts.map((t) => t[1]),
      ],
    );
    const { outcome, version, last_position } = rows[0]!;
    if (outcome === 'partial') return E.left(partiallyRepeatedBatch(streamName, expected, Number(version)));
    if (outcome === 'wrong_version') return E.left(wrongExpectedVersion(streamName, expected, Number(version)));
    const lastPosition = Number(last_position);
    // The function decides the repeat under the stream's lock in the append's own transaction, so `alreadyStored` is
    // exact, and a single event's position is the last one: the handler need not read it back. (A batch's positions
    // are not returned by the function; a batch is read back.)
    if (outcome === 'appended' && events.length === 1)
      return E.right({ nextVersion: Number(version), lastPosition, alreadyStored: false, positions: [lastPosition] });
    return E.right({ nextVersion: Number(version), lastPosition, alreadyStored: outcome === 'repeated' });
  }

  readStream(streamName: string, options: ReadStreamOptions = {}): Promise<ReadonlyArray<RecordedEvent>> {
    return readStreamIn(this.db, streamName, options.fromRevision ?? 0);
  }

  /**
   * Settled events only (`settledBound`), read as ranges of positions below the bound: first as many positions as
   * events are wanted, then as many as the rest should need at the density of matching events just seen (twice the
   * last range after an empty one), until enough are found or the bound is reached.
   */
  async readAll(options: ReadAllOptions = {}): Promise<ReadonlyArray<RecordedEvent>> {
    const { after = -1, maxCount, streamPrefixes } = options;
    if (streamPrefixes?.length === 0 || (maxCount !== undefined && maxCount <= 0)) return [];
    const max = maxCount !== undefined && Number.isFinite(maxCount) ? Math.floor(maxCount) : Infinity;
    const bound = await settledBound(this.db);
    let events: RecordedEvent[] = [];
    let from = Math.floor(after);
    let span = max;
    while (from < bound && events.length < max) {
      const upTo = Math.min(bound, from + span);
      const found = await readRange(this.db, from, upTo, streamPrefixes);
      events = events.length === 0 ? found : events.concat(found);
      if (events.length > max) events.length = max;
      span = found.length === 0 ? span * 2 : Math.ceil(((max - events.length) * (upTo - from)) / found.length);
      from = upTo;
    }
    return events;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    if (options.streamPrefixes?.length === 0) return { close: async () => undefined };
    const subscription = followAll(
      {
        read: (after, max) =>
          this.readAll({
            after,
            maxCount: max,
            ...(options.streamPrefixes ? { streamPrefixes: options.streamPrefixes } : {}),
          }),
        listen: (wake, lost) => this.db.listen(EVENTS_CHANNEL, wake, lost),
      },
      options,
      this.follow,
    );
    return this.subscriptions.track(subscription);
  }

  /** Closes every subscription still open, then the connections. */
  async dispose(): Promise<void> {
    await this.subscriptions.closeAll();
    await this.db.close();
  }
}
