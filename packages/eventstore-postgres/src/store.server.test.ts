import { portfolioStreamName, type DomainError } from '@licheng/domain';
import { createLichengService, type RecordedEvent } from '@licheng/eventstore';
import * as E from 'fp-ts/Either';
import pg from 'pg';
import { connectPostgres, type PostgresConnection } from './connect';
import { isStoreFailure, StoreFailure } from './errors';
import { migrate, MIGRATIONS } from './migrations';
import { PgDatabase } from './sql';
import { PostgresEventStore } from './store';
import { holdingAppends, recordingStatements } from './test-support/databases';
import { startEmbeddedServer, type EmbeddedServer } from './test-support/embeddedPostgres';
import { eventually, newEvent, SCHOOL, seedSchool, selectOutcome } from './test-support/fixtures';

// One real server for the whole file: starting one costs seconds. Each test writes streams of its own.
let server: EmbeddedServer;
const open: PostgresConnection[] = [];
const connect = async (options: Parameters<typeof connectPostgres>[1] = {}, database = server.connectionString) => {
  const connection = await connectPostgres(database, {
    follow: { pollIntervalMs: 50, retryDelayMs: 20, maxRetryDelayMs: 200 },
    ...options,
  });
  open.push(connection);
  return connection;
};

beforeAll(async () => {
  server = await startEmbeddedServer();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((connection) => connection.dispose()));
});
afterAll(async () => {
  await server?.dispose();
});

const failureOf = async (promise: Promise<unknown>): Promise<StoreFailure> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isStoreFailure(error)) throw new Error(`expected a StoreFailure, got ${String(error)}`);
  return error;
};

