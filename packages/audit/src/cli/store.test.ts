import { connectEventStoreDb } from '@licheng/eventstore-esdb';
import { startStandIn, type StandIn } from '../../../eventstore-esdb/test-support/standIn/server';
import { sevenOutcomes } from '../testing/histories';
import { run } from './main';

/** `licheng audit verify --store`: the same audit, reading an EventStoreDB (here the adapter's stand-in server). */
let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn();
  const { store } = await sevenOutcomes();
  const connection = connectEventStoreDb(standIn.connectionString);
  for (const r of await store.readAll()) {
    await connection.store.appendToStream(
      r.streamName,
      [{ eventId: r.eventId, type: r.type, data: r.data, metadata: r.metadata }],
      r.revision === 0 ? 'no_stream' : r.revision - 1,
    );
  }
  await connection.dispose();
});
afterAll(async () => standIn.stop());

it('verifies the events of a store as it verifies a file', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(['audit', 'verify', '--store', standIn.connectionString], {
    out: (t) => out.push(t),
    err: (l) => err.push(l),
    progress: () => undefined,
    now: () => new Date(),
  });
  expect(err).toEqual([]);
  expect(code).toBe(0);
  expect(out.join('\n')).toMatch(/^audit of EventStoreDB: \d+ events in 2 streams, \d+ commands\n[^]*\nclean$/);
});
