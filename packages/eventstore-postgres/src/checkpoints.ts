import type { EventStore, RecordedEvent } from '@licheng/eventstore';
import type { SqlDatabase, SqlQuery } from './sql';

/** The last position a projection folded (`licheng_checkpoints`), -1 before the first. */
export const checkpointOf = async (db: SqlQuery, projection: string): Promise<number> => {
  const { rows } = await db.query<{ position: string }>(
    'select position from licheng_checkpoints where projection = $1',
    [projection],
  );
  return rows[0] ? Number(rows[0].position) : -1;
};

/**
 * Folds a page in one transaction with the projection's checkpoint: `write` and the checkpoint after the page
 * commit together, or neither does (exactly once). The checkpoint row is locked, then read: two folders of the
 * same projection queue here, and the second skips what the first did.
 */
export const foldWithCheckpoint = (
  db: SqlDatabase,
  projection: string,
  page: ReadonlyArray<RecordedEvent>,
  write: (tx: SqlQuery, fresh: ReadonlyArray<RecordedEvent>) => Promise<void>,
): Promise<number> =>
  db.transaction(async (tx) => {
    await tx.query('insert into licheng_checkpoints (projection, position) values ($1, -1) on conflict do nothing', [
      projection,
    ]);
    const { rows } = await tx.query<{ position: string }>(
      'select position from licheng_checkpoints where projection = $1 for update',
      [projection],
    );
    const from = Number(rows[0]!.position);
    const fresh = page.filter((event) => event.position > from);
    if (fresh.length === 0) return from;
    await write(tx, fresh);
    const last = fresh[fresh.length - 1]!.position;
    await tx.query('update licheng_checkpoints set position = $2 where projection = $1', [projection, last]);
    return last;
  });

/**
 * Folds every event of these streams after the projection's checkpoint, a page at a time; returns the new checkpoint.
 */
export const catchUpProjection = async (
  db: SqlDatabase,
  store: Pick<EventStore, 'readAll'>,
  projection: string,
  streamPrefixes: ReadonlyArray<string>,
  write: (tx: SqlQuery, fresh: ReadonlyArray<RecordedEvent>) => Promise<void>,
  pageSize = 2_000,
): Promise<number> => {
  let position = await checkpointOf(db, projection);
  for (;;) {
    const page = await store.readAll({ after: position, maxCount: pageSize, streamPrefixes });
    if (page.length === 0) return position;
    position = await foldWithCheckpoint(db, projection, page, write);
  }
};
