import { connectPostgres } from '@licheng/eventstore-postgres';
import {
  startEmbeddedServer,
  type EmbeddedServer,
} from '../../../eventstore-postgres/src/test-support/embeddedPostgres';
import { sevenOutcomes } from '../testing/histories';
import { run } from './main';

/** `licheng audit verify --store postgres://…`: the same audit, reading a real PostgreSQL server started here. */
let server: EmbeddedServer;
beforeAll(async () => {
  server = await startEmbeddedServer();
  const { store } = await sevenOutcomes();
  const connection = await connectPostgres(server.connectionString);
  for (const r of await store.readAll()) {
    await connection.store.appendToStream(
      r.streamName,
      [{ eventId: r.eventId, type: r.type, data: r.data, metadata: r.metadata }],
      r.revision === 0 ? 'no_stream' : r.revision - 1,
    );
  }
  await connection.dispose();
});
afterAll(async () => server?.dispose());

const licheng = async (...args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, {
    out: (t) => out.push(t),
    err: (l) => err.push(l),
    progress: () => undefined,
    now: () => new Date(),
  });
  return { code, out: out.join('\n'), err };
};

it('verifies the events of a PostgreSQL store as it verifies a file', async () => {
  const { code, out, err } = await licheng('audit', 'verify', '--store', server.connectionString);
  expect(err).toEqual([]);
  expect(code).toBe(0);
  expect(out).toMatch(/^audit of PostgreSQL: \d+ events in 2 streams, \d+ commands\n[^]*\nclean$/);
});

it('says the store is unreadable, exit 3, without printing the password it was given', async () => {
  const wrong = server.connectionString.replace(/:[^:@/]+@/, ':not-the-password-7f3a@');
  const { code, err } = await licheng('audit', 'verify', '--store', wrong);
  expect(code).toBe(3);
  expect(err).toEqual([expect.stringMatching(/^PostgreSQL: STORE_UNREADABLE cannot read the store: /)]);
  expect(err.join('\n')).not.toContain('not-the-password-7f3a');
});
