import { InMemoryEventStore, STREAM_PREFIXES } from '@licheng/eventstore';
import { classConfirmationReport, classesOf, createProjectionRunner, inMemoryViewStore, reportsProjection, type ReportsView } from '@licheng/projections';
import { appendToStore, describeEventStoreContract, generateSchool, studentStreams } from '@licheng/testing';
import * as E from 'fp-ts/Either';
import { openPglite, type PostgresConnection } from './connect';
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
    classesOf(view.schools[SCHOOL]!.policy, Number(term.slice(0, 3))).map((c) => right(classConfirmationReport(view, { schoolId: SCHOOL, classId: c.classId, term }))),
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

// The contract's streams are named `contract…`: the read model, which reads school and portfolio streams, never sees them.
describeEventStoreContract('PostgresEventStore on PGlite (in process)', async () => ({ store: (await pglite()).store, dispose: async () => undefined }));

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
      (await connection.db.query('select * from licheng_rm_receipts order by school_id, student_id, category, period')).rows;
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
