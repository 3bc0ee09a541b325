import { migrate } from './migrations';
import { PgDatabase, PgliteDatabase, type PgDatabaseOptions, type PgliteClass, type SqlDatabase } from './sql';
import { PostgresEventStore, type PostgresEventStoreOptions } from './store';

/** Loaded on first use, so that a program on a PostgreSQL server never loads the WebAssembly build. */
const loadPglite = (): PgliteClass =>
  (require('@electric-sql/pglite') as typeof import('@electric-sql/pglite')).PGlite as unknown as PgliteClass;

export interface PgliteOptions extends PostgresEventStoreOptions {
  /** The PGlite class to use; the package's by default (tests pass one loaded outside Jest's sandbox). */
  readonly PGlite?: PgliteClass;
}

export interface PostgresConnection {
  readonly store: PostgresEventStore;
  readonly db: SqlDatabase;
  /** Closes the store's subscriptions and its connections; the process can then exit. */
  readonly dispose: () => Promise<void>;
}

const opened = async (db: SqlDatabase, options: PostgresEventStoreOptions): Promise<PostgresConnection> => {
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  const store = new PostgresEventStore(db, options);
  return { store, db, dispose: () => store.dispose() };
};

/** Connects to a PostgreSQL server (`postgres://user:password@host:port/database`) and migrates its schema. */
export const connectPostgres = (
  connectionString: string,
  options: PostgresEventStoreOptions & { readonly pool?: PgDatabaseOptions } = {},
): Promise<PostgresConnection> => opened(new PgDatabase(connectionString, options.pool), options);

/**
 * Opens PGlite, PostgreSQL in this process: in `dataDir` (kept across runs) or, without one, in memory.
 * One connection only: for one process, as the embedded default of a small school or a test.
 */
export const openPglite = async (dataDir?: string, options: PgliteOptions = {}): Promise<PostgresConnection> => {
  const Pglite = options.PGlite ?? loadPglite();
  const pglite = dataDir === undefined ? new Pglite() : new Pglite(dataDir);
  await pglite.waitReady;
  return opened(new PgliteDatabase(pglite), options);
};
