import { EVENTSTORE_CLIENT, KURRENT_CLIENT, requireClient, type ClientPackage } from './client';
import { EventStoreDbStore, type EventStoreDbStoreOptions } from './store';

export interface EventStoreDbConnection {
  readonly store: EventStoreDbStore;
  /** Closes the store's subscriptions and the client's calls; the process can then exit. */
  readonly dispose: () => Promise<void>;
}

export interface ConnectOptions extends EventStoreDbStoreOptions {
  /** The client to use. Default: `@kurrent/kurrentdb-client` when installed, else `@eventstore/db-client`. */
  readonly client?: ClientPackage;
}

const SCHEME = /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\//i;

/**
 * The connection string in the scheme the chosen client reads: the Kurrent client takes `kurrentdb://` (and
 * warns on every `esdb://`), the old client only `esdb://`. Host, options and credentials are kept as given.
 * An error never quotes the string: it may hold a password.
 */
export const connectionStringFor = (connectionString: string, client: ClientPackage): string => {
  const match = SCHEME.exec(connectionString.trim());
  if (!match) {
    throw new TypeError(
      'a KurrentDB connection string starts with kurrentdb://, kurrentdb+discover://, esdb:// or esdb+discover://',
    );
  }
  const scheme = client === KURRENT_CLIENT ? 'kurrentdb' : 'esdb';
  return `${scheme}${match[2] ?? ''}://${connectionString.trim().slice(match[0].length)}`;
};

const installedClient = (): ClientPackage => {
  for (const name of [KURRENT_CLIENT, EVENTSTORE_CLIENT] as const) {
    try {
      require.resolve(name);
      return name;
    } catch {
      // not installed: try the next
    }
  }
  return KURRENT_CLIENT; // requireClient then says how to install it
};

/**
 * Connects to KurrentDB (or EventStoreDB 22.10+) with a connection string, e.g.
 * `kurrentdb://localhost:2113?tls=false` for an insecure single node. Nothing is sent until the first command.
 */
export const connectEventStoreDb = (connectionString: string, options: ConnectOptions = {}): EventStoreDbConnection => {
  const { client: name = installedClient(), ...storeOptions } = options;
  const module = requireClient(name);
  const Client = module.KurrentDBClient ?? module.EventStoreDBClient;
  if (!Client) throw new Error(`${name} exports no client class`);
  const store = new EventStoreDbStore(Client.connectionString(connectionStringFor(connectionString, name)), {
    readAllFilter: name === KURRENT_CLIENT ? 'server' : 'adapter',
    ...storeOptions,
  });
  return { store, dispose: () => store.dispose() };
};

/** The same as {@link connectEventStoreDb}, under the server's current name. */
export const connectKurrentDb = connectEventStoreDb;

/** A connection string fit to print: the user name and password, if any, replaced by `***`. */
export const redactConnectionString = (connectionString: string): string =>
  connectionString.replace(/^([a-z+]+:\/\/)[^@/?]*@/i, '$1***@');
