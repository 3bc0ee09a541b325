import { describeEventStoreContract } from './testing';
import { InMemoryEventStore } from './inMemoryStore';

describeEventStoreContract('InMemoryEventStore', async () => ({
  store: new InMemoryEventStore(),
  dispose: async () => undefined,
}));
