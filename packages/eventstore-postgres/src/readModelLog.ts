import type { RecordedEvent } from '@licheng/eventstore';
import { likePrefixes } from './globalOrder';
import type { SqlQuery } from './sql';
import { readStreamIn, toRecorded, type EventRow } from './reads';

/**
 * A range of positions at or below a settled bound: the store's columns, each event's metadata without its command
 * record and hash-chain link. No projection reads those (the reports read the event and `occurredAt`; the metadata
 * codec has them optional), and they are two thirds of the metadata's bytes: reading a page takes about half the time
 * without them. Bounded by positions on both sides, the query reads the range through the primary key whatever the
 * table's statistics say; a `limit` with the settled filter instead let the planner, on a table not yet analysed,
 * fetch and sort every row after the cursor for each page (about 40 % of a rebuild's time, measured).
 */
const RANGE = `
  select position, stream_name, revision, event_id, type, data, metadata - 'command' - 'hash' as metadata
  from licheng_events
  where position > $1 and position <= $2 and stream_name like any($3::text[])`;

/** The events of these streams in positions `after` (excluded) to `upTo` (a settled bound or below), trimmed as above. */
export const readFoldableRange = async (
  db: SqlQuery,
  after: number,
  upTo: number,
  streamPrefixes: ReadonlyArray<string>,
): Promise<RecordedEvent[]> => {
  const { rows } = await db.query<EventRow>(RANGE, [after, upTo, likePrefixes(streamPrefixes)]);
  // Sorted here, not by the server: the planner, misjudging how many rows the prefixes keep (a table without
  // statistics), chose a bitmap scan and a sort that spilled to disk (about 6 MB a page of 10,000, measured), where
  // the rows arrive nearly in order and sort here in one pass.
  return rows.map(toRecorded).sort((a, b) => a.position - b.position);
};

/** The event as stored, whole: for an event the fold cannot read as trimmed (a quarantine compares whole events). */
export const readWhole = async (tx: SqlQuery, event: RecordedEvent): Promise<RecordedEvent> =>
  (await readStreamIn(tx, event.streamName, event.revision)).find((e) => e.position === event.position) ?? event;
