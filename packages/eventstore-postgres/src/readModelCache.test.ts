import { RECEIPT_EVENT_TYPES } from '@licheng/workflows';
import { createProjectionRunner, inMemoryViewStore, reportsProjection } from '@licheng/projections';
import { appendToStore, generateSchool, studentStreams } from '@licheng/testing';
import * as E from 'fp-ts/Either';
import { lockCheckpoint } from './checkpoints';
import { openPglite, type PostgresConnection } from './connect';
import { ReceiptReadModel } from './readModel';
import type { SqlDatabase, SqlQuery } from './sql';
import { interleavedSchool } from './test-support/fixtures';
import { nativePglite } from './test-support/nativePglite';

// One PGlite for the file (starting one takes seconds); each test has a school of its own and ends rebuilt.
let opened: Promise<PostgresConnection> | undefined;
const pglite = () => (opened ??= openPglite(undefined, { follow: { pollIntervalMs: 50 }, PGlite: nativePglite() }));
afterAll(async () => {
  await (await opened)?.dispose();
});

/**
 * A school whose student `held` has the last `later` events of its stream held back (receipt events among them, so
 * that the receipt rows change too), each appended by `appendNext`.
 */
const schoolWithHeldEvents = async (connection: PostgresConnection, schoolId: string, later: number) => {
  const school = generateSchool({ seed: 11, schoolId, students: 4, classSize: 4 });
  const streams = [...studentStreams(school)];
  const held = streams.find((s) => s.events.filter((e) => RECEIPT_EVENT_TYPES.has(e.type)).length >= later)!;
  await appendToStore(connection.store, [school, ...streams.filter((s) => s !== held)]);
  const kept = held.events.length - later;
  await appendToStore(connection.store, [{ ...held, events: held.events.slice(0, kept) }]);
  let next = kept;
  return async () => {
    const appended = await connection.store.appendToStream(held.streamName, [held.events[next]!], next - 1);
    if (E.isLeft(appended)) throw new Error(appended.left.message.en);
    next += 1;
  };
};

/** Every row the model writes, states included, in a stable order. */
const tables = async (connection: PostgresConnection) => ({
  portfolios: (await connection.db.query('select * from licheng_rm_portfolios order by school_id, student_id')).rows,
  receipts: (
    await connection.db.query('select * from licheng_rm_receipts order by school_id, student_id, category, period')
  ).rows,
  roster: (await connection.db.query('select * from licheng_rm_roster order by school_id, school_year, student_id'))
    .rows,
});

/** The tables as a fresh model, with nothing in memory, rebuilds them from the log. */
const rebuilt = async (connection: PostgresConnection) => {
  await new ReceiptReadModel(connection.db, connection.store).rebuild();
  return tables(connection);
};

/** The database, counting the portfolio states of `schoolId` its transactions write (three parameters a state). */
const countingStateWrites = (inner: SqlDatabase, schoolId: string) => {
  let rows = 0;
  const note = (text: string, params: ReadonlyArray<unknown> = []) => {
    if (!text.includes('insert into licheng_rm_portfolios')) return;
    // The statement that also moves the checkpoint takes four parameters before the states.
    for (let at = text.includes('update licheng_checkpoints') ? 4 : 0; at + 2 < params.length; at += 3)
      if (params[at] === schoolId) rows += 1;
  };
  const db = Object.create(inner, {
    transaction: {
      value: (work: Parameters<SqlDatabase['transaction']>[0]) =>
        inner.transaction((tx) =>
          work({
            query: (text, params) => {
              note(text, params);
              return tx.query(text, params);
            },
          } as SqlQuery),
        ),
    },
  }) as SqlDatabase;
  return { db, rows: () => rows };
};

