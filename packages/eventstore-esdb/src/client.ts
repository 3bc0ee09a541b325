/**
 * The part of a KurrentDB / EventStoreDB Node client the adapter uses, written out here so that the adapter
 * works with either client and its types name neither: both are optional peer dependencies, and a consumer's
 * type-check must not need the one it did not install.
 *
 * - `@kurrent/kurrentdb-client` 1.x, the current client (KurrentDB 25, and EventStoreDB 22.10+): `readAll`
 *   takes a server-side filter.
 * - `@eventstore/db-client` 6.x, its predecessor: `readAll` has no filter; the adapter then reads `$all`
 *   whole and filters on its side (see `store.ts`, `readAll`).
 *
 * Both export the same constants (`'any'`, `'start'`, …) and filter objects, and tag their errors with the
 * same `type` strings, which is what the adapter compares (never `instanceof`, which would tie it to one).
 */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export type ReadPosition = 'start' | 'end' | Position;
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface ClientRecordedEvent {
  readonly id: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position?: Position;
}

export interface ClientResolvedEvent {
  readonly event?: ClientRecordedEvent;
  readonly link?: unknown;
}

export interface ClientFilter {
  readonly filterOn: 'streamName' | 'eventType';
  readonly prefixes?: string[];
  readonly regex?: string;
  readonly checkpointInterval: number;
  readonly maxSearchWindow?: number;
}

export interface ClientEventData {
  readonly id: string;
  readonly type: string;
  readonly contentType: 'application/json';
  readonly data: unknown;
  readonly metadata: Uint8Array;
}

export interface ClientAppendResult {
  readonly success: boolean;
  readonly nextExpectedRevision: bigint;
  readonly position?: Position;
}

/** A catch-up subscription: an async iterable the adapter can cancel and end. */
export interface ClientSubscription extends AsyncIterable<ClientResolvedEvent> {
  unsubscribe(): Promise<void>;
  destroy(): void;
}

export interface KurrentClient {
  /** The expectation is `streamState` in 1.x and `expectedRevision` in 6.x; the adapter sends both. */
  appendToStream(
    streamName: string,
    events: ClientEventData[],
    options: { streamState: ExpectedRevision; expectedRevision: ExpectedRevision },
  ): Promise<ClientAppendResult>;
  readStream(
    streamName: string,
    options: { fromRevision: 'start' | 'end' | bigint; direction: 'forwards' | 'backwards'; maxCount?: number },
  ): AsyncIterable<ClientResolvedEvent>;
  readAll(options: {
    fromPosition: ReadPosition;
    maxCount: number;
    direction: 'forwards';
    resolveLinkTos: false;
    filter?: ClientFilter;
  }): AsyncIterable<ClientResolvedEvent>;
  subscribeToAll(options: {
    fromPosition: ReadPosition;
    filter: ClientFilter;
    resolveLinkTos: false;
  }): ClientSubscription;
  dispose(): Promise<void>;
}

export const KURRENT_CLIENT = '@kurrent/kurrentdb-client';
export const EVENTSTORE_CLIENT = '@eventstore/db-client';
export type ClientPackage = typeof KURRENT_CLIENT | typeof EVENTSTORE_CLIENT;

/** The errors of both clients carry these `type` tags. */
export const isClientError = (error: unknown, type: 'stream-not-found' | 'wrong-expected-version'): boolean =>
  typeof error === 'object' && error !== null && (error as { type?: unknown }).type === type;

export const streamNameFilter = (prefixes: ReadonlyArray<string>, maxSearchWindow?: number): ClientFilter => ({
  filterOn: 'streamName',
  prefixes: [...prefixes],
  checkpointInterval: 1,
  ...(maxSearchWindow === undefined ? {} : { maxSearchWindow }),
});

/** Events of user streams only: what a port reader means by "every stream". */
export const excludeSystemEvents = (maxSearchWindow?: number): ClientFilter => ({
  filterOn: 'eventType',
  regex: '^[^$].*',
  checkpointInterval: 1,
  ...(maxSearchWindow === undefined ? {} : { maxSearchWindow }),
});

/** Loads one of the clients, or says how to install it. */
export const requireClient = (name: ClientPackage): ClientModule => {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(name) as ClientModule;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error(
      `@licheng/eventstore-esdb needs a client: npm install ${KURRENT_CLIENT} (or ${EVENTSTORE_CLIENT}@6)`,
      { cause: error },
    );
  }
};

/** What the adapter takes from a client's module: the client class. */
export interface ClientModule {
  readonly KurrentDBClient?: ClientClass;
  readonly EventStoreDBClient?: ClientClass;
}

interface ClientClass {
  connectionString(connectionString: string): KurrentClient;
  new (...args: never[]): KurrentClient;
}

/** Whether a client is `@kurrent/kurrentdb-client`'s, whose `readAll` takes a server-side filter. */
export const isKurrentClient = (client: KurrentClient): boolean => {
  let module: ClientModule;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    module = require(KURRENT_CLIENT) as ClientModule;
  } catch {
    return false;
  }
  return module.KurrentDBClient !== undefined && client instanceof module.KurrentDBClient;
};
