import * as E from 'fp-ts/Either';
import { settledBound } from './globalOrder';
import { readFoldableRange } from './readModelLog';
import { migrate } from './migrations';
import { PgDatabase } from './sql';
import { PostgresEventStore } from './store';
import { holdingAppends } from './test-support/databases';
import { startEmbeddedServer, type EmbeddedServer } from './test-support/embeddedPostgres';
import { newEvent } from './test-support/fixtures';

let server: EmbeddedServer;
beforeAll(async () => {
  server = await startEmbeddedServer();
});
afterAll(async () => {
  await server?.dispose();
});

describe("the read model's log: ranges of positions below the settled bound", () => {
  it('keeps the bound below a transaction that took its position early and commits late, then moves past it', async () => {
    const db = new PgDatabase(server.connectionString);
    await migrate(db);
    const store = new PostgresEventStore(db);
    const late = holdingAppends(new PgDatabase(server.connectionString));
    const lateStore = new PostgresEventStore(late.db);
    try {
      const ns = `school-late${Date.now()}-`;
      expect(E.isRight(await store.appendToStream(`${ns}a`, [newEvent('A1')], 'no_stream'))).toBe(true);
      const before = await settledBound(db);
      const held = lateStore.appendToStream(`${ns}b`, [newEvent('Late')], 'no_stream');
      await late.worked;
      await store.appendToStream(`${ns}c`, [newEvent('C1')], 'no_stream');
      await store.appendToStream(`${ns}d`, [newEvent('D1')], 'no_stream');
      // Two appends committed after the running one: none of them is below the bound yet.
      expect(await settledBound(db)).toBe(before);
      late.release();
      expect(E.isRight(await held)).toBe(true);
      const bound = await settledBound(db);
      const events = await readFoldableRange(db, before, bound, [ns]);
      expect(events.map((event) => event.type)).toEqual(['Late', 'C1', 'D1']);
      expect(events[events.length - 1]!.position).toBe(bound);
      // Split anywhere, the ranges read the same events.
      const split = events[0]!.position;
      const halves = [
        ...(await readFoldableRange(db, before, split, [ns])),
        ...(await readFoldableRange(db, split, bound, [ns])),
      ];
      expect(halves).toEqual(events);
    } finally {
      late.release();
      await Promise.all([lateStore.dispose(), store.dispose()]);
    }
  });

  it('gives a range in the order of positions whatever the order of its rows on disk', async () => {
    const db = new PgDatabase(server.connectionString);
    await migrate(db);
    const store = new PostgresEventStore(db);
    try {
      const ns = `school-disk${Date.now()}-`;
      for (const name of ['a', 'b', 'c', 'd'])
        expect(E.isRight(await store.appendToStream(`${ns}${name}`, [newEvent(name)], 'no_stream'))).toBe(true);
      const bound = await settledBound(db);
      const first = (await readFoldableRange(db, -1, bound, [ns])).map((event) => event.position);
      // An update writes a new version of the row at the end of the table: the first events now lie last on disk.
      await db.query('update licheng_events set type = type where position = any($1::bigint[])', [first.slice(0, 2)]);
      const physical = await db.query<{ position: string }>(
        'select position from licheng_events where position = any($1::bigint[]) order by ctid',
        [first],
      );
      expect(physical.rows.map((row) => Number(row.position))).not.toEqual(first);
      // As the planner reads it when it misjudges the range: a scan of the table, in the rows' order on disk.
      const events = await db.transaction(async (tx) => {
        await tx.query('set local enable_indexscan = off');
        await tx.query('set local enable_bitmapscan = off');
        return readFoldableRange(tx, -1, bound, [ns]);
      });
      expect(events.map((event) => event.type)).toEqual(['a', 'b', 'c', 'd']);
    } finally {
      await store.dispose();
    }
  });
});
