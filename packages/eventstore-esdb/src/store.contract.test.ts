import { describeEventStoreContract } from '@licheng/testing';
import { startStandIn } from '../test-support/standIn/server';
import { connectEventStoreDb } from './connect';

// The contract against the in-process stand-in through @kurrent/kurrentdb-client, once for each way it appends.
for (const batchAppend of [true, false]) {
  describeEventStoreContract(
    `EventStoreDbStore on the stand-in (${batchAppend ? 'Streams.BatchAppend' : 'Streams.Append'})`,
    async () => {
      const standIn = await startStandIn({ batchAppend });
      const { store, dispose } = connectEventStoreDb(standIn.connectionString);
      // Another process's client: it sees a repeat it can read, not one the server answers in the same instant.
      const other = connectEventStoreDb(standIn.connectionString);
      return {
        store,
        other: other.store,
        dispose: async () => {
          await other.dispose();
          await dispose();
          await standIn.stop();
        },
      };
    },
  );
}
