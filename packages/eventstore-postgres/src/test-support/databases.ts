import type { SqlDatabase } from '../sql';

/** The database with `query` replaced; listening, closing and transactions go to it unchanged. */
const withQuery = (inner: SqlDatabase, query: SqlDatabase['query']): SqlDatabase => ({
  query,
  listen: (channel, onNotify, onLost) => inner.listen(channel, onNotify, onLost),
  close: () => inner.close(),
  transaction: (work) => inner.transaction(work),
});

/**
 * A database whose appends (one `licheng_append` statement each) wait, after their work and before their commit,
 * until released: each runs in a transaction of its own that commits late. Its transactions wait the same way.
 */
export const holdingAppends = (inner: SqlDatabase) => {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let working!: () => void;
  const worked = new Promise<void>((resolve) => (working = resolve));
  const held: SqlDatabase['transaction'] = (work) =>
    inner.transaction(async (tx) => {
      const result = await work(tx);
      working();
      await released;
      return result;
    });
  const db: SqlDatabase = {
    ...withQuery(
      inner,
      (text, params) =>
        (/licheng_append\(/.test(text) ? held((tx) => tx.query(text, params)) : inner.query(text, params)) as never,
    ),
    transaction: held,
  };
  return { db, worked, release };
};

/** A database that notes each statement sent through `query` (not those of its transactions), in order. */
export const recordingStatements = (inner: SqlDatabase) => {
  const statements: { text: string; params: unknown[] }[] = [];
  const db = withQuery(inner, (text, params) => {
    statements.push({ text, params: [...(params ?? [])] });
    return inner.query(text, params);
  });
  return { db, statements };
};
