import { STREAM_PREFIXES } from '@licheng/domain';
import {
  createLichengService,
  InMemoryEventStore,
  quarantineStoredEvent,
  storedContentHash,
  type EventStore,
} from '@licheng/eventstore';
import { chainBatch, headHashOf } from '@licheng/eventstore/internal';
import { InMemoryDueItems, RECEIPT_EVENT_TYPES, runDeadlines, type DueItems } from '@licheng/workflows';
import {
  classConfirmationReport,
  classesOf,
  createProjectionRunner,
  inMemoryViewStore,
  reportsProjection,
  type ReportsView,
} from '@licheng/projections';
import { appendToStore, describeEventStoreContract, generateSchool, studentStreams } from '@licheng/testing';
import * as E from 'fp-ts/Either';
import { openPglite, type PostgresConnection } from './connect';
import { PostgresDueItems } from './dueItems';
import { ReceiptReadModel } from './readModel';
import { classConfirmationFromSql } from './readModelReports';
import { nativePglite } from './test-support/nativePglite';

const SCHOOL = 'tp_readmodel';
const TERMS = ['1091', '1092', '1101', '1102', '1111', '1112'];

const right = <A>(result: E.Either<{ message: { en: string } }, A>): A => {
  if (E.isLeft(result)) throw new Error(result.left.message.en);
  return result.right;
};

/** Every class's confirmation report of every term, as the in-memory view gives them. */
const inMemoryReports = (view: ReportsView) =>
  TERMS.flatMap((term) =>
    classesOf(view.schools[SCHOOL]!.policy, Number(term.slice(0, 3))).map((c) =>
      right(classConfirmationReport(view, { schoolId: SCHOOL, classId: c.classId, term })),
    ),
  );

const sqlReports = (connection: PostgresConnection, view: ReportsView) =>
  Promise.all(
    TERMS.flatMap((term) =>
      classesOf(view.schools[SCHOOL]!.policy, Number(term.slice(0, 3))).map(async (c) =>
        right(await classConfirmationFromSql(connection.db, { schoolId: SCHOOL, classId: c.classId, term })),
      ),
    ),
  );

// One PGlite for the whole file: starting one compiles PostgreSQL's WebAssembly and runs initdb (seconds).
let opened: Promise<PostgresConnection> | undefined;
const pglite = () => (opened ??= openPglite(undefined, { follow: { pollIntervalMs: 50 }, PGlite: nativePglite() }));
afterAll(async () => {
  await (await opened)?.dispose();
});

// The contract's streams are named `contract…`: the read model, which reads school and portfolio streams, never sees
// them.
describeEventStoreContract('PostgresEventStore on PGlite (in process)', async () => ({
  store: (await pglite()).store,
  dispose: async () => undefined,
}));

describe('the receipt read model in PostgreSQL (PGlite)', () => {
  let connection: PostgresConnection;
  let view: ReportsView;

  beforeAll(async () => {
    connection = await pglite();
    const school = generateSchool({ seed: 5, schoolId: SCHOOL, students: 16, classSize: 6 });
    await appendToStore(connection.store, [school, ...studentStreams(school)]);
    const memory = new InMemoryEventStore();
    await appendToStore(memory, [school, ...studentStreams(school)]);
    view = right(await createProjectionRunner(memory, reportsProjection, inMemoryViewStore()).rebuild()).view;
  });
  it('gives every class confirmation report exactly as the in-memory reports view does (R-REP-1)', async () => {
    const model = new ReceiptReadModel(connection.db, connection.store);
    const last = await model.catchUp();
    const all = await connection.store.readAll({ streamPrefixes: Object.values(STREAM_PREFIXES) });
    expect(last).toBe(all[all.length - 1]!.position);
    const expected = inMemoryReports(view);
    expect(expected.length).toBeGreaterThanOrEqual(6);
    expect(expected.some((report) => report.totals.some((total) => total.confirmed > 0))).toBe(true);
    expect(await sqlReports(connection, view)).toEqual(expected);
  });

  it('is rebuilt to the same rows, and a second catch-up folds nothing twice', async () => {
    const model = new ReceiptReadModel(connection.db, connection.store);
    const rowsOf = async () =>
      (await connection.db.query('select * from licheng_rm_receipts order by school_id, student_id, category, period'))
        .rows;
    await model.catchUp();
    const before = await rowsOf();
    expect(before.length).toBeGreaterThan(16);
    expect(await model.catchUp()).toBe(await model.checkpoint());
    await model.rebuild();
    expect(await rowsOf()).toEqual(before);
  });

  it('says the school is not registered for an unknown school', async () => {
    const result = await classConfirmationFromSql(connection.db, { schoolId: 'nowhere', classId: 'c', term: '1111' });
    expect(E.isLeft(result) && result.left.code).toBe('SCHOOL_NOT_REGISTERED');
  });
});

