import * as E from 'fp-ts/Either';
import { createCachingLoader, createLichengService, InMemoryEventStore, type EventStore } from '@licheng/eventstore';
import { connectEventStoreDb } from '@licheng/eventstore-esdb';
import { openPglite } from '@licheng/eventstore-postgres';
import { createProjectionRunner, inMemoryViewStore, reportsProjection } from '@licheng/projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandIn, type StandIn } from '../../../packages/eventstore-esdb/test-support/standIn/server';
import { nativePglite } from '../../../packages/eventstore-postgres/src/test-support/nativePglite';
import { simulateSchoolYear } from './simulate';
import { allTables } from './tables';

/** Runs a small seeded year on a store and returns every report as tables. */
const yearOn = async (store: EventStore) => {
  const service = createLichengService({ store, load: createCachingLoader(store) });
  const year = await simulateSchoolYear(service, { students: 6, seed: 7 });
  const rebuilt = await createProjectionRunner(store, reportsProjection, inMemoryViewStore()).rebuild();
  if (E.isLeft(rebuilt)) throw new Error(rebuilt.left.message.en);
  return { tables: allTables(rebuilt.right.view), year };
};

describe('the school-year example on either store', () => {
  let standIn: StandIn;
  beforeAll(async () => {
    standIn = await startStandIn();
  });
  afterAll(async () => {
    await standIn.stop();
  });

  it('gives the same reports on EventStoreDB (through the stand-in) as in memory for the same seed', async () => {
    const inMemory = await yearOn(new InMemoryEventStore());
    const { store, dispose } = connectEventStoreDb(standIn.connectionString);
    try {
      const onEsdb = await yearOn(store);
      expect(onEsdb.tables).toEqual(inMemory.tables);
      expect(onEsdb.year.tally).toEqual(inMemory.year.tally);
      expect(inMemory.year.tally.accepted).toBeGreaterThan(100);
    } finally {
      await dispose();
    }
  });

  it(
    'gives the same reports on PostgreSQL (PGlite in a directory) as in memory, and keeps them for the ' + 'next run',
    async () => {
      const inMemory = await yearOn(new InMemoryEventStore());
      const dir = mkdtempSync(join(tmpdir(), 'licheng-year-'));
      try {
        const first = await openPglite(dir, { PGlite: nativePglite() });
        const onPostgres = await yearOn(first.store).finally(() => first.dispose());
        expect(onPostgres.tables).toEqual(inMemory.tables);
        expect(onPostgres.year.tally).toEqual(inMemory.year.tally);
        // Reopened, as a second `npm start -- --data DIR` would: the year is still there, report for report.
        const again = await openPglite(dir, { PGlite: nativePglite() });
        try {
          const rebuilt = await createProjectionRunner(again.store, reportsProjection, inMemoryViewStore()).rebuild();
          expect(E.isRight(rebuilt) && allTables(rebuilt.right.view)).toEqual(inMemory.tables);
        } finally {
          await again.dispose();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      // PGlite creates its database in the directory first: on a loaded machine, beside resume.test.ts's runs, that
      // alone took most of the 60 s the other tests get.
    },
    180_000,
  );

  it('gives the same year twice for the same seed, and another for another seed', async () => {
    const first = await yearOn(new InMemoryEventStore());
    const again = await yearOn(new InMemoryEventStore());
    expect(again.tables).toEqual(first.tables);
    const service = createLichengService({ store: new InMemoryEventStore() });
    const other = await simulateSchoolYear(service, { students: 6, seed: 8 });
    expect(other.tally).not.toEqual(first.year.tally);
  });
});
