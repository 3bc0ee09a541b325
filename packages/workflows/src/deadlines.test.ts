import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { isCoveredBySeal, portfolioStreamName, schoolStreamName } from '@licheng/domain';
import { chainHashes, type LichengService, type RecordedEvent } from '@licheng/eventstore';
import { catchUpStatements } from './statements';
import { runDeadlines } from './deadlines';
import { acceptedSchool, at, send, student, STUDENTS, sub1 } from './test-support/acceptedSchool';

const receiptOf = async (service: LichengService, studentId: string) => {
  const loaded = await service.loadPortfolio('sch1', studentId);
  return E.isRight(loaded) ? loaded.right.receipts['cadreRecords:1112'] : undefined;
};

describe('receipt statements after an accepted submission (R-SUB-3)', () => {
  it('issues each listed student one statement of the accepted FID, and nothing more when handled again', async () => {
    const { service, issued } = await acceptedSchool();
    expect(issued).toMatchObject({ issued: 4, alreadyIssued: 0, refused: [] });
    expect(await catchUpStatements(service)).toMatchObject({ issued: 0, alreadyIssued: 4 });
    expect(await receiptOf(service, 's3')).toMatchObject({ fid: '57170', answer: null });
  });
});

describe('the deadline runner on the case of seed 000 (R-REC-5, R-AUTH-4, R-SEAL-1)', () => {
  it('deems the silent student correct at 10:30, not at 10:29, and seals after the re-check', async () => {
    const { service } = await acceptedSchool();
    const ref = { category: 'cadreRecords', period: '1112' };
    expect(
      E.isRight(await send(service, '2023-04-14T08:00', student('s1'), 'ConfirmReceipt', { studentId: 's1', ...ref })),
    ).toBe(true);
    const problems = [{ kind: 'missing', reason: '少了數學' }];
    expect(
      E.isRight(
        await send(service, '2023-04-17T12:00', student('s2'), 'ReportReceiptError', {
          studentId: 's2',
          ...ref,
          problems,
        }),
      ),
    ).toBe(true);
    expect(
      E.isRight(await send(service, '2023-04-18T10:29', student('s3'), 'ConfirmReceipt', { studentId: 's3', ...ref })),
    ).toBe(true);

    expect(await runDeadlines(service, 'sch1', at('2023-04-18T10:29'))).toMatchObject({
      deemed: 0,
      sealed: 0,
      refused: [],
    });
    expect(await runDeadlines(service, 'sch1', at('2023-04-18T10:30'))).toMatchObject({
      deemed: 1,
      sealed: 0,
      refused: [],
    });
    expect(await receiptOf(service, 's4')).toMatchObject({ answer: 'deemedCorrect' });
    const late = await send(service, '2023-04-18T10:31', student('s4'), 'ConfirmReceipt', { studentId: 's4', ...ref });
    expect(E.isLeft(late) && late.left.code).toBe('RECEIPT_ALREADY_ANSWERED');

    expect(
      E.isRight(
        await send(service, '2023-04-19T09:00', sub1, 'RecordReceiptReview', {
          studentId: 's2',
          ...ref,
          finding: 'dataWasRight',
        }),
      ),
    ).toBe(true);
    expect(
      E.isRight(await send(service, '2023-04-20T16:59', student('s2'), 'ConfirmReceipt', { studentId: 's2', ...ref })),
    ).toBe(true);
    expect(await runDeadlines(service, 'sch1', at('2023-04-20T16:59'))).toMatchObject({ sealed: 0 });
    expect(await runDeadlines(service, 'sch1', at('2023-04-20T17:00'))).toMatchObject({
      deemed: 0,
      sealed: 1,
      refused: [],
    });
    expect(await runDeadlines(service, 'sch1', at('2023-04-20T17:01'))).toMatchObject({
      deemed: 0,
      sealed: 0,
      refused: [],
    });
    const school = await service.loadSchool('sch1');
    expect(E.isRight(school) && school.right.sealed).toEqual({ 'cadreRecords:1112': true });
  });

  it('records each effect once when two runners run at the same minute', async () => {
    const { service, store } = await acceptedSchool();
    const [a, b] = await Promise.all([
      runDeadlines(service, 'sch1', at('2023-04-20T17:00')),
      runDeadlines(service, 'sch1', at('2023-04-20T17:00')),
    ]);
    // Between them each effect is reported written exactly once, and nothing is refused (issue 16).
    for (const run of [a, b]) expect(run.deemed + run.sealed + run.alreadyDone).toBeLessThanOrEqual(5);
    expect([a.deemed + b.deemed, a.sealed + b.sealed]).toEqual([4, 1]);
    expect([...a.refused, ...b.refused]).toEqual([]);
    const school = await store.readStream(schoolStreamName('sch1'));
    expect(school.filter((e) => e.type === 'PeriodSealed')).toHaveLength(1);
    for (const id of STUDENTS) {
      const stream = await store.readStream(portfolioStreamName('sch1', id));
      expect(stream.filter((e) => e.type === 'ReceiptDeemedCorrect')).toHaveLength(1);
    }
  });

  it('leaves every applicable student with exactly one final answer, whatever they did (property)', async () => {
    const behaviour = fc.constantFrom('confirm', 'report', 'silent', 'late');
    await fc.assert(
      fc.asyncProperty(
        fc.array(behaviour, { minLength: 4, maxLength: 4 }),
        fc.boolean(),
        async (behaviours, racing) => {
          const { service, store } = await acceptedSchool();
          const ref = { category: 'cadreRecords', period: '1112' };
          const answers = behaviours.map((b, i) => {
            const studentId = STUDENTS[i]!;
            if (b === 'silent') return Promise.resolve();
            const now = b === 'late' ? '2023-04-18T10:30' : '2023-04-16T10:00';
            const type = b === 'report' ? 'ReportReceiptError' : 'ConfirmReceipt';
            const extra = b === 'report' ? { problems: [{ kind: 'wrong', reason: '成績錯誤' }] } : {};
            return send(service, now, student(studentId), type, { studentId, ...ref, ...extra });
          });
          const runner = runDeadlines(service, 'sch1', at('2023-04-18T10:30'));
          if (racing) await Promise.all([...answers, runner]);
          else await Promise.all(answers).then(() => runner);
          await runDeadlines(service, 'sch1', at('2023-04-18T10:30'));
          for (const studentId of STUDENTS) {
            const stream = await store.readStream(portfolioStreamName('sch1', studentId));
            const finals = stream.filter((e) =>
              ['ReceiptConfirmed', 'ReceiptErrorReported', 'ReceiptDeemedCorrect'].includes(e.type),
            );
            expect(finals).toHaveLength(1);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('the deadline runner on a large log (issue #18 item 4)', () => {
  it('reads the log only a page at a time, and seals the head of every covered stream as the whole chain gives it', async () => {
    const { service, store } = await acceptedSchool();
    const reads = jest.spyOn(store, 'readAll');
    expect(await runDeadlines(service, 'sch1', at('2023-04-20T17:00'))).toMatchObject({ deemed: 4, sealed: 1 });
    expect(reads.mock.calls.filter(([options]) => options?.maxCount === undefined)).toEqual([]);
    reads.mockRestore();

    const all = await store.readAll();
    const seal = all.find((e) => e.type === 'PeriodSealed')!;
    const streams = new Map<string, RecordedEvent[]>();
    for (const e of all.filter((e) => e.position < seal.position && isCoveredBySeal(e.streamName, 'sch1')))
      streams.set(e.streamName, [...(streams.get(e.streamName) ?? []), e]);
    const expected = [...streams]
      .map(([name, events]) => [name, events[events.length - 1]!.revision, chainHashes(events).pop()] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : 1));
    expect((seal.data as { integrity: { heads: unknown } }).integrity.heads).toEqual(expected.map((h) => [...h]));
  });
});
