// `@licheng/eventstore/testing`: the contract every EventStore adapter passes and the seeding of a store, at
// the event store's own level so that its tests need no package above it (@licheng/testing re-exports them).

export { describeEventStoreContract, type ContractStore } from './storeContract';
export { seedEvents } from './seed';
