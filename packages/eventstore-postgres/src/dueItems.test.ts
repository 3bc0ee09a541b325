import { InMemoryEventStore, NO_STREAM, type EventStore } from '@licheng/eventstore';
import { appendToStore, generateSchool, studentStreams } from '@licheng/testing';
import { InMemoryDueItems, type DueItems } from '@licheng/workflows';
import * as E from 'fp-ts/Either';
import { openPglite, type PostgresConnection } from './connect';
import { PostgresDueItems } from './dueItems';
import { PostgresEventStore } from './store';
import { recordingStatements } from './test-support/databases';
import { newEvent } from './test-support/fixtures';
import { nativePglite } from './test-support/nativePglite';

const SCHOOL = 'tp_tail';
const school = generateSchool({ seed: 12, schoolId: SCHOOL, students: 6, classSize: 6 });
const streams = [school, ...studentStreams(school)];

/** Each test its own PGlite: the due-items checkpoint is one per database. */
let connection: PostgresConnection | undefined;
const opened = async () => {
  connection = await openPglite(undefined, { PGlite: nativePglite() });
  await appendToStore(connection.store, streams);
  return connection;
};
afterEach(async () => {
  await connection?.dispose();
  connection = undefined;
});

/** The school's periods and receipts, in one order whichever index lists them. */
const indexOf = async (items: DueItems, schoolId = SCHOOL) =>
  (
    await Promise.all(
      (await items.periodsOf(schoolId)).map(async (p) => ({
        key: `${p.category}:${p.period}`,
        receipts: [...(await items.receiptsOf(schoolId, p.category, p.period))].sort((a, b) =>
          a.studentId.localeCompare(b.studentId),
        ),
      })),
    )
  ).sort((a, b) => a.key.localeCompare(b.key));

/** The in-memory index of these streams. */
const inMemoryIndex = async (of = streams) => {
  const memory = new InMemoryEventStore();
  await appendToStore(memory, of);
  const index = new InMemoryDueItems(memory);
  await index.catchUp();
  return index;
};

/** Events of streams the index does not read, after every portfolio event. */
const appendOtherStreams = async (store: EventStore, count: number) => {
  for (let i = 0; i < count; i++)
    expect(E.isRight(await store.appendToStream(`other-${i}`, [newEvent('Other')], NO_STREAM))).toBe(true);
};

const newestPosition = async (db: PostgresConnection['db']) =>
  Number((await db.query<{ p: string }>('select max(position) as p from licheng_events')).rows[0]!.p);

/** The statements that read a range of the event table. */
const rangeReads = (statements: ReadonlyArray<{ text: string }>) =>
  statements.filter((s) => /from licheng_events where position > \$1 and position <= \$2/.test(s.text));

describe('the due-items index in PostgreSQL: how far its checkpoint moves', () => {
  it("moves its checkpoint past other streams' events, so that a run with nothing new reads no events", async () => {
    const { db } = await opened();
    const recorded = recordingStatements(db);
    const due = new PostgresDueItems(recorded.db, new PostgresEventStore(recorded.db));
    await due.catchUp();
    await appendOtherStreams(connection!.store, 20);

    recorded.statements.length = 0;
    await due.catchUp();
    // The tail is read once, by the statement the next run must not send.
    expect(rangeReads(recorded.statements).length).toBeGreaterThan(0);
    expect(await due.checkpoint()).toBe(await newestPosition(db));
    recorded.statements.length = 0;
    await due.catchUp();
    expect(rangeReads(recorded.statements)).toEqual([]);
    expect(await indexOf(due)).toEqual(await indexOf(await inMemoryIndex()));
  });

  it("folds the receipts of a school appended after other streams' events, with two catch-ups at once", async () => {
    const { db, store } = await opened();
    const due = new PostgresDueItems(db, store);
    await appendOtherStreams(store, 5);
    await due.catchUp();
    const late = generateSchool({ seed: 13, schoolId: 'tp_tail_late', students: 6, classSize: 6 });
    const lateStreams = [late, ...studentStreams(late)];
    await appendToStore(store, lateStreams);
    await Promise.all([due.catchUp(), due.catchUp()]);
    const expected = await inMemoryIndex([...streams, ...lateStreams]);
    expect((await indexOf(due, late.schoolId)).length).toBeGreaterThan(0);
    expect(await indexOf(due, late.schoolId)).toEqual(await indexOf(expected, late.schoolId));
    expect(await indexOf(due)).toEqual(await indexOf(expected));
  });

  it("through a store of another kind, reads with the store's port and stops at the last event it folded", async () => {
    const { db, store } = await opened();
    await appendOtherStreams(store, 20);
    // Not the PostgreSQL store itself: the index cannot know that it writes to this database.
    const port: EventStore = {
      appendToStream: (...args) => store.appendToStream(...args),
      readStream: (...args) => store.readStream(...args),
      readAll: (...args) => store.readAll(...args),
      subscribeToAll: (...args) => store.subscribeToAll(...args),
    };
    const due = new PostgresDueItems(db, port);
    await due.catchUp();
    const portfolioEvents = await store.readAll({ streamPrefixes: ['portfolio-'] });
    expect(await due.checkpoint()).toBe(portfolioEvents[portfolioEvents.length - 1]!.position);
    expect(await indexOf(due)).toEqual(await indexOf(await inMemoryIndex()));
  });
});
