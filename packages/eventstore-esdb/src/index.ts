export { connectEventStoreDb, EventStoreDbStore, type EventStoreDbConnection, type EventStoreDbStoreOptions } from './store';
export { DEFAULT_RESUBSCRIBE, SubscriptionDroppedError, type ResubscribeOptions } from './subscription';
export { fromPort as toEventStoreDbPosition, toPort as fromEventStoreDbPosition } from './positions';
