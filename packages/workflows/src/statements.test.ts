import * as E from 'fp-ts/Either';
import { portfolioStreamName, schoolStreamName } from '@licheng/domain';
import {
  createLichengService,
  InMemoryEventStore,
  portfolioAggregate,
  schoolAggregate,
  type LichengService,
} from '@licheng/eventstore';
import { pdf, portfolioEvent, schoolFixture, seedEvents } from '@licheng/testing';
import { inMemoryCheckpoints, issueStatementsFor, startStatementProcess } from './statements';

const sub1 = { id: 'sub1', role: 'submitter', schoolId: 'sch1' };
const system = { id: 'system', role: 'system' };
const ref = { schoolId: 'sch1', category: 'performances', period: '1110' };
const roster = [
  { studentId: 's1', items: [{ itemId: 'p1', title: '全國科展 佳作' }] },
  { studentId: 's2', items: [{ itemId: 'p9', title: '志工服務 12 小時' }] },
];

/** R-SUB-4: each student selected the performance the roster lists. */
const selected = (studentId: string, performanceId: string) => [
  portfolioEvent('PerformanceRecorded', {
    studentId,
    performanceId,
    schoolYear: 111,
    semester: 1,
    details: { category: 'creativeWork', name: '校刊封面設計' },
    startDate: '2022-10-01',
    endDate: '2022-10-31',
    description: '作品',
    document: pdf(`${performanceId}.pdf`),
  }),
  portfolioEvent('PerformanceSelected', { performanceId, schoolYear: 111 }),
];

const setUp = async () => {
  const store = new InMemoryEventStore();
  await seedEvents(store, schoolAggregate, schoolStreamName('sch1'), schoolFixture().events);
  for (const { studentId, items } of roster)
    await seedEvents(
      store,
      portfolioAggregate,
      portfolioStreamName('sch1', studentId),
      selected(studentId, items[0]!.itemId),
    );
  return { store, service: createLichengService({ store }) };
};

const submitAndAccept = async (service: LichengService, fid: string) => {
  await service.execute({
    commandId: `submit-${fid}`,
    now: '2023-04-13T18:00+08:00',
    actor: sub1,
    type: 'SubmitRoster',
    data: { ...ref, fid, roster },
  });
  return service.execute({
    commandId: `accept-${fid}`,
    now: '2023-04-13T18:10+08:00',
    actor: system,
    type: 'RecordSubmissionResult',
    data: { ...ref, fid, result: 'accepted', message: '檢核無誤，資料已匯入' },
  });
};

const statementsOf = async (service: LichengService, studentId: string) =>
  (await service.store.readStream(portfolioStreamName('sch1', studentId))).filter(
    (e) => e.type === 'ReceiptStatementIssued',
  );

const until = async (condition: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await condition()); i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('the receipt statement process (R-SUB-3)', () => {
  it('issues the statements of an accepted submission as it happens, and moves its checkpoint after them', async () => {
    const { service } = await setUp();
    const checkpoints = inMemoryCheckpoints();
    const subscription = await startStatementProcess(service, checkpoints);
    const accepted = await submitAndAccept(service, 'F1');
    await until(async () => (await statementsOf(service, 's2')).length === 1);
    await subscription.close();
    expect((await statementsOf(service, 's1')).length).toBe(1);
    expect(E.isRight(accepted) && (await checkpoints.load('receipt-statements'))).toBe(
      E.isRight(accepted) && accepted.right.events[0]!.position,
    );
  });

  it('issues nothing twice when it handles the same accepted event again after a crash', async () => {
    const { service, store } = await setUp();
    await submitAndAccept(service, 'F1');
    const [accepted] = (await store.readAll({ streamPrefixes: ['submission-'] })).filter(
      (e) => e.type === 'SubmissionAccepted',
    );
    // A run that handled the event but crashed before saving its checkpoint handles it again on restart.
    expect(await issueStatementsFor(service, accepted!)).toMatchObject({ issued: 2 });
    expect(await issueStatementsFor(service, accepted!)).toMatchObject({ issued: 0, alreadyIssued: 2 });
    const checkpoints = inMemoryCheckpoints();
    const restarted = await startStatementProcess(service, checkpoints);
    await until(async () => (await checkpoints.load('receipt-statements')) === accepted!.position);
    await restarted.close();
    expect((await statementsOf(service, 's1')).length).toBe(1);
    expect((await statementsOf(service, 's2')).length).toBe(1);
  });

  it('ignores a rejected attempt: no statement is issued for it', async () => {
    const { service } = await setUp();
    await service.execute({
      commandId: 'submit-F0',
      now: '2023-04-13T18:00+08:00',
      actor: sub1,
      type: 'SubmitRoster',
      data: { ...ref, fid: 'F0', roster },
    });
    await service.execute({
      commandId: 'reject-F0',
      now: '2023-04-13T18:01+08:00',
      actor: system,
      type: 'RecordSubmissionResult',
      data: { ...ref, fid: 'F0', result: 'rejected', message: '資料檢核錯誤' },
    });
    const [last] = (await service.store.readAll({ streamPrefixes: ['submission-'] })).slice(-1);
    const checkpoints = inMemoryCheckpoints();
    const subscription = await startStatementProcess(service, checkpoints);
    await until(async () => (await checkpoints.load('receipt-statements')) === last!.position);
    await subscription.close();
    expect(await statementsOf(service, 's1')).toEqual([]);
  });
});
