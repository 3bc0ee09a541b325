import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { portfolioStreamName, schoolStreamName } from '@licheng/domain';
import { quarantineStoredEvent, storedContentHash, type EventStore, type LichengService } from '@licheng/eventstore';
import { chainBatch, headHashOf } from '@licheng/eventstore/internal';
import { runDeadlines, type DeadlineReport } from './deadlines';
import { InMemoryDueItems, RECEIPT_EVENT_TYPES } from './dueItems';
import { acceptedSchool, send, student, STUDENTS, sub1 } from './test-support/acceptedSchool';

const ref = { category: 'cadreRecords', period: '1112' };
/** Before, at and after the confirmation window's end (04-18 10:30) and the re-check's (04-20 17:00) of seed 000. */
const RUN_TIMES = [
  '2023-04-16T10:00',
  '2023-04-18T10:29',
  '2023-04-18T10:30',
  '2023-04-20T16:59',
  '2023-04-20T17:00',
  '2023-04-21T09:00',
];
type Behaviour = 'confirm' | 'silent' | 'reportThenConfirm' | 'reportThenSilent';

/**
 * What each student does in the windows of seed 000; answers that come after a deadline are refused, as they should be.
 */
const act = async (service: LichengService, studentId: string, behaviour: Behaviour, before: string) => {
  const steps: Array<[string, () => Promise<unknown>]> = [];
  if (behaviour === 'confirm')
    steps.push([
      '2023-04-17T10:00',
      () => send(service, '2023-04-17T10:00', student(studentId), 'ConfirmReceipt', { studentId, ...ref }),
    ]);
  if (behaviour.startsWith('report')) {
    const problems = [{ kind: 'wrong', reason: '成績錯誤' }];
    steps.push([
      '2023-04-17T12:00',
      () =>
        send(service, '2023-04-17T12:00', student(studentId), 'ReportReceiptError', { studentId, ...ref, problems }),
    ]);
    steps.push([
      '2023-04-19T09:00',
      () =>
        send(service, '2023-04-19T09:00', sub1, 'RecordReceiptReview', { studentId, ...ref, finding: 'dataWasRight' }),
    ]);
    if (behaviour === 'reportThenConfirm')
      steps.push([
        '2023-04-20T12:00',
        () => send(service, '2023-04-20T12:00', student(studentId), 'ConfirmReceipt', { studentId, ...ref }),
      ]);
  }
  return steps.filter(([time]) => time < before);
};

const effectsOf = async (store: EventStore) => {
  const streams = [schoolStreamName('sch1'), ...STUDENTS.map((id) => portfolioStreamName('sch1', id))];
  return Promise.all(
    streams.map(async (name) =>
      (await store.readStream(name)).filter((e) => e.type !== 'SchoolRegistered').map((e) => e.type),
    ),
  );
};
const summary = (report: DeadlineReport) => ({ ...report, refused: report.refused.map((error) => error.code) });

