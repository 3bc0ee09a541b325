import { NO_STREAM } from '@licheng/eventstore';
import { appendToStore, generateSchool, studentStreams } from '@licheng/testing';
import * as E from 'fp-ts/Either';
import { connectPostgres } from './connect';
import { ReceiptReadModel } from './readModel';
import type { SqlDatabase } from './sql';
import { startEmbeddedServer, type EmbeddedServer } from './test-support/embeddedPostgres';

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
  it('gives the rows a rebuild gives with room for one state only, the students’ events interleaved', async () => {
    const connection = await connectPostgres(server.connectionString);
    try {
      const school = generateSchool({ seed: 11, schoolId: 'tp_ahead', students: 4, classSize: 4 });
      const streams = [...studentStreams(school)];
      await appendToStore(connection.store, [school]);
      // A few events of each student in turn, so that a page touches a state the page before it changed.
      for (let from = 0; streams.some((s) => s.events.length > from); from += 5)
        for (const stream of streams) {
          const events = stream.events.slice(from, from + 5);
          if (events.length === 0) continue;
          const expected = from === 0 ? NO_STREAM : from - 1;
          const appended = await connection.store.appendToStream(stream.streamName, events, expected);
          if (E.isLeft(appended)) throw new Error(appended.left.message.en);
        }
      const tables = async () => ({
        portfolios: (await connection.db.query('select * from licheng_rm_portfolios order by 1, 2')).rows,
        receipts: (await connection.db.query('select * from licheng_rm_receipts order by 1, 2, 3, 4')).rows,
      });
      // A state a pending page changed must stay in memory until that page commits: the tables still hold it as before.
      await new ReceiptReadModel(slowCommits(connection.db), connection.store, {
        pageSize: 13,
        cache: { portfolios: 1, schools: 1 },
      }).catchUp();
      const folded = await tables();
      await new ReceiptReadModel(connection.db, connection.store).rebuild();
      expect(folded.portfolios.length).toBe(4);
      expect(folded).toEqual(await tables());
    } finally {
      await connection.dispose();
    }
  });
});