/** The database as another process sees it that fails at its first read of the log (after a rebuild's truncate). */
const stoppedBeforeReading = (connection: PostgresConnection): SqlDatabase =>
  Object.create(connection.db, {
    query: {
      value: (text: string, params?: ReadonlyArray<unknown>) =>
        text.includes('from licheng_events')
          ? Promise.reject(new Error('the other process stopped'))
          : connection.db.query(text, params),
    },
  }) as SqlDatabase;

/** Waits until the live model's checkpoint reaches the log's last event. */
const untilFolded = async (connection: PostgresConnection, model: ReceiptReadModel) => {
  const all = await connection.store.readAll({ streamPrefixes: ['school-', 'portfolio-', 'submission-'] });
  const last = all[all.length - 1]!.position;
  for (let tries = 0; (await model.checkpoint()) < last; tries++) {
    if (tries > 200) throw new Error('the live model did not fold the appended events');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe('the receipt read model keeps folded states in memory, never stale', () => {
  it('folds from the tables, not from memory, after another writer (another process, or itself restarted) folded', async () => {
    const connection = await pglite();
    const appendNext = await schoolWithHeldEvents(connection, 'tp_cache_other', 3);
    const first = new ReceiptReadModel(connection.db, connection.store);
    await first.catchUp();
    await appendNext();
    // Another folder of the same tables (a second process, or this one after a restart) folds the student's event.
    await new ReceiptReadModel(connection.db, connection.store).catchUp();
    await appendNext();
    // The first model's state of that student lacks the event the other folded: it must read the row again.
    await first.catchUp();
    await appendNext();
    await first.catchUp();
    const folded = await tables(connection);
    expect(folded.portfolios.length).toBe(4);
    expect(folded).toEqual(await rebuilt(connection));
  });

  it('folds again from the start after another model emptied the tables for a rebuild and stopped', async () => {
    const connection = await pglite();
    const appendNext = await schoolWithHeldEvents(connection, 'tp_cache_rebuilt', 2);
    const first = new ReceiptReadModel(connection.db, connection.store);
    await first.catchUp();
    await appendNext();
    // The other model truncates, moves the checkpoint back to the start, and fails at its first read of the log.
    await expect(new ReceiptReadModel(stoppedBeforeReading(connection), connection.store).rebuild()).rejects.toThrow(
      'stopped',
    );
    // Every state the first model holds already has the events it is now handed again from the start.
    await first.catchUp();
    await appendNext();
    await first.catchUp();
    expect(await tables(connection)).toEqual(await rebuilt(connection));
  });

  it('drops the states a fold changed when its transaction fails, and folds them again from the tables', async () => {
    const connection = await pglite();
    const appendNext = await schoolWithHeldEvents(connection, 'tp_cache_failed', 2);
    let failNextWrite = false;
    // The same database, but the next write of folded states fails, after the fold changed them in memory.
    const flaky: SqlDatabase = Object.create(connection.db, {
      transaction: {
        value: <T>(work: (tx: SqlQuery) => Promise<T>) =>
          connection.db.transaction((tx) =>
            work({
              query: (text, params) => {
                if (failNextWrite && text.includes('licheng_rm_portfolios (school_id, student_id, state)')) {
                  failNextWrite = false;
                  return Promise.reject(new Error('the write failed'));
                }
                return tx.query(text, params);
              },
            }),
          ),
      },
    }) as SqlDatabase;
    const model = new ReceiptReadModel(flaky, connection.store);
    await model.catchUp();
    await appendNext();
    failNextWrite = true;
    await expect(model.catchUp()).rejects.toThrow('the write failed');
    await model.catchUp();
    await appendNext();
    await model.catchUp();
    expect(await tables(connection)).toEqual(await rebuilt(connection));
  });

  it('gives the same rows when two models catch up at once, page by page, each reading ahead', async () => {
    const connection = await pglite();
    await schoolWithHeldEvents(connection, 'tp_cache_pages', 1);
    const fresh = await connection.store.readAll({ streamPrefixes: ['portfolio-tp_cache_pages-'] });
    expect(fresh.length).toBeGreaterThan(300);
    // Small pages: each model's next page is read while it folds one, and the other moves the checkpoint meanwhile.
    const one = new ReceiptReadModel(connection.db, connection.store, { pageSize: 97, eventsPerWrite: 1 });
    const two = new ReceiptReadModel(connection.db, connection.store, { pageSize: 61, eventsPerWrite: 1 });
    const [a, b] = await Promise.all([one.catchUp(), two.catchUp()]);
    const all = await connection.store.readAll({ streamPrefixes: ['school-', 'portfolio-', 'submission-'] });
    expect([a, b]).toEqual([all[all.length - 1]!.position, all[all.length - 1]!.position]);
    expect(await tables(connection)).toEqual(await rebuilt(connection));
  });

  it.each([
    ['each page', 'tp_cache_ahead', 1],
    ['each group of three or four pages', 'tp_cache_groups', 40],
  ])(
    "gives the same rows when it folds %s ahead of the last one's commit with room for one state only",
    async (_, schoolId, eventsPerWrite) => {
      const connection = await pglite();
      await interleavedSchool(connection.store, schoolId);
      // Each page (or group) is folded while the one before it commits: a state that one changed must stay in memory
      // until its commit, or the next reads it from the tables as it was before.
      const model = new ReceiptReadModel(connection.db, connection.store, {
        pageSize: 13,
        eventsPerWrite,
        cache: { portfolios: 1, schools: 1 },
      });
      await model.catchUp();
      expect(await tables(connection)).toEqual(await rebuilt(connection));
    },
  );

  it('writes each portfolio state once for the pages a catch-up folds together, and the rows a rebuild gives', async () => {
    const connection = await pglite();
    await interleavedSchool(connection.store, 'tp_cache_grouped');
    // Pages of 13 positions over students whose events alternate: every page touches several of the four.
    const writes = async (options: { pageSize: number; eventsPerWrite?: number }) => {
      const counted = countingStateWrites(connection.db, 'tp_cache_grouped');
      await new ReceiptReadModel(counted.db, connection.store, options).rebuild();
      return counted.rows();
    };
    expect(await writes({ pageSize: 13, eventsPerWrite: 1 })).toBeGreaterThan(8);
    expect(await writes({ pageSize: 13 })).toBe(4);
    expect(await tables(connection)).toEqual(await rebuilt(connection));
  });

  it("reads a school's state when its own events come after a page of its students' only, in one group", async () => {
    const connection = await pglite();
    const schoolId = 'tp_cache_school_later';
    const school = generateSchool({ seed: 11, schoolId, students: 4, classSize: 4 });
    const streams = [...studentStreams(school)];
    const append = async (streamName: string, events: typeof school.events, from: number) => {
      const appended = await connection.store.appendToStream(streamName, events, from === 0 ? 'no_stream' : from - 1);
      if (E.isLeft(appended)) throw new Error(appended.left.message.en);
    };
    const cut = Math.floor(school.events.length / 2);
    const thirds = streams.map(
      (s) => [Math.floor(s.events.length / 3), Math.floor((2 * s.events.length) / 3)] as const,
    );
    await append(school.streamName, school.events.slice(0, cut), 0);
    for (const [i, s] of streams.entries()) await append(s.streamName, s.events.slice(0, thirds[i]![0]), 0);
    await new ReceiptReadModel(connection.db, connection.store).catchUp();
    // The next catch-up's first pages hold students' events only, so its group holds the school unread; then come the
    // school's own events, which must be folded onto its whole state, read then.
    for (const [i, s] of streams.entries())
      await append(s.streamName, s.events.slice(thirds[i]![0], thirds[i]![1]), thirds[i]![0]);
    await append(school.streamName, school.events.slice(cut), cut);
    for (const [i, s] of streams.entries()) await append(s.streamName, s.events.slice(thirds[i]![1]), thirds[i]![1]);
    const counted = countingStateWrites(connection.db, schoolId);
    await new ReceiptReadModel(counted.db, connection.store, { pageSize: 13 }).catchUp();
    // Folded ahead in one group: each student's state written once (a fold that failed would start again page by page).
    expect(counted.rows()).toBe(4);
    expect(await tables(connection)).toEqual(await rebuilt(connection));
  });

  it('gives the same rows folded live, one event at a time from memory, as rebuilt from the log', async () => {
    const connection = await pglite();
    const appendNext = await schoolWithHeldEvents(connection, 'tp_cache_live', 3);
    const model = new ReceiptReadModel(connection.db, connection.store, { cache: { portfolios: 2 } });
    const subscription = await model.start();
    try {
      for (let i = 0; i < 3; i++) await appendNext();
      await untilFolded(connection, model);
    } finally {
      await subscription.close();
    }
    expect(await tables(connection)).toEqual(await rebuilt(connection));
  });

  it('refuses to fold live past a checkpoint another model moved back to the start, and folds the log again', async () => {
    const connection = await pglite();
    const appendNext = await schoolWithHeldEvents(connection, 'tp_cache_backwards', 2);
    const model = new ReceiptReadModel(connection.db, connection.store);
    const subscription = await model.start();
    try {
      // Another model empties the tables for a rebuild and stops before folding anything: the checkpoint is at -1.
      await expect(new ReceiptReadModel(stoppedBeforeReading(connection), connection.store).rebuild()).rejects.toThrow(
        'stopped',
      );
      // The live model's next event must not move the checkpoint over the emptied tables.
      await appendNext();
      await untilFolded(connection, model);
    } finally {
      await subscription.close();
    }
    expect(await tables(connection)).toEqual(await rebuilt(connection));
  });

  it("folds on from a portfolio's whole state, as an earlier version of the model stored it", async () => {
    const connection = await pglite();
    const appendNext = await schoolWithHeldEvents(connection, 'tp_cache_whole', 2);
    await new ReceiptReadModel(connection.db, connection.store).catchUp();
    // Before the compact portfolio, each row held the domain's whole state of the student.
    const whole = await createProjectionRunner(connection.store, reportsProjection, inMemoryViewStore()).rebuild();
    if (E.isLeft(whole)) throw new Error(whole.left.message.en);
    for (const [studentId, state] of Object.entries(whole.right.view.schools['tp_cache_whole']!.portfolios))
      await connection.db.query(
        "update licheng_rm_portfolios set state = $2::json where school_id = 'tp_cache_whole' and student_id = $1",
        [studentId, JSON.stringify(state)],
      );
    await appendNext();
    await appendNext();
    await new ReceiptReadModel(connection.db, connection.store).catchUp();
    const folded = await tables(connection);
    const fresh = await rebuilt(connection);
    expect(folded.receipts).toEqual(fresh.receipts);
    // The student whose events came after holds the compact state again; the others keep their whole one.
    const compactHere = (rows: typeof folded.portfolios) =>
      rows.filter((row) => row.school_id === 'tp_cache_whole' && !('retiredIds' in (row.state as object)));
    expect(compactHere(folded.portfolios)).toHaveLength(1);
    expect(compactHere(folded.portfolios)).toEqual(
      fresh.portfolios.filter(
        (row) => row.school_id === 'tp_cache_whole' && row.student_id === compactHere(folded.portfolios)[0]!.student_id,
      ),
    );
  });

  it('commits its folds without waiting for the WAL flush, in its own transactions only', async () => {
    const connection = await pglite();
    const inFold = await connection.db.transaction(async (tx) => {
      await lockCheckpoint(tx, 'tp_cache_commit_mode', { asynchronousCommit: true });
      return (await tx.query<{ mode: string }>("select current_setting('synchronous_commit') as mode")).rows[0]!.mode;
    });
    const after = await connection.db.query<{ mode: string }>("select current_setting('synchronous_commit') as mode");
    expect([inFold, after.rows[0]!.mode]).toEqual(['off', 'on']);
  });
});
