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
import { readSettled, readStreamIn } from './reads';
import type { SqlDatabase, SqlQuery } from './sql';
import { DEFAULT_FOLLOW, followAll, type FollowOptions } from './subscription';

/** The channel an append notifies on commit; live subscriptions listen to it. */
export const EVENTS_CHANNEL = 'licheng_events';

export interface PostgresEventStoreOptions {
  /** How subscriptions follow the log; see {@link FollowOptions}. */
  readonly follow?: FollowOptions;
}

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

  /** Settled events only, as ranges of positions below the settled bound (`readSettled`). */
  readAll(options: ReadAllOptions = {}): Promise<ReadonlyArray<RecordedEvent>> {
    return readSettled(this.db, options);
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
