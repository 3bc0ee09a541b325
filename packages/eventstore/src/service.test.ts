import * as E from 'fp-ts/Either';
import { portfolioStreamName, schoolStreamName, type PortfolioEvent } from '@licheng/domain';
import { portfolioEvent, schoolFixture } from '@licheng/domain/testing';
import { seedEvents } from './testing';
import { portfolioAggregate, schoolAggregate } from './aggregates';
import { InMemoryEventStore } from './inMemoryStore';
import { createLichengService } from './service';

const { events: schoolEvents, policy } = schoolFixture();

const passedOutcome = (n: number): PortfolioEvent[] => {
  const outcomeId = `o${n}`;
  const term = n % 2 === 0 ? '1111' : '1112';
  return [
    portfolioEvent('CourseOutcomeUploaded', {
      studentId: 's1',
      outcomeId,
      courseId: `math-${term}`,
      term,
      subject: '數學',
      description: `成果 ${n}`,
      document: {
        name: `o${n}.pdf`,
        mimeType: 'application/pdf',
        sizeBytes: 1000,
        sha256: 'a'.repeat(64),
        storageKey: `k${n}`,
      },
    }),
    portfolioEvent('CourseOutcomeSentForCertification', { outcomeId }),
    portfolioEvent('CourseOutcomeCertified', { outcomeId, teacherId: 't1', result: 'passed' }),
  ];
};

const selectCommand = (n: number, commandId = `select-${n}`) => ({
  commandId,
  now: '2023-04-12T09:00+08:00',
  actor: { id: 's1', role: 'student', schoolId: 'sch1' },
  type: 'SelectCourseOutcome',
  data: { schoolId: 'sch1', studentId: 's1', outcomeId: `o${n}` },
});

const setUp = async (outcomes: number) => {
  const store = new InMemoryEventStore();
  await seedEvents(store, schoolAggregate, schoolStreamName('sch1'), schoolEvents);
  const history = Array.from({ length: outcomes }, (_, i) => passedOutcome(i + 1)).flat();
  await seedEvents(store, portfolioAggregate, portfolioStreamName('sch1', 's1'), history);
  return { store, service: createLichengService({ store }) };
};

describe('the Licheng service', () => {
  it('selects exactly six of forty concurrent selections against the cap of six (R-SEL-1)', async () => {
    const { store, service } = await setUp(40);
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => service.execute(selectCommand(i + 1))));
    const accepted = results.filter(E.isRight);
    const refused = results.filter(E.isLeft);
    expect(accepted).toHaveLength(6);
    expect(refused).toHaveLength(34);
    for (const r of refused) expect(r.left).toMatchObject({ code: 'SELECTION_CAP_REACHED', rule: 'R-SEL-1' });
    const stream = await store.readStream(portfolioStreamName('sch1', 's1'));
    expect(stream.filter((e) => e.type === 'CourseOutcomeSelected')).toHaveLength(6);
  });

  it('returns the original events for a repeated command id and appends nothing', async () => {
    const { store, service } = await setUp(2);
    const first = await service.execute(selectCommand(1, 'cmd-1'));
    const before = store.snapshot();
    const again = await service.execute(selectCommand(1, 'cmd-1'));
    expect(E.isRight(first) && E.isRight(again)).toBe(true);
    if (E.isRight(first) && E.isRight(again)) {
      expect(again.right.alreadyApplied).toBe(true);
      expect(again.right.events.map((e) => e.eventId)).toEqual(first.right.events.map((e) => e.eventId));
    }
    expect(store.snapshot()).toBe(before);
  });

  it('refuses a malformed command naming the failing path and stores nothing', async () => {
    const { store, service } = await setUp(1);
    const before = store.snapshot();
    const result = await service.execute({
      ...selectCommand(1),
      data: { schoolId: 'sch1', studentId: 's1', outcomeId: 42 },
    });
    expect(E.isLeft(result) && result.left).toMatchObject({
      code: 'INVALID_INPUT',
      details: { paths: ['data.outcomeId'] },
    });
    expect(store.snapshot()).toBe(before);
  });

  it('refuses a command for a school that was never registered', async () => {
    const service = createLichengService({ store: new InMemoryEventStore() });
    const result = await service.execute(selectCommand(1));
    expect(E.isLeft(result) && result.left.code).toBe('SCHOOL_NOT_REGISTERED');
  });

  it('refuses a rejected command with a bilingual error and appends nothing (R-SEL-2)', async () => {
    const { store, service } = await setUp(1);
    const before = store.snapshot();
    const result = await service.execute({ ...selectCommand(1), now: '2023-04-13T17:00+08:00' });
    expect(E.isLeft(result) && result.left).toMatchObject({ code: 'OUTSIDE_WORK_PERIOD', rule: 'R-SEL-2' });
    expect(store.snapshot()).toBe(before);
  });

  it('gives the portfolio the school policy as it stands in the school stream', async () => {
    const { service } = await setUp(0);
    const school = await service.loadSchool('sch1');
    expect(E.isRight(school) && school.right).toEqual(policy);
  });
});

describe('a command id used twice', () => {
  it('refuses the same id carrying a different command, rather than answer with the first one', async () => {
    const { store, service } = await setUp(2);
    await service.execute(selectCommand(1, 'cmd-x'));
    const before = store.snapshot();
    const reused = await service.execute(selectCommand(2, 'cmd-x'));
    expect(E.isLeft(reused) && reused.left).toMatchObject({
      code: 'COMMAND_ID_REUSED',
      details: { commandId: 'cmd-x' },
    });
    expect(store.snapshot()).toBe(before);
  });
});