describe('the due-items index (issue 17)', () => {
  it('leads the deadline runner to the same effects as the full scan, run after run (property)', async () => {
    const behaviour = fc.constantFrom<Behaviour>('confirm', 'silent', 'reportThenConfirm', 'reportThenSilent');
    const runs = fc
      .uniqueArray(fc.constantFrom(...RUN_TIMES), { minLength: 1, maxLength: 4 })
      .map((times) => [...times].sort());
    await fc.assert(
      fc.asyncProperty(fc.array(behaviour, { minLength: 4, maxLength: 4 }), runs, async (behaviours, times) => {
        const scanned = await acceptedSchool();
        const indexed = await acceptedSchool();
        const items = new InMemoryDueItems(indexed.store);
        let done = '';
        for (const time of times) {
          for (const school of [scanned, indexed]) {
            for (const [i, b] of behaviours.entries()) {
              for (const [when, step] of await act(school.service, STUDENTS[i]!, b, time))
                if (when >= done) await step();
            }
          }
          done = time;
          const byScan = await runDeadlines(scanned.service, 'sch1', `${time}+08:00` as never);
          const byIndex = await runDeadlines(indexed.service, 'sch1', `${time}+08:00` as never, { dueItems: items });
          expect(summary(byIndex)).toEqual(summary(byScan));
        }
        expect(await effectsOf(indexed.store)).toEqual(await effectsOf(scanned.store));
      }),
      { numRuns: 20 },
    );
  });

  it('records each effect once and refuses nothing when two indexed runs overlap', async () => {
    const { service, store } = await acceptedSchool();
    const dueItems = new InMemoryDueItems(store);
    const now = '2023-04-20T17:00+08:00' as never;
    const [a, b] = await Promise.all([
      runDeadlines(service, 'sch1', now, { dueItems }),
      runDeadlines(service, 'sch1', now, { dueItems }),
    ]);
    expect([a.deemed + b.deemed, a.sealed + b.sealed]).toEqual([4, 1]);
    expect([...a.refused, ...b.refused]).toEqual([]);
    expect((await store.readStream(schoolStreamName('sch1'))).filter((e) => e.type === 'PeriodSealed')).toHaveLength(1);
  });

  it(
    'reads no receipt and no portfolio when nothing is due: before the window ends, and once the period is ' + 'sealed',
    async () => {
      const { service, store } = await acceptedSchool();
      const dueItems = new InMemoryDueItems(store);
      const loads = jest.spyOn(service, 'loadPortfolio');
      const reads = jest.spyOn(dueItems, 'receiptsOf');
      expect(await runDeadlines(service, 'sch1', '2023-04-18T10:29+08:00' as never, { dueItems })).toMatchObject({
        deemed: 0,
        sealed: 0,
      });
      expect(loads).not.toHaveBeenCalled();
      expect(reads).not.toHaveBeenCalled();
      expect(await runDeadlines(service, 'sch1', '2023-04-20T17:00+08:00' as never, { dueItems })).toMatchObject({
        deemed: 4,
        sealed: 1,
      });
      loads.mockClear();
      reads.mockClear();
      expect(await runDeadlines(service, 'sch1', '2023-04-21T09:00+08:00' as never, { dueItems })).toMatchObject({
        deemed: 0,
        sealed: 0,
        alreadyDone: 0,
      });
      expect(loads).not.toHaveBeenCalled();
      expect(reads).not.toHaveBeenCalled();
      const sealed = await service.loadSchool('sch1');
      expect(E.isRight(sealed) && sealed.right.sealed).toEqual({ 'cadreRecords:1112': true });
    },
  );
});

describe('the due-items index over a repaired stream (issue 16, item 6)', () => {
  /** A copy of a stored receipt event whose category no codec reads, chained onto its stream like any event. */
  const storeUnreadableReceipt = async (store: EventStore) => {
    const receipt = (await store.readAll({ streamPrefixes: ['portfolio-sch1-'] })).find((event) =>
      RECEIPT_EVENT_TYPES.has(event.type),
    )!;
    const stream = await store.readStream(receipt.streamName);
    const last = stream[stream.length - 1]!;
    const metadata = { ...(last.metadata as Record<string, unknown>), commandId: 'lost-category' };
    const data = { ...(receipt.data as Record<string, unknown>), category: 42 };
    const [event] = chainBatch(await headHashOf(store, receipt.streamName, last.revision, last.metadata), [
      { eventId: 'd9c2e8c6-6e77-4d90-9c65-3b4d5e6f7081', type: receipt.type, data, metadata },
    ]);
    await store.appendToStream(receipt.streamName, [event!], last.revision);
    return (await store.readStream(receipt.streamName, { fromRevision: last.revision + 1 }))[0]!;
  };

  it('stops at an unreadable receipt event, and passes it once a quarantine sets it aside', async () => {
    const { store } = await acceptedSchool();
    const before = new InMemoryDueItems(store);
    await before.catchUp();
    const periods = await before.periodsOf('sch1');
    const broken = await storeUnreadableReceipt(store);
    await expect(new InMemoryDueItems(store).catchUp()).rejects.toThrow(/category/);

    const repaired = await quarantineStoredEvent(store, {
      streamName: broken.streamName,
      revision: broken.revision,
      eventId: broken.eventId,
      contentHash: storedContentHash(broken),
      reason: '類別遺失 / category lost',
      actor: { id: 'ops-1', role: 'system' },
      now: '2023-05-01T00:00+08:00',
      commandId: 'repair-due-1',
    });
    expect(E.isRight(repaired)).toBe(true);
    const after = new InMemoryDueItems(store);
    await after.catchUp();
    expect(await after.periodsOf('sch1')).toEqual(periods);
  });
});
