import type { RecordedEvent } from '@licheng/eventstore';
import type { SqlDatabase, SqlQuery } from './sql';

/** The last position a projection folded (`licheng_checkpoints`), -1 before the first. */
export const checkpointOf = async (db: SqlQuery, projection: string): Promise<number> => {
  const { rows } = await db.query<{ position: string }>(
    'select position from licheng_checkpoints where projection = $1',
    [projection],
  );
  return rows[0] ? Number(rows[0].position) : -1;
};

/** The projection's checkpoint and its writer (see `lockCheckpoint`), not locked: -1 and no writer before the first. */
export const checkpointRow = async (
  db: SqlQuery,
  projection: string,
): Promise<{ readonly position: number; readonly writer: string }> => {
  const { rows } = await db.query<{ position: string; writer: string }>(
    'select position, xmin::text as writer from licheng_checkpoints where projection = $1',
    [projection],
  );
  return rows[0] ? { position: Number(rows[0].position), writer: rows[0].writer } : { position: -1, writer: '' };
};

/** The projection's checkpoint row at -1, unless it has one. */
const makeCheckpointRow = (db: SqlQuery, projection: string) =>
  db.query('insert into licheng_checkpoints (projection, position) values ($1, -1) on conflict do nothing', [
    projection,
  ]);

/**
 * As `checkpointRow`, the row made first (at -1) when there is none, so that its writer is known from the start: a
 * folder that checks the writer before it writes would otherwise find the row its own first write made.
 */
export const madeCheckpointRow = async (
  db: SqlQuery,
  projection: string,
): Promise<{ readonly position: number; readonly writer: string }> => {
  const row = await checkpointRow(db, projection);
  if (row.writer !== '') return row;
  await makeCheckpointRow(db, projection);
  return checkpointRow(db, projection);
};

/**
 * The projection's checkpoint row, locked for the rest of the transaction (two folders of one projection queue
 * here), and its writer: the transaction that last wrote the row (`xmin`). A folder that keeps folded states in
 * memory holds them valid only while the row's writer is the one its own last commit left there.
 */
export const lockCheckpoint = async (
  tx: SqlQuery,
  projection: string,
  options: { readonly asynchronousCommit?: boolean } = {},
): Promise<{ readonly position: number; readonly writer: string }> => {
  // Asked in the same statement, so that it costs no round trip of its own: the row is there but once per table.
  const commitMode = options.asynchronousCommit ? ", set_config('synchronous_commit', 'off', true)" : '';
  const select = () =>
    tx.query<{ position: string; writer: string }>(
      `select position, xmin::text as writer${commitMode} from licheng_checkpoints where projection = $1 for update`,
      [projection],
    );
  let { rows } = await select();
  if (!rows[0]) {
    await makeCheckpointRow(tx, projection);
    ({ rows } = await select());
  }
  return { position: Number(rows[0]!.position), writer: rows[0]!.writer };
};

/** Moves the locked checkpoint; returns its new writer (this transaction). */
export const moveCheckpoint = async (tx: SqlQuery, projection: string, position: number): Promise<string> => {
  const { rows } = await tx.query<{ writer: string }>(
    'update licheng_checkpoints set position = $2 where projection = $1 returning xmin::text as writer',
    [projection, position],
  );
  return rows[0]!.writer;
};

/**
 * Folds a page in one transaction with the projection's checkpoint: `write` and the checkpoint after the page
 * commit together, or neither does (exactly once). The checkpoint row is locked, then read: two folders of the
 * same projection queue here, and the second skips what the first did. The checkpoint moves to `upTo`, which may
 * lie past the page's last event: positions up to it that the page does not hold are other streams' events.
 */
export const foldWithCheckpoint = (
  db: SqlDatabase,
  projection: string,
  page: ReadonlyArray<RecordedEvent>,
  upTo: number,
  write: (tx: SqlQuery, fresh: ReadonlyArray<RecordedEvent>) => Promise<void>,
): Promise<number> =>
  db.transaction(async (tx) => {
    const from = (await lockCheckpoint(tx, projection)).position;
    if (upTo <= from) return from;
    const fresh = page.filter((event) => event.position > from);
    if (fresh.length > 0) await write(tx, fresh);
    await moveCheckpoint(tx, projection, upTo);
    return upTo;
  });

/** Events after a position, and how far they are complete: no matching event up to `upTo` is missing from them. */
export type LogReader = (
  after: number,
) => Promise<{ readonly events: ReadonlyArray<RecordedEvent>; readonly upTo: number }>;

/**
 * Folds every event `read` gives after the projection's checkpoint, a page at a time; returns the new checkpoint. The
 * checkpoint moves to the page's `upTo`, past other streams' events when the reader can say where it read to.
 */
export const catchUpProjection = async (
  db: SqlDatabase,
  projection: string,
  read: LogReader,
  write: (tx: SqlQuery, fresh: ReadonlyArray<RecordedEvent>) => Promise<void>,
): Promise<number> => {
  let position = await checkpointOf(db, projection);
  for (;;) {
    const { events, upTo } = await read(position);
    if (upTo <= position) return position;
    position = await foldWithCheckpoint(db, projection, events, upTo, write);
  }
};
