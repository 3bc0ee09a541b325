import { connectPostgres } from './connect';
import { ReceiptReadModel } from './readModel';
import type { SqlDatabase } from './sql';
import { startEmbeddedServer, type EmbeddedServer } from './test-support/embeddedPostgres';
import { interleavedSchool } from './test-support/fixtures';

let server: EmbeddedServer;
beforeAll(async () => {
  server = await startEmbeddedServer();
});
afterAll(async () => {
  await server?.dispose();
});

/** The database, each transaction's commit held back a little: the next page's fold reads while it is pending. */
const slowCommits = (inner: SqlDatabase): SqlDatabase =>
  Object.create(inner, {
    transaction: {
      value: <T>(work: Parameters<SqlDatabase['transaction']>[0]) =>
        inner.transaction(async (tx) => {
          const result = (await work(tx)) as T;
          await new Promise((resolve) => setTimeout(resolve, 20));
          return result;
        }),
    },
  }) as SqlDatabase;

describe('the receipt read model folding a page while the page before it commits (a real server)', () => {
  it.each([
    ['each page written apart', 1],
    ['several pages written at a time', 30],
  ])(
    'gives the rows a rebuild gives with room for one state only, the students’ events interleaved (%s)',
    async (_, eventsPerWrite) => {
      const connection = await connectPostgres(server.connectionString);
      try {
        const schoolId = `tp_ahead_${eventsPerWrite}`;
        await interleavedSchool(connection.store, schoolId);
        const tables = async () => ({
          portfolios: (await connection.db.query('select * from licheng_rm_portfolios order by 1, 2')).rows,
          receipts: (await connection.db.query('select * from licheng_rm_receipts order by 1, 2, 3, 4')).rows,
        });
        // A state a pending page changed must stay in memory until that page commits: the tables still hold it as before.
        // (The model is new: it folds ahead from its first page only because it makes its checkpoint row before reading.
        // This fails without either.)
        await new ReceiptReadModel(slowCommits(connection.db), connection.store, {
          pageSize: 13,
          eventsPerWrite,
          cache: { portfolios: 1, schools: 1 },
        }).catchUp();
        const folded = await tables();
        await new ReceiptReadModel(connection.db, connection.store).rebuild();
        expect(folded.portfolios.filter((row) => row['school_id'] === schoolId)).toHaveLength(4);
        expect(folded).toEqual(await tables());
      } finally {
        await connection.dispose();
      }
    },
  );
});
