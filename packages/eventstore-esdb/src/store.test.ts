import { randomUUID } from 'node:crypto';
import { type NewEvent, type RecordedEvent } from '@licheng/eventstore';
import { wrongExpectedVersion } from '@licheng/eventstore/internal';
import * as E from 'fp-ts/Either';
import { startStandIn, type StandIn } from '../test-support/standIn/server';
import { connectEventStoreDb, type EventStoreDbConnection } from './connect';

const newEvent = (type: string): NewEvent => ({
  eventId: randomUUID(),
  type,
  data: { type },
  metadata: { by: 'test' },
});

describe('the EventStoreDB adapter', () => {
  let standIn: StandIn;
  let connection: EventStoreDbConnection;
  const opened: Array<{ standIn: StandIn; connection: EventStoreDbConnection }> = [];

  beforeAll(async () => {
    standIn = await startStandIn();
    connection = connectEventStoreDb(standIn.connectionString, {
      resubscribe: { initialDelayMs: 5, maxDelayMs: 20, maxAttempts: 3 },
    });
  });
  afterAll(async () => {
    for (const other of [{ standIn, connection }, ...opened]) {
      await other.connection.dispose();
      await other.standIn.stop();
    }
  });

  it('uses commit positions of $all as positions, and never shows the server its own events', async () => {
    const { store } = connection;
    await store.appendToStream('school-1', [newEvent('A'), newEvent('B')], 'no_stream');
    const all = await store.readAll();
    const log = Array.from({ length: standIn.log.eventCount }, (_, i) => standIn.log.at(i)!);
    const userRecords = log.filter((record) => !record.type.startsWith('$'));
    expect(all.map((event) => event.position)).toEqual(userRecords.map((record) => Number(record.position)));
    expect(log.length).toBeGreaterThan(all.length);
    expect(all[0]!.position).toBeGreaterThan(0);
  });

  it('refuses an event id that is not a UUID before sending anything', async () => {
    const { store } = connection;
    const before = standIn.log.eventCount;
    await expect(
      store.appendToStream('school-2', [newEvent('A'), { ...newEvent('B'), eventId: 'e-1' }], 'any'),
    ).rejects.toThrow(TypeError);
    expect(standIn.log.eventCount).toBe(before);
  });

  it('checks an empty append against the stream without writing', async () => {
    const { store } = connection;
    const written = await store.appendToStream('school-3', [newEvent('A')], 'no_stream');
    const before = standIn.log.logEnd;
    expect(await store.appendToStream('school-3', [], 0)).toEqual(written);
    expect(await store.appendToStream('school-4', [], 'no_stream')).toEqual(
      E.right({ nextVersion: -1, lastPosition: -1, alreadyStored: false }),
    );
    expect(E.isLeft(await store.appendToStream('school-3', [], 'no_stream'))).toBe(true);
    expect(E.isLeft(await store.appendToStream('school-3', [], 1.5))).toBe(true);
    expect(standIn.log.logEnd).toBe(before);
  });

  it('finds the position of a repeat that a server answers without one', async () => {
    const older = await startStandIn({ positionOnRepeats: false });
    const other = connectEventStoreDb(older.connectionString);
    opened.push({ standIn: older, connection: other });
    const batch = [newEvent('A'), newEvent('B')];
    const first = await other.store.appendToStream('school-5', batch, 'no_stream');
    expect(E.isRight(first) && first.right.alreadyStored).toBe(false);
    expect(await other.store.appendToStream('school-5', batch, 'no_stream')).toEqual(
      E.map((written: object) => ({ ...written, alreadyStored: true }))(first),
    );
    expect(older.stats.idempotent).toBe(1);
  });

  it(
    'tells a repeat from another process in the same instant where the server answers repeats without a ' + 'position',
    async () => {
      const older = await startStandIn({ positionOnRepeats: false });
      const one = connectEventStoreDb(older.connectionString);
      const two = connectEventStoreDb(older.connectionString);
      opened.push({ standIn: older, connection: one });
      try {
        for (let round = 0; round < 5; round++) {
          const batch = [newEvent('A'), newEvent('B')];
          const results = await Promise.all(
            [one, two, one, two].map(({ store: s }) => s.appendToStream(`school-6-${round}`, batch, 'no_stream')),
          );
          expect(results.map((result) => E.isRight(result) && result.right.alreadyStored).sort()).toEqual([
            false,
            true,
            true,
            true,
          ]);
        }
      } finally {
        await two.dispose();
      }
    },
  );

  it('gives the same conflict value through a client that answers conflicts instead of throwing them', async () => {
    for (const batchAppend of [true, false]) {
      const server = await startStandIn({ batchAppend });
      const other = connectEventStoreDb(`${server.connectionString}&throwOnAppendFailure=false`);
      opened.push({ standIn: server, connection: other });
      await other.store.appendToStream('school-6', [newEvent('A'), newEvent('B')], 'no_stream');
      expect(await other.store.appendToStream('school-6', [newEvent('C')], 0)).toEqual(
        E.left(wrongExpectedVersion('school-6', 0, 1)),
      );
      expect(await other.store.appendToStream('school-7', [newEvent('C')], 'stream_exists')).toEqual(
        E.left(wrongExpectedVersion('school-7', 'stream_exists', -1)),
      );
    }
  });

  it('reports at once a subscription the server refuses, instead of retrying it', async () => {
    const errors: unknown[] = [];
    const seen: RecordedEvent[] = [];
    // 1 is no position of this log: the server refuses to read there.
    connection.store.subscribeToAll({
      after: 1,
      onEvent: (event) => void seen.push(event),
      onError: (error) => errors.push(error),
    });
    const deadline = Date.now() + 2_000;
    while (errors.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(errors).toHaveLength(1);
    expect((errors[0] as { code?: number }).code).toBe(3);
    expect(seen).toEqual([]);
  });
});
