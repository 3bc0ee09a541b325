import { describeEventStoreContract } from '@licheng/testing';
import { connectEventStoreDb } from './store';

/**
 * The contract against a real EventStoreDB: `EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false npm run test:esdb`.
 * Every run writes streams of its own, so the server need not be empty; see docs/eventstoredb.md.
 */
const connectionString = process.env['EVENTSTORE_CONNECTION_STRING'];

if (connectionString) {
  describeEventStoreContract(`EventStoreDbStore on ${connectionString}`, async () => connectEventStoreDb(connectionString));
} else {
  describe.skip('EventStoreDbStore on a real EventStoreDB (set EVENTSTORE_CONNECTION_STRING to run)', () => {
    it('passes the EventStore contract', () => undefined);
  });
}
