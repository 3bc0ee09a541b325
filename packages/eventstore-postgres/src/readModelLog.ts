import type { RecordedEvent } from '@licheng/eventstore';
import type { SqlQuery } from './sql';
import { readRange, readStreamIn } from './reads';

/**
 * The store's columns, each event's metadata without its command record and hash-chain link. No projection reads
 * those (the reports read the event and `occurredAt`; the metadata codec has them optional), and they are two thirds
 * of the metadata's bytes: reading a page takes about half the time without them.
 */
const FOLDABLE_COLUMNS =
  "position, stream_name, revision, event_id, type, data, metadata - 'command' - 'hash' as metadata";

/** The events of these streams in positions `after` (excluded) to `upTo` (a settled bound or below), trimmed as above. */
export const readFoldableRange = (
  db: SqlQuery,
  after: number,
  upTo: number,
  streamPrefixes: ReadonlyArray<string>,
): Promise<RecordedEvent[]> => readRange(db, after, upTo, streamPrefixes, FOLDABLE_COLUMNS);

/** The event as stored, whole: for an event the fold cannot read as trimmed (a quarantine compares whole events). */
export const readWhole = async (tx: SqlQuery, event: RecordedEvent): Promise<RecordedEvent> =>
  (await readStreamIn(tx, event.streamName, event.revision)).find((e) => e.position === event.position) ?? event;
