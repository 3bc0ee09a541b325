import * as E from 'fp-ts/Either';
import {
  foldEvents,
  initialPortfolioState,
  initialSchoolState,
  portfolioDecider,
  portfolioStreamName,
  schoolStreamName,
  type PortfolioEvent,
} from '@licheng/domain';
import { InMemoryEventStore, portfolioAggregate, schoolAggregate, type EventStore } from '@licheng/eventstore';
import { portfolioEvent, schoolFixture, seedEvents } from '@licheng/testing';
import { reportsProjection, type ReportsView } from './reportsView';
import { createProjectionRunner } from './runner';
import { inMemoryViewStore } from './viewStore';

// Taken before anything is folded in this file: what the domain's deciders start every stream from.
const PRISTINE_PORTFOLIO = JSON.stringify(initialPortfolioState);
const PRISTINE_SCHOOL = JSON.stringify(initialSchoolState);

let seedCount = 0;
const seedPortfolio = (store: EventStore, schoolId: string, studentId: string, events: ReadonlyArray<PortfolioEvent>) =>
  seedEvents(store, portfolioAggregate, portfolioStreamName(schoolId, studentId), events, {
    commandId: `seed-${++seedCount}`,
  });

const upload = (studentId: string, outcomeId: string): PortfolioEvent =>
  portfolioEvent('CourseOutcomeUploaded', {
    studentId,
    outcomeId,
    courseId: 'math-1112',
    term: '1112',
    subject: '數學',
    description: '成果',
  });

const rebuild = async (store: EventStore): Promise<ReportsView> => {
  const rebuilt = await createProjectionRunner(store, reportsProjection, inMemoryViewStore()).rebuild();
  if (E.isLeft(rebuilt)) throw new Error(rebuilt.left.message.en);
  return rebuilt.right.view;
};

const outcomeIdsOf = (view: ReportsView, schoolId: string, studentId: string) =>
  Object.keys(view.schools[schoolId]?.portfolios[studentId]?.outcomes ?? {}).sort();

describe('the reports projection', () => {
  it(
    'keeps each student its own portfolio, as the domain folds it, and leaves the domain initial states ' + 'untouched',
    async () => {
      const store = new InMemoryEventStore();
      const school = schoolFixture();
      await seedEvents(store, schoolAggregate, schoolStreamName('sch1'), school.events);
      const s1 = [upload('s1', 'o1'), portfolioEvent('CourseOutcomeSentForCertification', { outcomeId: 'o1' })];
      const s2 = [upload('s2', 'o2')];
      await seedPortfolio(store, 'sch1', 's1', s1);
      await seedPortfolio(store, 'sch1', 's2', s2);

      const view = await rebuild(store);

      expect(view.schools['sch1']?.policy).toEqual(school.policy);
      expect(view.schools['sch1']?.portfolios['s1']).toEqual(
        foldEvents(portfolioDecider.evolve, initialPortfolioState, s1),
      );
      expect(view.schools['sch1']?.portfolios['s2']).toEqual(
        foldEvents(portfolioDecider.evolve, initialPortfolioState, s2),
      );
      expect(outcomeIdsOf(view, 'sch1', 's1')).toEqual(['o1']);
      expect(outcomeIdsOf(view, 'sch1', 's2')).toEqual(['o2']);
      expect(JSON.stringify(initialPortfolioState)).toBe(PRISTINE_PORTFOLIO);
      expect(JSON.stringify(initialSchoolState)).toBe(PRISTINE_SCHOOL);
    },
  );

  it('folds a second school and its students apart from the first, however often it is rebuilt', async () => {
    const store = new InMemoryEventStore();
    const first = schoolFixture({ schoolId: 'sch1' });
    const second = schoolFixture({ schoolId: 'sch2', students: [{ id: 's9', name: '張小芳', seat: 7 }] });
    await seedEvents(store, schoolAggregate, schoolStreamName('sch1'), first.events);
    await seedPortfolio(store, 'sch1', 's1', [upload('s1', 'o1')]);
    const before = await rebuild(store);
    await seedEvents(store, schoolAggregate, schoolStreamName('sch2'), second.events);
    await seedPortfolio(store, 'sch2', 's9', [upload('s9', 'o9')]);

    const view = await rebuild(store);

    expect(before.schools['sch1']?.policy).toEqual(first.policy);
    expect(view.schools['sch1']?.policy).toEqual(first.policy);
    expect(view.schools['sch2']?.policy).toEqual(second.policy);
    expect(outcomeIdsOf(view, 'sch1', 's1')).toEqual(['o1']);
    expect(outcomeIdsOf(view, 'sch2', 's9')).toEqual(['o9']);
    expect(Object.keys(view.schools['sch2']?.portfolios ?? {})).toEqual(['s9']);
  });

  it('reads the school id up to the first hyphen, since school ids have none; student ids may', async () => {
    const store = new InMemoryEventStore();
    await seedEvents(
      store,
      schoolAggregate,
      schoolStreamName('sch1'),
      schoolFixture({ students: [{ id: 'x-s7' }] }).events,
    );
    await seedEvents(
      store,
      schoolAggregate,
      schoolStreamName('sch1.x'),
      schoolFixture({ schoolId: 'sch1.x', students: [{ id: 's7' }] }).events,
    );
    await seedPortfolio(store, 'sch1', 'x-s7', [upload('x-s7', 'o7')]);

    const view = await rebuild(store);

    expect(outcomeIdsOf(view, 'sch1', 'x-s7')).toEqual(['o7']);
    expect(view.schools['sch1.x']?.portfolios).toEqual({});
  });

  it('fails on a portfolio stream no registered school owns, naming the event', async () => {
    const store = new InMemoryEventStore();
    await seedEvents(store, schoolAggregate, schoolStreamName('sch1'), schoolFixture().events);
    await seedPortfolio(store, 'nowhere', 's1', [upload('s1', 'o1')]);
    const rebuilt = await createProjectionRunner(store, reportsProjection, inMemoryViewStore()).rebuild();
    expect(E.isLeft(rebuilt) && rebuilt.left).toMatchObject({
      code: 'PROJECTION_FAILED',
      details: { streamName: 'portfolio-nowhere-s1', revision: 0, position: store.eventCount - 1 },
    });
  });
});
