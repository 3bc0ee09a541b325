import type { SqlQuery } from './sql';

/**
 * The newest position below which the log is final: that of the newest row written by a transaction older than every
 * transaction still running (docs/postgres.md, *The global order*). Positions follow transaction ids, so every row at
 * or below it was written by a transaction that has ended: no row there will appear later, and a range of positions
 * up to it reads the same on any connection at any later time. The transaction horizon is taken once (an init plan),
 * not per row, and the scan walks back from the newest row.
 */
const SETTLED_BOUND = `
  select position from licheng_events where transaction_id < (select pg_snapshot_xmin(pg_current_snapshot()))
  order by position desc limit 1`;

export const settledBound = async (db: SqlQuery): Promise<number> => {
  const { rows } = await db.query<{ position: string }>(SETTLED_BOUND);
  return rows[0] ? Number(rows[0].position) : -1;
};

/** `LIKE` patterns matching names that start with each prefix. */
export const likePrefixes = (prefixes: ReadonlyArray<string>): string[] =>
  prefixes.map((prefix) => `${prefix.replace(/[\\%_]/g, '\\$&')}%`);
