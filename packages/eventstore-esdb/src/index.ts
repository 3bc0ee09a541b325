export { EventStoreDbStore, type EventStoreDbStoreOptions } from './store';
export {
  connectEventStoreDb,
  connectKurrentDb,
  connectionStringFor,
  redactConnectionString,
  type ConnectOptions,
  type EventStoreDbConnection,
} from './connect';
export { EVENTSTORE_CLIENT, KURRENT_CLIENT, type ClientPackage, type KurrentClient } from './client';
export { DEFAULT_RESUBSCRIBE, SubscriptionDroppedError, type ResubscribeOptions } from './subscription';
export { fromPort as toEventStoreDbPosition, toPort as fromEventStoreDbPosition } from './positions';
