import {
  NO_STREAM,
  OpenSubscriptions,
  partiallyRepeatedBatch,
  satisfiesExpectedVersion,
  wrongExpectedVersion,
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
import * as E from 'fp-ts/Either';
import { LOCKS } from './migrations';
import type { SqlDatabase, SqlQuery } from './sql';
import { DEFAULT_FOLLOW, followAll, type FollowOptions } from './subscription';

/** The channel an append notifies on commit; live subscriptions listen to it. */
export const EVENTS_CHANNEL = 'licheng_events';

export interface PostgresEventStoreOptions {
  /** How subscriptions follow the log; see {@link FollowOptions}. */
  readonly follow?: FollowOptions;
}

interface EventRow {
  readonly position: string | number;
  readonly stream_name: string;
  readonly revision: number;
  readonly event_id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

const COLUMNS = 'position, stream_name, revision, event_id, type, data, metadata';

/**
 * Only rows written by transactions older than every transaction still running: a transaction that took a
 * position early and commits late is never overtaken by a reader of the global order (see docs/postgres.md).
 */
const SETTLED = 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

const toJson = (value: unknown, what: string): string => {
  const text: string | undefined = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`event ${what} must be JSON-serialisable, got ${typeof value}`);
  return text;
};

const toRecorded = (row: EventRow): RecordedEvent => ({
  eventId: row.event_id,
  streamName: row.stream_name,
  revision: Number(row.revision),
  position: Number(row.position),
  type: row.type,
  data: row.data,
  metadata: row.metadata,
});

/** `LIKE` patterns matching names that start with each prefix. */
const likePrefixes = (prefixes: ReadonlyArray<string>): string[] => prefixes.map((prefix) => `${prefix.replace(/[\\%_]/g, '\\$&')}%`);

/**
 * The earlier write's result when the batch is a retry of it (its ids are in the stream as the same
 * consecutive run), 'partial' when it repeats only some of them, null when it is new.
 */
const repeatedRun = async (tx: SqlQuery, streamName: string, ids: ReadonlyArray<string>): Promise<AppendResult | 'partial' | null> => {
  const { rows: found } = await tx.query<{ event_id: string; revision: number }>(
    'select event_id, revision from licheng_events where stream_name = $1 and event_id = any($2::text[]) order by revision',
    [streamName, ids],
  );
  if (found.length === 0) return null;
  const first = found.find((row) => row.event_id === ids[0]);
  if (!first) return 'partial';
  const { rows: run } = await tx.query<{ event_id: string; revision: number; position: string }>(
    'select event_id, revision, position from licheng_events where stream_name = $1 and revision >= $2 and revision < $3 order by revision',
    [streamName, first.revision, Number(first.revision) + ids.length],
  );
  if (run.length !== ids.length || run.some((row, i) => row.event_id !== ids[i])) return 'partial';
  const last = run[run.length - 1]!;
  return { nextVersion: Number(last.revision), lastPosition: Number(last.position), alreadyStored: true };
};

const versionOf = async (db: SqlQuery, streamName: string): Promise<{ version: number; position: number }> => {
  const { rows } = await db.query<{ revision: number; position: string }>(
    'select revision, position from licheng_events where stream_name = $1 order by revision desc limit 1',
    [streamName],
  );
  return rows[0] ? { version: Number(rows[0].revision), position: Number(rows[0].position) } : { version: NO_STREAM, position: -1 };
};

/**
 * The `EventStore` port on PostgreSQL: one table, `licheng_events`, created by `migrate` (migrations.ts).
 *
 * - An append runs in one transaction: a per-stream advisory lock (so that writers of one stream queue
 *   instead of racing), the idempotency check by event id, the expected-version check, then the insert.
 * - Positions come from an identity column. The insert takes a short global advisory lock so that positions
 *   are handed out in the order of the transaction ids, and readers of the global order read only below the
 *   oldest running transaction (`SETTLED`): a late commit is never skipped.
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
    const texts = events.map((event) => [toJson(event.data, 'data'), toJson(event.metadata, 'metadata')] as const);
    if (events.length === 0) {
      const { version, position } = await versionOf(this.db, streamName);
      if (!satisfiesExpectedVersion(expected, version)) return E.left(wrongExpectedVersion(streamName, expected, version));
      return E.right({ nextVersion: version, lastPosition: position, alreadyStored: false });
    }
    const ids = events.map((event) => event.eventId);
    return this.db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [LOCKS.stream, streamName]);
      const repeated = await repeatedRun(tx, streamName, ids);
      const { version } = await versionOf(tx, streamName);
      if (repeated === 'partial') return E.left(partiallyRepeatedBatch(streamName, expected, version));
      if (repeated) return E.right(repeated);
      if (!satisfiesExpectedVersion(expected, version)) return E.left(wrongExpectedVersion(streamName, expected, version));
      const rows = await insertInOrder(tx, streamName, version + 1, events, texts);
      await tx.query('select pg_notify($1, $2)', [EVENTS_CHANNEL, '']);
      const last = rows[rows.length - 1]!;
      return E.right({ nextVersion: Number(last.revision), lastPosition: Number(last.position), alreadyStored: false });
    });
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<ReadonlyArray<RecordedEvent>> {
    const { rows } = await this.db.query<EventRow>(
      `select ${COLUMNS} from licheng_events where stream_name = $1 and revision >= $2 order by revision`,
      [streamName, Math.max(0, Math.floor(options.fromRevision ?? 0))],
    );
    return rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadonlyArray<RecordedEvent>> {
    const { after = -1, maxCount, streamPrefixes } = options;
    if (streamPrefixes?.length === 0 || (maxCount !== undefined && maxCount <= 0)) return [];
    const params: unknown[] = [Math.floor(after)];
    let where = `position > $1 and ${SETTLED}`;
    if (streamPrefixes) {
      params.push(likePrefixes(streamPrefixes));
      where += ` and stream_name like any($${params.length}::text[])`;
    }
    let limit = '';
    if (maxCount !== undefined && Number.isFinite(maxCount)) {
      params.push(Math.floor(maxCount));
      limit = ` limit $${params.length}`;
    }
    const { rows } = await this.db.query<EventRow>(`select ${COLUMNS} from licheng_events where ${where} order by position${limit}`, params);
    return rows.map(toRecorded);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    if (options.streamPrefixes?.length === 0) return { close: async () => undefined };
    const subscription = followAll(
      {
        read: (after, max) => this.readAll({ after, maxCount: max, ...(options.streamPrefixes ? { streamPrefixes: options.streamPrefixes } : {}) }),
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

/**
 * Inserts the batch with consecutive revisions. The global advisory lock spans only this statement, not the
 * commit: it makes position order follow transaction-id order, which is what `SETTLED` relies on, while
 * commits (and their fsyncs) still overlap. A failing insert is rolled back to its savepoint first, since
 * the lock belongs to the connection and must be released whatever happens.
 */
const insertInOrder = async (
  tx: SqlQuery,
  streamName: string,
  firstRevision: number,
  events: ReadonlyArray<NewEvent>,
  texts: ReadonlyArray<readonly [string, string]>,
): Promise<Array<{ position: string; revision: number }>> => {
  await tx.query('savepoint licheng_insert');
  await tx.query('select pg_advisory_lock($1, 0)', [LOCKS.append]);
  try {
    const { rows } = await tx.query<{ position: string; revision: number }>(
      `insert into licheng_events (stream_name, revision, event_id, type, data, metadata)
       select $1, $2 + e.ord - 1, e.id, e.type, e.data::jsonb, e.metadata::jsonb
       from unnest($3::text[], $4::text[], $5::text[], $6::text[]) with ordinality as e(id, type, data, metadata, ord)
       order by e.ord
       returning position, revision`,
      [streamName, firstRevision, events.map((e) => e.eventId), events.map((e) => e.type), texts.map((t) => t[0]), texts.map((t) => t[1])],
    );
    await tx.query('select pg_advisory_unlock($1, 0)', [LOCKS.append]);
    return rows.sort((a, b) => Number(a.revision) - Number(b.revision));
  } catch (error) {
    await tx.query('rollback to savepoint licheng_insert');
    await tx.query('select pg_advisory_unlock($1, 0)', [LOCKS.append]);
    throw error;
  }
};
