import type * as CodeModule from '@eventstore/db-client/generated/code_pb';
import type * as FeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import type * as Features from '@eventstore/db-client/generated/serverfeatures_pb';
import type * as Shared from '@eventstore/db-client/generated/shared_pb';
import type * as StatusModule from '@eventstore/db-client/generated/status_pb';
import type * as StreamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb';
import type * as Streams from '@eventstore/db-client/generated/streams_pb';

/** The two Node clients the adapter accepts; the stand-in speaks with the message classes of the one under test. */
export type ClientPackage = '@kurrent/kurrentdb-client' | '@eventstore/db-client';

const MARK = Symbol.for('licheng.standIn.clientPackage');

/**
 * Both clients ship protoc-generated classes that register themselves in one process-wide namespace
 * (`proto.event_store.client…`): loading both in one process lets the later overwrite the earlier, and the
 * client then builds its messages with the other's helpers. So a test file speaks with one client only
 * (Jest gives every file its own global) and the stand-in loads that client's classes. The Kurrent client is
 * the default; `useEventStoreDbClient()` (test-support/standIn/oldClient.ts) switches a file to the old one.
 */
export const standInClientPackage = (): ClientPackage =>
  ((globalThis as Record<symbol, unknown>)[MARK] as ClientPackage | undefined) ?? '@kurrent/kurrentdb-client';

export const setStandInClientPackage = (client: ClientPackage): void => {
  (globalThis as Record<symbol, unknown>)[MARK] = client;
};

const generated = <T>(name: string): T => {
  const base =
    standInClientPackage() === '@eventstore/db-client'
      ? '@eventstore/db-client/generated'
      : '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(`${base}/${name}`) as T;
};

export const { Code } = generated<typeof CodeModule>('code_pb');
export const { SupportedMethod, SupportedMethods } = generated<typeof Features>('serverfeatures_pb');
export const { ServerFeaturesService } = generated<typeof FeaturesGrpc>('serverfeatures_grpc_pb');
export const { AllStreamPosition, Empty, StreamIdentifier, UUID, WrongExpectedVersion } =
  generated<typeof Shared>('shared_pb');
export const { Status } = generated<typeof StatusModule>('status_pb');
export const { StreamsService } = generated<typeof StreamsGrpc>('streams_grpc_pb');
export const { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp, ReadReq, ReadResp } =
  generated<typeof Streams>('streams_pb');

export type UUID = Shared.UUID;
export type StreamIdentifier = Shared.StreamIdentifier;
export type ReadReq = Streams.ReadReq;
export type ReadResp = Streams.ReadResp;
export type AppendReq = Streams.AppendReq;
export type BatchAppendReq = Streams.BatchAppendReq;
export type ReadReqOptions = Streams.ReadReq.Options;
export type AppendReqOptions = Streams.AppendReq.Options;
export type { IServerFeaturesServer } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
export type { IStreamsServer } from '@eventstore/db-client/generated/streams_grpc_pb';
