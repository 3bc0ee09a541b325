import type { ReadAllOptions, RecordedEvent } from '@licheng/eventstore';
import { likePrefixes, settledBound } from './globalOrder';
import type { SqlQuery } from './sql';

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
    `select ${EVENT_COLUMNS} from licheng_events where stream_name = $1 and revision >= $2 order by revision`,
    [streamName, Math.max(0, Math.floor(fromRevision))],
  );
  return rows.map(toRecorded);
};

/** The columns of `licheng_events` a `RecordedEvent` is made of (`toRecorded`). */
export const EVENT_COLUMNS = 'position, stream_name, revision, event_id, type, data, metadata';

/**
 * The events in positions `after` (excluded) to `upTo`, of these streams (all without prefixes), in position order;
 * `columns` selects them (the read model's log trims the metadata). Bounded by positions on both sides, the read costs
 * the range whatever the table's statistics say: a `limit` after the cursor instead let the planner, on a table not yet
 * analysed, fetch and sort every row after the cursor for each page, so that a catch-up over a log took time in the
 * square of its length (docs/postgres.md). Sorted here, not by the server: misjudging how many rows the prefixes keep,
 * the planner chose a bitmap scan and a sort that spilled to disk (about 6 MB a page of 10,000, measured), where the
 * rows arrive nearly in order and sort here in one pass.
 */
export const readRange = async (
  db: SqlQuery,
  after: number,
  upTo: number,
  streamPrefixes: ReadonlyArray<string> | undefined,
  columns: string = EVENT_COLUMNS,
): Promise<RecordedEvent[]> => {
  const byStream = streamPrefixes ? ' and stream_name like any($3::text[])' : '';
  const { rows } = await db.query<EventRow>(
    `select ${columns} from licheng_events where position > $1 and position <= $2${byStream}`,
    streamPrefixes ? [after, upTo, likePrefixes(streamPrefixes)] : [after, upTo],
  );
  return rows.map(toRecorded).sort((a, b) => a.position - b.position);
};

/**
 * Settled events only (`settledBound`), read as ranges of positions below the bound: first as many positions as
 * events are wanted, then as many as the rest should need at the density of matching events just seen (twice the
 * last range after an empty one), until enough are found or the bound is reached. `upTo` is how far the events are
 * complete: no matching event at or below it is missing from them, nor will one be written there later. It is the
 * last event's position when `maxCount` cut the read short, the bound when the read reached it (however many of the
 * positions before it matched), and `after` when there was nothing settled to read.
 */
export const readSettledUpTo = async (
  db: SqlQuery,
  options: ReadAllOptions,
): Promise<{ readonly events: ReadonlyArray<RecordedEvent>; readonly upTo: number }> => {
  const { after = -1, maxCount, streamPrefixes } = options;
  const start = Math.floor(after);
  if (streamPrefixes?.length === 0 || (maxCount !== undefined && maxCount <= 0)) return { events: [], upTo: start };
  const max = maxCount !== undefined && Number.isFinite(maxCount) ? Math.floor(maxCount) : Infinity;
  const bound = await settledBound(db);
  let events: RecordedEvent[] = [];
  let from = start;
  let span = max;
  while (from < bound && events.length < max) {
    const upTo = Math.min(bound, from + span);
    const found = await readRange(db, from, upTo, streamPrefixes);
    events = events.length === 0 ? found : events.concat(found);
    if (events.length > max) events.length = max;
    span = found.length === 0 ? span * 2 : Math.ceil(((max - events.length) * (upTo - from)) / found.length);
    from = upTo;
  }
  return { events, upTo: events.length === max ? events[max - 1]!.position : from };
};

/** `readSettledUpTo`'s events: what `readAll` answers. */
export const readSettled = async (db: SqlQuery, options: ReadAllOptions): Promise<ReadonlyArray<RecordedEvent>> =>
  (await readSettledUpTo(db, options)).events;
