import type { RecordedEvent } from '@licheng/eventstore';
import type { SqlQuery } from './sql';
import { readStreamIn, toRecorded, type EventRow } from './store';

/**
 * The log as the read model reads it: the store's `readAll` query (store.ts: settled rows only, in position order,
 * by stream prefix), but each event's metadata without its command record and hash-chain link. No projection reads
 * those (the reports read the event and `occurredAt`; the metadata codec has them optional), and they are two thirds
 * of the metadata's bytes: reading a page of 5,000 events takes about half the time without them.
 */
const SELECT = `
  select position, stream_name, revision, event_id, type, data, metadata - 'command' - 'hash' as metadata
  from licheng_events
  where position > $1 and transaction_id < pg_snapshot_xmin(pg_current_snapshot()) and stream_name like any($2::text[])
  order by position limit $3`;

/** `LIKE` patterns matching names that start with each prefix. */
const likePrefixes = (prefixes: ReadonlyArray<string>): string[] =>
  prefixes.map((prefix) => `${prefix.replace(/[\\%_]/g, '\\$&')}%`);

/** Up to `max` settled events of these streams after `after`, their metadata trimmed as above. */
export const readFoldable = async (
  db: SqlQuery,
  after: number,
  max: number,
  streamPrefixes: ReadonlyArray<string>,
): Promise<RecordedEvent[]> => {
  const { rows } = await db.query<EventRow>(SELECT, [after, likePrefixes(streamPrefixes), max]);
  return rows.map(toRecorded);
};

/** The event as stored, whole: for an event the fold cannot read as trimmed (a quarantine compares whole events). */
export const readWhole = async (tx: SqlQuery, event: RecordedEvent): Promise<RecordedEvent> =>
  (await readStreamIn(tx, event.streamName, event.revision)).find((e) => e.position === event.position) ?? event;
