// The public surface of @licheng/eventstore: the store port and its in-memory store, the service an embedding
// application runs commands through, and what a reader needs to check the hash chain and seal signatures.
// Plumbing the store adapters (@licheng/eventstore-esdb, -postgres) and the audit tools share is in
// './internal' (`@licheng/eventstore/internal`); stream prefixes and `Sha256Hex` come from @licheng/domain.

// The service: decode, authorize, decide and append one command.
export { createLichengService, type ExecuteResult, type LichengService, type LichengServiceOptions } from './service';
export type { LichengCommand, LichengCommandBody, LichengCommandType, Plain } from './typedCommand';
export {
  createCommandHandler,
  eventIdOf,
  type CommandEnvelope,
  type CommandHandler,
  type CommandHandlerOptions,
  type CommandResult,
  type HandleRequest,
} from './handler';
export { portfolioAggregate, schoolAggregate, submissionAggregate } from './aggregates';
export { loadStream, type Aggregate, type LoadedStream, type LoadOptions, type StreamLoader } from './loadStream';
export { createCachingLoader, type CachingLoader, type StateCacheOptions } from './stateCache';
export {
  createEventSerializer,
  type Envelope,
  type EventSerializer,
  type EventSerializerOptions,
  type Upcaster,
} from './serializer';

// The store port, the optimistic-concurrency marker and the in-memory store.
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
export { NO_STREAM } from './expectedVersion';
export type { EventStoreError, EventStoreErrorCode } from './errorCodes';
export { InMemoryEventStore } from './inMemoryStore';

// Integrity: event metadata, the hash chain over each stream and the signed seal statements.
export {
  chainHashes,
  EventMetadata,
  GENESIS_HASH,
  headsDigest,
  linkHash,
  RecordedCommand,
  sha256Hex,
  storedHash,
  type StreamHead,
} from './metadata';
export { canonicalJson, canonicallyEqual } from './canonicalJson';
export {
  sealKeyFromPem,
  sealKeyIdOf,
  sealSignatureHolds,
  sealStatementBytes,
  signSeal,
  type SealKey,
  type SealStatement,
} from './sealSignature';

// Repair of an unreadable stream (issue 16, item 6): the quarantine record and the operator's command.
export {
  decodeQuarantine,
  isQuarantineRecord,
  quarantineOf,
  type QuarantineEnvelope,
  setsAside,
  storedContentHash,
} from './quarantine';
export { quarantineStoredEvent, QuarantineRequest, type QuarantineResult } from './repair';
