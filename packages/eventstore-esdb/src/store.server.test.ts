import { describeEventStoreContract } from '@licheng/testing';
import { realServerConnectionString } from '../test-support/realServer';
import { connectEventStoreDb } from './connect';

/**
 * The contract against a real KurrentDB: `KURRENTDB_CONNECTION_STRING=kurrentdb://localhost:2113?tls=false npm run
 * test:esdb`
 * (`EVENTSTORE_CONNECTION_STRING` is read too). Every run writes streams of its own, so the server need not be
 * empty; see docs/eventstoredb.md. The connection string is not printed: it may hold a password.
 */
const connectionString = realServerConnectionString();

if (connectionString) {
  describeEventStoreContract('EventStoreDbStore on a real server', async () => connectEventStoreDb(connectionString));
} else {
  describe.skip('EventStoreDbStore on a real KurrentDB (set KURRENTDB_CONNECTION_STRING to run)', () => {
    it('passes the EventStore contract', () => undefined);
  });
}
