import * as E from 'fp-ts/Either';
import { schoolStreamName, portfolioStreamName, type PortfolioEvent } from '@licheng/domain';
import { portfolioEvent, schoolFixture } from '@licheng/domain/testing';
import { seedEvents } from './testing';
import { portfolioAggregate, schoolAggregate } from './aggregates';
import { InMemoryEventStore } from './inMemoryStore';
import { createLichengService } from './service';

// R-TIME-4: recorded time never runs backwards in the streams a command reads or writes.

const passed = (n: number): PortfolioEvent[] => [
  portfolioEvent('CourseOutcomeUploaded', {
    studentId: 's1',
    outcomeId: `o${n}`,
    courseId: 'math-1111',
    term: '1111',
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
  portfolioEvent('CourseOutcomeSentForCertification', { outcomeId: `o${n}` }),
  portfolioEvent('CourseOutcomeCertified', { outcomeId: `o${n}`, teacherId: 't1', result: 'passed' }),
];

const setUp = async () => {
  const store = new InMemoryEventStore();
  await seedEvents(store, schoolAggregate, schoolStreamName('sch1'), schoolFixture().events);
  await seedEvents(store, portfolioAggregate, portfolioStreamName('sch1', 's1'), [...passed(1), ...passed(2)]);
  return { store, service: createLichengService({ store }) };
};

const student = { id: 's1', role: 'student', schoolId: 'sch1' };
const admin = { id: 'admin', role: 'admin', schoolId: 'sch1' };
const select = (outcomeId: string, now: string, commandId = `select-${outcomeId}-${now}`) => ({
  commandId,
  now: `${now}+08:00`,
  actor: student,
  type: 'SelectCourseOutcome',
  data: { schoolId: 'sch1', studentId: 's1', outcomeId },
});
const extendSelection = (now: string) => ({
  commandId: `extend-${now}`,
  now: `${now}+08:00`,
  actor: admin,
  type: 'SetWorkPeriod',
  data: {
    schoolId: 'sch1',
    term: '1110',
    item: 'outcomeSelection',
    window: { start: '2023-04-11T08:00+08:00', end: '2023-04-14T17:00+08:00' },
  },
});

describe('time that never runs backwards (R-TIME-4)', () => {
  it('refuses a command dated before the last instant its own stream recorded, and stores nothing', async () => {
    const { store, service } = await setUp();
    expect(E.isRight(await service.execute(select('o1', '2023-04-12T10:00')))).toBe(true);
    const before = store.eventCount;
    const backdated = await service.execute(select('o2', '2023-04-12T09:59'));
    expect(E.isLeft(backdated) && backdated.left).toMatchObject({
      code: 'TIME_RUNS_BACKWARDS',
      rule: 'R-TIME-4',
      details: { latest: '2023-04-12T10:00+08:00' },
    });
    expect(store.eventCount).toBe(before);
  });

  it('accepts a command in the same minute as the last one recorded', async () => {
    const { service } = await setUp();
    expect(E.isRight(await service.execute(select('o1', '2023-04-12T10:00')))).toBe(true);
    expect(E.isRight(await service.execute(select('o2', '2023-04-12T10:00')))).toBe(true);
  });

  it('refuses a back-dated work period change on the school stream', async () => {
    const { service } = await setUp();
    expect(E.isRight(await service.execute(extendSelection('2023-04-12T09:00')))).toBe(true);
    const reopened = await service.execute(extendSelection('2022-01-01T00:00'));
    expect(E.isLeft(reopened) && reopened.left).toMatchObject({
      code: 'TIME_RUNS_BACKWARDS',
      rule: 'R-TIME-4',
      details: { streamName: 'school-sch1' },
    });
  });

  it('refuses a portfolio command dated before the school stream it is judged against', async () => {
    const { service } = await setUp();
    expect(E.isRight(await service.execute(extendSelection('2023-04-12T11:00')))).toBe(true);
    const backdated = await service.execute(select('o1', '2023-04-12T10:30'));
    expect(E.isLeft(backdated) && backdated.left).toMatchObject({
      code: 'TIME_RUNS_BACKWARDS',
      rule: 'R-TIME-4',
      details: { streamName: 'school-sch1' },
    });
  });

  it('still answers a repeat of an accepted command after later events, with its first events', async () => {
    const { service } = await setUp();
    const first = await service.execute(select('o1', '2023-04-12T10:00', 'c-1'));
    expect(E.isRight(await service.execute(extendSelection('2023-04-12T11:00')))).toBe(true);
    expect(E.isRight(await service.execute(select('o2', '2023-04-12T11:30')))).toBe(true);
    const again = await service.execute(select('o1', '2023-04-12T10:00', 'c-1'));
    expect(E.isRight(again) && again.right.alreadyApplied).toBe(true);
    expect(E.isRight(again) && E.isRight(first) && again.right.events.map((e) => e.eventId)).toEqual(
      E.isRight(first) && first.right.events.map((e) => e.eventId),
    );
  });
});
