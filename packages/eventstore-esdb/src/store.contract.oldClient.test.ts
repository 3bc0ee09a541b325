// The old client `@eventstore/db-client` 6.x: the stand-in speaks its message classes (see standIn/protocol.ts).
import '../test-support/standIn/oldClient';
import { describeEventStoreContract } from '@licheng/testing';
import { startStandIn } from '../test-support/standIn/server';
import { connectEventStoreDb } from './connect';

// The contract through the predecessor client, whose readAll has no server-side filter (the adapter filters).
describeEventStoreContract('EventStoreDbStore through @eventstore/db-client 6 on the stand-in', async () => {
  const standIn = await startStandIn();
  const { store, dispose } = connectEventStoreDb(standIn.connectionString, { client: '@eventstore/db-client' });
  const other = connectEventStoreDb(standIn.connectionString, { client: '@eventstore/db-client' });
  return {
    store,
    other: other.store,
    dispose: async () => {
      await other.dispose();
      await dispose();
      await standIn.stop();
    },
  };
});