describe('PostgresEventStore on a real server', () => {
  it('never lets a subscriber pass a transaction that took its position early and commits late', async () => {
    const { store } = await connect();
    const late = holdingAppends(new PgDatabase(server.connectionString));
    const lateStore = new PostgresEventStore(late.db);
    const ns = `late-${Date.now()}-`;
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ streamPrefixes: [ns], onEvent: (event) => void seen.push(event) });

    const held = lateStore.appendToStream(`${ns}a`, [newEvent('Late')], 'no_stream');
    await late.worked;
    await store.appendToStream(`${ns}b`, [newEvent('B1')], 'no_stream');
    await store.appendToStream(`${ns}c`, [newEvent('C1')], 'no_stream');
    // Several polls and two notifications later, the committed events still wait behind the running one.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual([]);
    expect(await store.readAll({ streamPrefixes: [ns] })).toEqual([]);

    late.release();
    expect(E.isRight(await held)).toBe(true);
    await eventually(() => seen.length === 3, 'the three events');
    await new Promise((resolve) => setTimeout(resolve, 150));
    await subscription.close();
    await lateStore.dispose();
    expect(seen.map((event) => event.type)).toEqual(['Late', 'B1', 'C1']);
    expect(seen).toEqual(await store.readAll({ streamPrefixes: [ns] }));
  });

  it("tells a single event's command where the event landed, so that its handler reads nothing back", async () => {
    // A database of its own: the school seeded here must not be the one another test seeds.
    const admin = new PgDatabase(server.connectionString);
    const name = `landed_${Date.now()}`;
    await admin.query(`create database ${name}`);
    await admin.close();
    const db = new PgDatabase(server.connectionString.replace(/\/postgres$/, `/${name}`));
    await migrate(db);
    const recorded = recordingStatements(db);
    const statements = recorded.statements;
    const store = new PostgresEventStore(recorded.db);
    try {
      const ns = `landed${Date.now()}-`;
      const one = await store.appendToStream(`${ns}a`, [newEvent('A1')], 'no_stream');
      const stored = await store.readStream(`${ns}a`);
      expect(E.isRight(one) && one.right.positions).toEqual([stored[0]!.position]);
      // A batch's positions are not returned by the append: it is read back.
      const two = await store.appendToStream(`${ns}b`, [newEvent('B1'), newEvent('B2')], 'no_stream');
      expect(E.isRight(two) && two.right.positions).toBeUndefined();
      const repeated = { ...newEvent('A1'), eventId: stored[0]!.eventId };
      const repeat = await store.appendToStream(`${ns}a`, [repeated], 'any');
      expect(E.isRight(repeat) && repeat.right.alreadyStored).toBe(true);
      expect(E.isRight(repeat) && repeat.right.positions).toBeUndefined();

      const student = `landed${Date.now()}`;
      await seedSchool(store, [student], 2);
      statements.length = 0;
      expect(E.isRight(await createLichengService({ store }).execute(selectOutcome(student, 1)))).toBe(true);
      const append = statements.findIndex(({ text }) => /licheng_append\(/.test(text));
      expect(append).toBeGreaterThanOrEqual(0);
      expect(statements.slice(append + 1)).toEqual([]);
    } finally {
      await store.dispose();
    }
  });

  it('creates its schema once when two processes migrate a new database at the same time', async () => {
    const admin = new PgDatabase(server.connectionString);
    const name = `migrate_${Date.now()}`;
    await admin.query(`create database ${name}`);
    const url = server.connectionString.replace(/\/postgres$/, `/${name}`);
    const [a, b] = [new PgDatabase(url), new PgDatabase(url)];
    try {
      const ran = await Promise.all([migrate(a), migrate(b)]);
      const versions = MIGRATIONS.map((migration) => migration.version);
      expect(ran.filter((run) => run.length > 0)).toEqual([versions]);
      expect(await migrate(a)).toEqual([]);
      const { rows } = await a.query<{ version: number }>('select version from licheng_migrations order by version');
      expect(rows.map((row) => row.version)).toEqual(versions);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await admin.query(`drop database ${name}`);
      await admin.close();
    }
  });

  it('makes a command wait for a free connection when the pool is exhausted, then says so', async () => {
    const inner = new PgDatabase(server.connectionString, { max: 1, connectionTimeoutMs: 200 });
    const busy = holdingAppends(inner);
    const store = new PostgresEventStore(busy.db);
    const stream = `busy-${Date.now()}`;
    const first = store.appendToStream(stream, [newEvent('A1')], 'no_stream');
    await busy.worked;
    const started = Date.now();
    const failure = await failureOf(store.readStream(stream));
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(failure.error).toMatchObject({ code: 'STORE_BUSY', details: { poolSize: 1, waitedMs: 200 } });
    expect(failure.error.message['zh-TW']).toContain('連線池');
    expect(failure.error.message.en).toContain('pool');
    busy.release();
    expect(E.isRight(await first)).toBe(true);
    expect(await store.readStream(stream)).toHaveLength(1);
    await store.dispose();
  });

  it(
    'follows the log across a server restart: appends meanwhile fail with STORE_UNAVAILABLE, the subscription ' +
      'resumes, nothing lost or doubled',
    async () => {
      const { store } = await connect({ pool: { connectionTimeoutMs: 1_000 } });
      const ns = `restart-${Date.now()}-`;
      const seen: RecordedEvent[] = [];
      const errors: unknown[] = [];
      const subscription = store.subscribeToAll({
        streamPrefixes: [ns],
        onEvent: (event) => void seen.push(event),
        onError: (error) => errors.push(error),
      });
      await store.appendToStream(`${ns}a`, [newEvent('A1'), newEvent('A2')], 'no_stream');
      await eventually(() => seen.length === 2, 'the first events');

      await server.stop();
      const failure = await failureOf(store.appendToStream(`${ns}a`, [newEvent('Lost?')], 1));
      expect(failure.error).toMatchObject({ _tag: 'DomainError', code: 'STORE_UNAVAILABLE', rule: null });
      expect(failure.error.message['zh-TW']).toContain('無法連線');
      expect(failure.error.message.en).toContain('cannot be reached');
      await server.start();

      await eventually(
        async () => E.isRight(await store.appendToStream(`${ns}a`, [newEvent('A3')], 1).catch(() => E.left(null))),
        'an append after the restart',
      );
      await store.appendToStream(`${ns}b`, [newEvent('B1')], 'no_stream');
      await eventually(() => seen.length === 4, 'the events after the restart');
      await new Promise((resolve) => setTimeout(resolve, 150));
      await subscription.close();
      expect(errors).toEqual([]);
      expect(seen.map((event) => event.type)).toEqual(['A1', 'A2', 'A3', 'B1']);
      expect(seen).toEqual(await store.readAll({ streamPrefixes: [ns] }));
    },
  );

  it("reads, migrates and decides as before when another library has changed pg's process-wide type parsers", async () => {
    // Emmett's dumbo, loaded in the same process, makes bigints BigInt and parses json with a reviver; this goes further.
    const changed = [16, 20, 23, 114, 3802] as const;
    const original = changed.map((oid) => [oid, pg.types.getTypeParser(oid, 'text')] as const);
    pg.types.setTypeParser(16, () => 'not a boolean');
    pg.types.setTypeParser(20, (text: string) => BigInt(text));
    pg.types.setTypeParser(23, (text: string) => `#${text}`);
    pg.types.setTypeParser(114, () => 'json read by another library');
    pg.types.setTypeParser(3802, () => 'jsonb read by another library');
    const admin = new PgDatabase(server.connectionString);
    const name = `parsers_${Date.now()}`;
    try {
      await admin.query(`create database ${name}`);
      const database = server.connectionString.replace(/\/postgres$/, `/${name}`);
      const { store } = await connect({}, database);
      const student = `parsers${Date.now()}`;
      await seedSchool(store, [student], 2);
      expect(E.isRight(await createLichengService({ store }).execute(selectOutcome(student, 1)))).toBe(true);
      const stream = await store.readStream(portfolioStreamName(SCHOOL, student));
      expect(stream.map(({ revision, type }) => [revision, type]).at(-1)).toEqual([
        stream.length - 1,
        'CourseOutcomeSelected',
      ]);
      expect(stream.at(-1)!.data).toEqual({ outcomeId: `o-${student}-1`, schoolYear: 111 });
      // Connecting again reads the migrations applied as numbers: none is applied twice.
      const again = await connect({}, database);
      expect((await again.store.readStream(portfolioStreamName(SCHOOL, student))).length).toBe(stream.length);
    } finally {
      for (const [oid, parse] of original) pg.types.setTypeParser(oid, parse);
      await admin.close();
    }
  });

  it(
    'answers a command sent while the server is down with STORE_UNAVAILABLE, never a hang, and applies it once when ' +
      'sent again',
    async () => {
      const { store } = await connect({ pool: { connectionTimeoutMs: 1_000 } });
      const student = `down${Date.now()}`;
      await seedSchool(store, [student], 2);
      const service = createLichengService({ store });
      await server.stop();
      const started = Date.now();
      const failure = await failureOf(service.execute(selectOutcome(student, 1)));
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(failure.code).toBe('STORE_UNAVAILABLE');
      await server.start();
      let again: E.Either<DomainError, unknown> | undefined;
      await eventually(async () => {
        again = await service.execute(selectOutcome(student, 1)).catch(() => undefined);
        return again !== undefined;
      }, 'the command after the restart');
      expect(E.isRight(again!)).toBe(true);
      expect(E.isRight(await service.execute(selectOutcome(student, 1)))).toBe(true);
      const stream = await store.readStream(portfolioStreamName(SCHOOL, student));
      expect(stream.filter((event) => event.type === 'CourseOutcomeSelected')).toHaveLength(1);
    },
  );
});
