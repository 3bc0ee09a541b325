// `@licheng/eventstore/internal`: what the store adapters and the audit tools share with the event store but
// is not part of its public surface (see './index'). It may change in any release; adopters should not import it.

// Store adapters: expected-version checks, repeated-batch detection, per-stream queues and live subscriptions.
export { partiallyRepeatedBatch, satisfiesExpectedVersion, wrongExpectedVersion } from './expectedVersion';
export { KeyedQueue } from './keyedQueue';
export { newEventJson } from './newEventJson';
export { OpenSubscriptions } from './openSubscriptions';

// Hash chaining of a batch and event ids, for the audit import that re-appends verified streams.
export { chainBatch, headHashOf } from './chainHead';
export { EVENT_ID_NAMESPACE } from './handler';

// The command handler's write steps, for the benchmark's per-step cost table (packages/bench/src/steps.ts).
export { prepareBatch } from './writeBatch';