describe('the due-items index in PostgreSQL (PGlite)', () => {
  const DUE_SCHOOL = 'tp_due';
  const school = generateSchool({ seed: 8, schoolId: DUE_SCHOOL, students: 6, classSize: 6 });
  const indexOf = async (items: DueItems) =>
    Promise.all(
      (await items.periodsOf(DUE_SCHOOL)).map(async (p) => ({
        ...p,
        receipts: await items.receiptsOf(DUE_SCHOOL, p.category, p.period),
      })),
    );

  it('holds the receipts the in-memory index holds, and folds nothing twice however often it catches up', async () => {
    const connection = await pglite();
    await appendToStore(connection.store, [school, ...studentStreams(school)]);
    const memory = new InMemoryEventStore();
    await appendToStore(memory, [school, ...studentStreams(school)]);
    const inMemory = new InMemoryDueItems(memory);
    await inMemory.catchUp();
    const expected = await indexOf(inMemory);
    expect(expected.reduce((n, p) => n + p.receipts.length, 0)).toBeGreaterThan(6);
    const due = new PostgresDueItems(connection.db, connection.store);
    await Promise.all([due.catchUp(), due.catchUp()]);
    await due.catchUp();
    const sorted = (index: typeof expected) =>
      [...index].sort((a, b) => `${a.category}${a.period}`.localeCompare(`${b.category}${b.period}`));
    expect(sorted(await indexOf(due))).toEqual(sorted(expected));
  });

  it('leads runDeadlines to the effects of the full scan (R-REC-5, R-SEAL-1)', async () => {
    const connection = await pglite();
    const memory = new InMemoryEventStore();
    await appendToStore(memory, [school, ...studentStreams(school)]);
    const now = '2031-01-01T00:00+08:00' as never;
    const scanned = await runDeadlines(createLichengService({ store: memory }), DUE_SCHOOL, now);
    const dueItems = new PostgresDueItems(connection.db, connection.store);
    const indexed = await runDeadlines(createLichengService({ store: connection.store }), DUE_SCHOOL, now, {
      dueItems,
    });
    expect(scanned.deemed + scanned.sealed).toBeGreaterThan(0);
    expect({ ...indexed, refused: indexed.refused.map((e) => e.code) }).toEqual({
      ...scanned,
      refused: scanned.refused.map((e) => e.code),
    });
    const written = async (store: EventStore) =>
      (await store.readAll({ streamPrefixes: [`portfolio-${DUE_SCHOOL}-`, `school-${DUE_SCHOOL}`] }))
        .map((e) => [e.streamName, e.revision, e.type, e.data] as const)
        .sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1));
    expect(await written(connection.store)).toEqual(await written(memory));
  });
});

describe('the PostgreSQL read model and due items over a repaired stream (issue 16, item 6)', () => {
  const REPAIR_SCHOOL = 'tp_repair';
  const school = generateSchool({ seed: 9, schoolId: REPAIR_SCHOOL, students: 6, classSize: 6 });

  /** A copy of a stored receipt event whose category no codec reads, chained onto its stream like any event. */
  const storeUnreadableReceipt = async (store: EventStore) => {
    const events = await store.readAll({ streamPrefixes: [`portfolio-${REPAIR_SCHOOL}-`] });
    const receipt = events.find((event) => RECEIPT_EVENT_TYPES.has(event.type))!;
    const stream = await store.readStream(receipt.streamName);
    const last = stream[stream.length - 1]!;
    const metadata = { ...(last.metadata as Record<string, unknown>), commandId: 'lost-category' };
    const [event] = chainBatch(await headHashOf(store, receipt.streamName, last.revision, last.metadata), [
      {
        eventId: 'c8b1d7b5-5d66-4c8f-8b54-2a3c4d5e6f70',
        type: receipt.type,
        data: { ...(receipt.data as Record<string, unknown>), category: 42 },
        metadata,
      },
    ]);
    await store.appendToStream(receipt.streamName, [event!], last.revision);
    return (await store.readStream(receipt.streamName, { fromRevision: last.revision + 1 }))[0]!;
  };

  it('stops at an unreadable receipt event, and pass it once a quarantine sets it aside', async () => {
    const connection = await pglite();
    await appendToStore(connection.store, [school, ...studentStreams(school)]);
    const broken = await storeUnreadableReceipt(connection.store);
    const model = new ReceiptReadModel(connection.db, connection.store);
    const due = new PostgresDueItems(connection.db, connection.store);
    await expect(model.catchUp()).rejects.toThrow(/STORED_EVENT_INVALID|category/);
    await expect(due.catchUp()).rejects.toThrow(/STORED_EVENT_INVALID|category/);

    const repaired = await quarantineStoredEvent(connection.store, {
      streamName: broken.streamName,
      revision: broken.revision,
      eventId: broken.eventId,
      contentHash: storedContentHash(broken),
      reason: '類別遺失 / category lost',
      actor: { id: 'ops-1', role: 'system' },
      now: '2031-01-01T00:00+08:00',
      commandId: 'repair-pg-1',
    });
    expect(E.isRight(repaired)).toBe(true);
    const all = await connection.store.readAll({ streamPrefixes: Object.values(STREAM_PREFIXES) });
    expect(await model.catchUp()).toBe(all[all.length - 1]!.position);
    await due.catchUp();
    // The quarantine record, in the student's portfolio stream, is the last event of the log.
    expect(await due.checkpoint()).toBe(all[all.length - 1]!.position);
  });
});
