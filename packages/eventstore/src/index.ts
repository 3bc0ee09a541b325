export type {
  AppendError,
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamFilter,
  SubscribeOptions,
  Subscription,
} from './port';
export { NO_STREAM, satisfiesExpectedVersion, wrongExpectedVersion, partiallyRepeatedBatch } from './expectedVersion';
export { InMemoryEventStore } from './inMemoryStore';
export { canonicalJson, canonicallyEqual } from './canonicalJson';
export { chainHashes, EventMetadata, GENESIS_HASH, headsDigest, linkHash, RecordedCommand, Sha256Hex, sha256Hex, storedHash, type StreamHead } from './metadata';
export { createEventSerializer, type Envelope, type EventSerializer, type EventSerializerOptions, type Upcaster } from './serializer';
export { loadStream, type Aggregate, type LoadedStream, type StreamLoader } from './loadStream';
export {
  chainBatch,
  createCommandHandler,
  eventIdOf,
  headHashOf,
  EVENT_ID_NAMESPACE,
  type CommandEnvelope,
  type CommandHandler,
  type CommandHandlerOptions,
  type CommandResult,
  type HandleRequest,
} from './handler';
export { portfolioAggregate, schoolAggregate, submissionAggregate, STREAM_PREFIXES } from './aggregates';
export { createLichengService, type ExecuteResult, type LichengService, type LichengServiceOptions } from './service';
export type { LichengCommand, LichengCommandBody, LichengCommandType, Plain } from './typedCommand';
export { createCachingLoader, type CachingLoader, type StateCacheOptions } from './stateCache';
export { sealKeyFromPem, sealKeyIdOf, sealSignatureHolds, sealStatementBytes, signSeal, type SealKey, type SealStatement } from './sealSignature';
export { OpenSubscriptions } from './openSubscriptions';
export { KeyedQueue } from './keyedQueue';
