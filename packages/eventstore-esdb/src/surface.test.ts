import * as publicEntry from './index';

/** Every runtime name of the public entry: a name added or dropped is a change of the published surface. */
const PUBLIC_NAMES = [
  'DEFAULT_RESUBSCRIBE',
  'EVENTSTORE_CLIENT',
  'EventStoreDbStore',
  'KURRENT_CLIENT',
  'SubscriptionDroppedError',
  'connectEventStoreDb',
  'connectKurrentDb',
  'connectionStringFor',
  'fromEventStoreDbPosition',
  'redactConnectionString',
  'toEventStoreDbPosition',
];

// #21 item 7: an explicit export list, pinned here, so the surface changes only on purpose.
describe('the public surface of @licheng/eventstore-esdb', () => {
  it('exports the EventStoreDB and KurrentDB adapter and its connection helpers, and nothing else', () => {
    expect(Object.keys(publicEntry).sort()).toEqual(PUBLIC_NAMES);
  });
});
