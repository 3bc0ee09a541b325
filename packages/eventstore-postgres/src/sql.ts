import pg from 'pg';
import { isConnectionFailure, isStoreFailure, storeBusy, storeUnavailable } from './errors';
import { OWN_TYPE_PARSERS } from './pgTypes';

/** What the store needs from a PostgreSQL connection: node-postgres (`pg`) and PGlite both give it. */
export interface SqlQuery {
  query<Row = Record<string, unknown>>(
    text: string,
    params?: ReadonlyArray<unknown>,
  ): Promise<{ readonly rows: Row[] }>;
}

export interface SqlDatabase extends SqlQuery {
  /** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlQuery) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` on every notification of `channel`, until the returned function is called. `onLost` is
   * called when the listening connection drops, so that the caller can listen again later.
   */
  listen(channel: string, onNotify: () => void, onLost: (error: unknown) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * The part of a PGlite instance the adapter uses. Declared here rather than imported so that the package's
 * declarations need neither PGlite's types nor theirs (@types/emscripten): consumers type-check with
 * `skipLibCheck: false` and no extra type packages.
 */
export interface PgliteInstance {
  readonly closed: boolean;
  readonly waitReady: Promise<void>;
  query<Row>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  transaction<T>(
    work: (tx: { query<Row>(text: string, params?: unknown[]): Promise<{ rows: Row[] }> }) => Promise<T>,
  ): Promise<T>;
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The PGlite class (`@electric-sql/pglite`'s `PGlite`), as `openPglite` constructs it. */
export type PgliteClass = new (dataDir?: string) => PgliteInstance;

export interface PgDatabaseOptions {
  /** Connections in the pool. Default 10. */
  readonly max?: number;
  /** How long a query waits for a free connection (or a new one) before failing. Default 5,000 ms. */
  readonly connectionTimeoutMs?: number;
  /** The longest a statement may run on the server. Default 30,000 ms. */
  readonly statementTimeoutMs?: number;
}

/** A pool of node-postgres connections. */
export class PgDatabase implements SqlDatabase {
  // Private, so that the package's declarations do not name pg's types (see PgliteInstance).
  private readonly pool: pg.Pool;

  constructor(
    readonly connectionString: string,
    readonly options: PgDatabaseOptions = {},
  ) {
    this.pool = new pg.Pool({
      connectionString,
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
      statement_timeout: options.statementTimeoutMs ?? 30_000,
      // And on this side, so that a server that stops answering cannot hang a caller.
      query_timeout: (options.statementTimeoutMs ?? 30_000) + 5_000,
      // A connection the server dropped while idle must not crash the process: the pool discards it.
      keepAlive: true,
      // Not the process-wide parsers, which other libraries change (pgTypes.ts).
      types: OWN_TYPE_PARSERS,
    });
    this.pool.on('error', () => undefined);
  }

  async query<Row>(text: string, params: ReadonlyArray<unknown> = []): Promise<{ rows: Row[] }> {
    const client = await this.connect('query');
    let broken: unknown;
    try {
      return (await client.query(text, [...params])) as unknown as { rows: Row[] };
    } catch (error) {
      if (isConnectionFailure(error)) broken = error;
      throw this.classify('query', error);
    } finally {
      client.release(broken instanceof Error ? broken : undefined);
    }
  }

  async transaction<T>(work: (tx: SqlQuery) => Promise<T>): Promise<T> {
    const client = await this.connect('transaction');
    let broken: unknown;
    try {
      await client.query('begin');
      const result = await work({ query: (text, params = []) => client.query(text, [...params]) as never });
      await client.query('commit');
      return result;
    } catch (error) {
      // A connection whose rollback fails is broken: it goes back to the pool only to be destroyed.
      await client.query('rollback').catch((rollbackError: unknown) => (broken = rollbackError));
      throw this.classify('transaction', error);
    } finally {
      client.release(broken instanceof Error ? broken : undefined);
    }
  }

  async listen(channel: string, onNotify: () => void, onLost: (error: unknown) => void): Promise<() => Promise<void>> {
    // A connection of its own, outside the pool: it stays open for as long as anyone listens.
    const client = new pg.Client({
      connectionString: this.connectionString,
      connectionTimeoutMillis: this.options.connectionTimeoutMs ?? 5_000,
      keepAlive: true,
      types: OWN_TYPE_PARSERS,
    });
    let stopped = false;
    const lost = (error: unknown) => {
      if (stopped) return;
      stopped = true;
      client.end().catch(() => undefined);
      onLost(error);
    };
    client.on('error', lost);
    client.on('end', () => lost(new Error('the listening connection ended')));
    client.on('notification', (message) => {
      if (message.channel === channel) onNotify();
    });
    try {
      await client.connect();
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      stopped = true;
      await client.end().catch(() => undefined);
      throw error;
    }
    return async () => {
      if (stopped) return;
      stopped = true;
      await client.end().catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** A connection from the pool; a wait that times out says whether the pool was full or the server away. */
  private async connect(operation: string): Promise<pg.PoolClient> {
    const max = this.options.max ?? 10;
    const full = this.pool.totalCount >= max && this.pool.idleCount === 0;
    try {
      return await this.pool.connect();
    } catch (error) {
      if (full && /timeout/i.test(error instanceof Error ? error.message : '')) {
        throw storeBusy(operation, this.options.connectionTimeoutMs ?? 5_000, max, error);
      }
      throw storeUnavailable(operation, error);
    }
  }

  private classify(operation: string, error: unknown): unknown {
    if (isStoreFailure(error) || !isConnectionFailure(error)) return error;
    return storeUnavailable(operation, error);
  }
}

/** PGlite: PostgreSQL in this process, one connection, transactions one at a time. */
export class PgliteDatabase implements SqlDatabase {
  constructor(readonly db: PgliteInstance) {}

  async query<Row>(text: string, params: ReadonlyArray<unknown> = []): Promise<{ rows: Row[] }> {
    return this.db.query<Row>(text, [...params]);
  }

  async transaction<T>(work: (tx: SqlQuery) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work({ query: (text, params = []) => tx.query(text, [...params]) as never }));
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    return this.db.listen(channel, () => onNotify());
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
