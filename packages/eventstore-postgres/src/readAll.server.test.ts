import * as E from 'fp-ts/Either';
import type { RecordedEvent } from '@licheng/eventstore';
import { migrate } from './migrations';
import { PgDatabase } from './sql';
import { PostgresEventStore } from './store';
import { recordingStatements } from './test-support/databases';
import { startEmbeddedServer, type EmbeddedServer } from './test-support/embeddedPostgres';
import { newEvent } from './test-support/fixtures';

// A server of its own: the table must hold only this file's events, and keep no statistics (autovacuum off for it).
let server: EmbeddedServer;
let db: PgDatabase;
beforeAll(async () => {
  server = await startEmbeddedServer();
  db = new PgDatabase(server.connectionString);
  await migrate(db);
  await db.query('alter table licheng_events set (autovacuum_enabled = off)');
});
afterAll(async () => {
  await db?.close();
  await server?.dispose();
});

interface PlanNode {
  readonly 'Relation Name'?: string;
  readonly 'Actual Rows'?: number;
  readonly 'Actual Loops'?: number;
  readonly 'Rows Removed by Filter'?: number;
  readonly 'Rows Removed by Index Recheck'?: number;
  readonly Plans?: ReadonlyArray<PlanNode>;
}

/** Rows of the event table a statement's plan fetched, kept or filtered out, as the server reports it. */
const rowsFetched = async (text: string, params: unknown[]): Promise<number> => {
  const { rows } = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    `explain (analyze, format json) ${text}`,
    params,
  );
  const walk = (node: PlanNode): number =>
    (node['Relation Name'] === 'licheng_events'
      ? (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1) +
        (node['Rows Removed by Filter'] ?? 0) +
        (node['Rows Removed by Index Recheck'] ?? 0)
      : 0) + (node.Plans ?? []).reduce((sum, child) => sum + walk(child), 0);
  return walk(rows[0]!['QUERY PLAN'][0].Plan);
};

const append = async (store: PostgresEventStore, streamName: string, count: number) => {
  const events = Array.from({ length: count }, (_, i) => newEvent(`E${i}`));
  expect(E.isRight(await store.appendToStream(streamName, events, 'no_stream'))).toBe(true);
};

/** Every page of `maxCount` events from the start, and the statements each read. */
const pages = async (store: PostgresEventStore, take: () => unknown, prefixes: string[], maxCount: number) => {
  const read: RecordedEvent[][] = [];
  take();
  for (let after = -1; ;) {
    const page = await store.readAll({ after, maxCount, streamPrefixes: prefixes });
    if (page.length === 0) return read;
    read.push([...page]);
    after = page[page.length - 1]!.position;
  }
};

describe('readAll on PostgreSQL: pages as ranges of positions', () => {
  const ns = `paging${Date.now()}`;
  const dense = `portfolio-${ns}-`;
  const sparse = `school-${ns}`;
  let store: PostgresEventStore;
  let take: () => { text: string; params: unknown[] }[];

  beforeAll(async () => {
    const recorded = recordingStatements(db);
    take = () => recorded.statements.splice(0);
    store = new PostgresEventStore(recorded.db);
    await append(store, `${sparse}-0`, 3);
    for (let i = 0; i < 20; i++) await append(store, `${dense}${i}`, 100);
    await append(store, `${sparse}-1`, 3);
    // A gap of positions far larger than a page (a restarted identity here; rolled-back appends leave such gaps).
    await db.query('alter table licheng_events alter column position restart with 1000000');
    await append(store, `${sparse}-2`, 3);
    for (let i = 20; i < 25; i++) await append(store, `${dense}${i}`, 100);
  });

  it('fetches a page of the log without reading the rows after it, on a table without statistics', async () => {
    take();
    const page = await store.readAll({ after: -1, maxCount: 50, streamPrefixes: [dense] });
    expect(page).toHaveLength(50);
    let fetched = 0;
    for (const { text, params } of take()) fetched += await rowsFetched(text, params);
    // The 2,500 rows after the page stay unread: a limit over every row after the cursor fetched (and sorted) them all.
    expect(fetched).toBeLessThan(150);
  });

  it('reads every matching event once, in position order, across pages of any size, gaps and sparse prefixes', async () => {
    const all = await store.readAll({ streamPrefixes: [dense, sparse] });
    expect(all).toHaveLength(2_509);
    expect(all.map((event) => event.position)).toEqual([...all.map((event) => event.position)].sort((a, b) => a - b));
    for (const prefixes of [[dense], [sparse], [dense, sparse]]) {
      const whole = all.filter((event) => prefixes.some((prefix) => event.streamName.startsWith(prefix)));
      for (const maxCount of [7, 50, 5_000]) {
        const read = await pages(store, take, prefixes, maxCount);
        expect(read.every((page) => page.length <= maxCount)).toBe(true);
        expect(read.flat()).toEqual(whole);
      }
    }
  });

  it('finds the few events of a sparse prefix without reading the log once per page', async () => {
    const read = await pages(store, take, [sparse], 2);
    expect(read.map((page) => page.length)).toEqual([2, 2, 2, 2, 1]);
    let fetched = 0;
    for (const { text, params } of take()) fetched += await rowsFetched(text, params);
    // Five pages over about 2,500 rows: each range is read about once, where a limit read the rest of the log per page.
    expect(fetched).toBeLessThan(2 * 2_509);
  });
});
