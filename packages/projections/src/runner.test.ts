import * as E from 'fp-ts/Either';
import type { Draft } from 'immer';
import {
  portfolioStreamName,
  schoolStreamName,
  taipeiInstant,
  type Actor,
  type DomainError,
  type PortfolioEvent,
} from '@licheng/domain';
import {
  eventIdOf,
  InMemoryEventStore,
  portfolioAggregate,
  schoolAggregate,
  type EventStore,
} from '@licheng/eventstore';
import { pdf, portfolioEvent, schoolFixture, seedEvents } from '@licheng/testing';
import { decodeRecorded, type ProjectedEvent } from './envelope';
import { applyEvent, applyEvents, type Projection } from './projection';
import { reportsProjection } from './reportsView';
import { createProjectionRunner } from './runner';
import { inMemoryViewStore } from './viewStore';

const STUDENTS = ['s1', 's2', 's3'];
const school = schoolFixture({ students: STUDENTS.map((id) => ({ id })) });

let seedCount = 0;
/** Each call is its own "command", so that a second write to a stream is not taken for a retry of the first. */
const seedPortfolio = (store: EventStore, studentId: string, events: ReadonlyArray<PortfolioEvent>) =>
  seedEvents(store, portfolioAggregate, portfolioStreamName('sch1', studentId), events, {
    commandId: `seed-${++seedCount}`,
  });

const seedSchool = (store: EventStore) => seedEvents(store, schoolAggregate, schoolStreamName('sch1'), school.events);

/** An outcome uploaded, sent and passed by the course teacher. */
const passedOutcome = (studentId: string, outcomeId: string, term = '1112'): PortfolioEvent[] => [
  portfolioEvent('CourseOutcomeUploaded', {
    studentId,
    outcomeId,
    courseId: `math-${term}`,
    term,
    subject: '數學',
    description: `成果 ${outcomeId}`,
    document: pdf(`${outcomeId}.pdf`),
  }),
  portfolioEvent('CourseOutcomeSentForCertification', { outcomeId }),
  portfolioEvent('CourseOutcomeCertified', { outcomeId, teacherId: 't1', result: 'passed' }),
];

const draftOutcome = (studentId: string, outcomeId: string): PortfolioEvent =>
  portfolioEvent('CourseOutcomeUploaded', {
    studentId,
    outcomeId,
    courseId: 'phys-1112',
    term: '1112',
    subject: '物理',
    description: '草稿',
  });

const ids = (record: Readonly<Record<string, unknown>> | undefined) => Object.keys(record ?? {}).sort();

const rightOf = <A>(result: E.Either<DomainError, A>): A => {
  if (E.isLeft(result)) throw new Error(`expected Right, got ${result.left.code}: ${result.left.message.en}`);
  return result.right;
};

const leftOf = <A>(result: E.Either<DomainError, A>): DomainError => {
  if (E.isRight(result)) throw new Error('expected Left, got Right');
  return result.left;
};

/** Polls until the condition holds; fails the test instead of hanging when it never does. */
const until = async (condition: () => Promise<boolean>, what: string, timeoutMs = 3_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

/** Every stored event of the projections' streams, decoded, in global order. */
const decodedLog = async (store: EventStore): Promise<ProjectedEvent[]> =>
  (await store.readAll()).map((recorded) => {
    const decoded = decodeRecorded(recorded);
    if (E.isLeft(decoded)) throw new Error(decoded.left.message.en);
    return decoded.right;
  });

/** A stored event whose data does not decode: an outcome id that is a number. */
const appendCorrupted = async (store: EventStore, studentId: string): Promise<number> => {
  const streamName = portfolioStreamName('sch1', studentId);
  const commandId = `corrupt-${++seedCount}`;
  const metadata = {
    occurredAt: taipeiInstant('2023-03-01T09:00'),
    actor: { id: studentId, role: 'student' } as Actor,
    commandId,
    correlationId: commandId,
    causationId: commandId,
  };
  const valid = portfolioAggregate.serializer.toNewEvent(
    portfolioEvent('CourseOutcomeSentForCertification', { outcomeId: 'o-broken' }),
    metadata,
    eventIdOf(streamName, commandId, 0),
  );
  const appended = await store.appendToStream(streamName, [{ ...valid, data: { outcomeId: 42 } }], 'any');
  if (E.isLeft(appended)) throw new Error(appended.left.message.en);
  return appended.right.lastPosition;
};

/** A projection that records which events it folded, and throws on the ones `failOn` picks. */
interface Folded {
  readonly folded: ReadonlyArray<string>;
}
const tag = (e: { streamName: string; revision: number }) => `${e.streamName}#${e.revision}`;
const recordingProjection = (
  failOn: (event: ProjectedEvent) => boolean = () => false,
  name = 'recording',
): Projection<Folded> => ({
  name,
  initialView: { folded: [] },
  apply: (view: Draft<Folded>, event) => {
    if (failOn(event)) throw new Error(`refusing ${tag(event)}`);
    view.folded.push(tag(event));
  },
});

/** Tags of every event stored before `position`, in global order. */
const tagsBefore = async (store: EventStore, position: number) =>
  (await store.readAll()).filter((e) => e.position < position).map(tag);

describe('rebuild and catch-up of the reports projection', () => {
  it('gives the same view rebuilt from zero as caught up in several steps', async () => {
    const store = new InMemoryEventStore();
    const stepwise = createProjectionRunner(store, reportsProjection, inMemoryViewStore());

    await seedSchool(store);
    rightOf(await stepwise.catchUp());
    await seedPortfolio(store, 's1', passedOutcome('s1', 'o-s1-a'));
    await seedPortfolio(store, 's2', [draftOutcome('s2', 'o-s2-a')]);
    rightOf(await stepwise.catchUp());
    await seedPortfolio(store, 's1', [draftOutcome('s1', 'o-s1-b')]);
    await seedPortfolio(store, 's3', passedOutcome('s3', 'o-s3-a'));
    await seedPortfolio(store, 's2', [portfolioEvent('CourseOutcomeDeleted', { outcomeId: 'o-s2-a' })]);
    const caughtUp = rightOf(await stepwise.catchUp());

    const rebuilt = rightOf(await createProjectionRunner(store, reportsProjection, inMemoryViewStore()).rebuild());

    expect(caughtUp.position).toBe(store.eventCount - 1);
    expect(rebuilt.position).toBe(store.eventCount - 1);
    expect(rebuilt.view).toEqual(caughtUp.view);
    expect(await stepwise.current()).toEqual(caughtUp);
    // The views are the students' own portfolios, each kept apart.
    const portfolios = rebuilt.view.schools['sch1']?.portfolios;
    expect(ids(portfolios?.['s1']?.outcomes)).toEqual(['o-s1-a', 'o-s1-b']);
    expect(ids(portfolios?.['s2']?.outcomes)).toEqual([]);
    expect(ids(portfolios?.['s2']?.retiredIds)).toEqual(['o-s2-a']);
    expect(ids(portfolios?.['s3']?.outcomes)).toEqual(['o-s3-a']);
    expect(portfolios?.['s3']?.outcomes['o-s3-a']).toMatchObject({ status: 'passed', certifiedBy: 't1' });
  });

  it('catches up with nothing new without changing the view or its checkpoint', async () => {
    const store = new InMemoryEventStore();
    await seedSchool(store);
    await seedPortfolio(store, 's1', passedOutcome('s1', 'o1'));
    const runner = createProjectionRunner(store, reportsProjection, inMemoryViewStore());
    const first = rightOf(await runner.catchUp());
    const again = rightOf(await runner.catchUp());
    expect(again).toEqual(first);
  });

  it('gives the same view when the same events are folded twice', async () => {
    const store = new InMemoryEventStore();
    await seedSchool(store);
    await seedPortfolio(store, 's1', [...passedOutcome('s1', 'o1'), draftOutcome('s1', 'o2')]);
    await seedPortfolio(store, 's2', passedOutcome('s2', 'o3'));
    const runner = createProjectionRunner(store, reportsProjection, inMemoryViewStore());

    const once = rightOf(await runner.rebuild());
    const twice = rightOf(await runner.rebuild());
    expect(twice).toEqual(once);

    const events = await decodedLog(store);
    const batch = applyEvents(reportsProjection, reportsProjection.initialView, events);
    const batchAgain = applyEvents(reportsProjection, reportsProjection.initialView, events);
    const oneByOne = events.reduce(
      (view, event) => applyEvent(reportsProjection, view, event),
      reportsProjection.initialView,
    );
    expect(batchAgain).toEqual(batch);
    expect(oneByOne).toEqual(batch);
    expect(batch).toEqual(once.view);
  });

  it('does not change the view it folds from, nor the initial view', async () => {
    const store = new InMemoryEventStore();
    await seedSchool(store);
    await seedPortfolio(store, 's1', passedOutcome('s1', 'o1'));
    const events = await decodedLog(store);
    const half = applyEvents(reportsProjection, reportsProjection.initialView, events.slice(0, -2));
    const snapshot = JSON.stringify(half);
    applyEvents(reportsProjection, half, events.slice(-2));
    expect(JSON.stringify(half)).toBe(snapshot);
    expect(reportsProjection.initialView).toEqual({ schools: {} });
  });
});

describe('a live projection (start)', () => {
  it('keeps the view up to date through the subscription, equal to a rebuild', async () => {
    const store = new InMemoryEventStore();
    await seedSchool(store);
    await seedPortfolio(store, 's1', passedOutcome('s1', 'o1'));
    const runner = createProjectionRunner(store, reportsProjection, inMemoryViewStore());
    const errors: DomainError[] = [];
    const updates: number[] = [];
    const subscription = await runner.start({
      onError: (e) => errors.push(e),
      onUpdate: (stored) => updates.push(stored.position),
    });
    try {
      expect((await runner.current()).position).toBe(store.eventCount - 1);

      await seedPortfolio(store, 's2', [draftOutcome('s2', 'o2')]);
      await seedPortfolio(store, 's1', [draftOutcome('s1', 'o3')]);
      await seedPortfolio(store, 's3', passedOutcome('s3', 'o4'));
      const last = store.eventCount - 1;
      await until(async () => errors.length > 0 || (await runner.current()).position >= last, `position ${last}`);

      expect(errors).toEqual([]);
      const live = await runner.current();
      expect(live.position).toBe(last);
      expect(updates.at(-1)).toBe(last);
      const rebuilt = rightOf(await createProjectionRunner(store, reportsProjection, inMemoryViewStore()).rebuild());
      expect(live.view).toEqual(rebuilt.view);
      expect(ids(live.view.schools['sch1']?.portfolios['s1']?.outcomes)).toEqual(['o1', 'o3']);
      expect(ids(live.view.schools['sch1']?.portfolios['s2']?.outcomes)).toEqual(['o2']);
    } finally {
      await subscription.close();
    }
  });

  it('stops at an event it cannot fold and reports it, keeping the view just before it', async () => {
    const store = new InMemoryEventStore();
    await seedSchool(store);
    const runner = createProjectionRunner(
      store,
      recordingProjection((e) => e.event.type === 'CourseOutcomeCertified'),
      inMemoryViewStore(),
    );
    const errors: DomainError[] = [];
    const subscription = await runner.start({ onError: (e) => errors.push(e) });
    try {
      await seedPortfolio(store, 's1', passedOutcome('s1', 'o1'));
      await seedPortfolio(store, 's2', [draftOutcome('s2', 'o2')]);
      await until(async () => errors.length > 0, 'the failure');
      const failing = (await store.readAll()).find((e) => e.type === 'CourseOutcomeCertified')!;
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({
        code: 'PROJECTION_FAILED',
        details: {
          projection: 'recording',
          streamName: 'portfolio-sch1-s1',
          revision: 2,
          position: failing.position,
          type: 'CourseOutcomeCertified',
        },
      });
      const stored = await runner.current();
      expect(stored.position).toBe(failing.position - 1);
      expect(stored.view.folded).toEqual(await tagsBefore(store, failing.position));
      expect(stored.view.folded).not.toContain('portfolio-sch1-s2#0');
    } finally {
      await subscription.close();
    }
  });
});

describe('a projection that cannot fold an event', () => {
  it('stops at a stored event whose data does not decode, and stops there again on the next catch-up', async () => {
    const store = new InMemoryEventStore();
    await seedSchool(store);
    await seedPortfolio(store, 's1', passedOutcome('s1', 'o1'));
    await seedPortfolio(store, 's2', [draftOutcome('s2', 'o2')]);
    const corrupted = await appendCorrupted(store, 's2');
    await seedPortfolio(store, 's1', [draftOutcome('s1', 'o3')]);
    await seedPortfolio(store, 's3', passedOutcome('s3', 'o4'));

    const runner = createProjectionRunner(store, recordingProjection(), inMemoryViewStore());
    const expected = {
      code: 'PROJECTION_FAILED',
      details: {
        projection: 'recording',
        streamName: 'portfolio-sch1-s2',
        revision: 1,
        position: corrupted,
        type: 'CourseOutcomeSentForCertification',
      },
    };
    expect(leftOf(await runner.catchUp())).toMatchObject(expected);
    const stored = await runner.current();
    expect(stored.position).toBe(corrupted - 1);
    expect(stored.view.folded).toEqual(await tagsBefore(store, corrupted));
    expect(stored.view.folded).toContain('portfolio-sch1-s2#0');
    expect(stored.view.folded).not.toContain('portfolio-sch1-s1#3');
    expect(stored.view.folded.some((t) => t.startsWith('portfolio-sch1-s3'))).toBe(false);

    expect(leftOf(await runner.catchUp())).toMatchObject(expected);
    expect(await runner.current()).toEqual(stored);
    expect(leftOf(await runner.rebuild())).toMatchObject(expected);
    expect(await runner.current()).toEqual(stored);
  });

  it('stops the reports projection at an undecodable event too, with every event before it folded', async () => {
    const store = new InMemoryEventStore();
    await seedSchool(store);
    await seedPortfolio(store, 's1', passedOutcome('s1', 'o1'));
    await seedPortfolio(store, 's2', [draftOutcome('s2', 'o2')]);
    const corrupted = await appendCorrupted(store, 's2');
    await seedPortfolio(store, 's1', [draftOutcome('s1', 'o3')]);

    const runner = createProjectionRunner(store, reportsProjection, inMemoryViewStore());
    expect(leftOf(await runner.rebuild())).toMatchObject({
      code: 'PROJECTION_FAILED',
      details: { streamName: 'portfolio-sch1-s2', revision: 1, position: corrupted },
    });
    const stored = await runner.current();
    expect(stored.position).toBe(corrupted - 1);
    const portfolios = stored.view.schools['sch1']?.portfolios;
    expect(ids(portfolios?.['s1']?.outcomes)).toEqual(['o1']);
    expect(ids(portfolios?.['s2']?.outcomes)).toEqual(['o2']);
  });

  it(
    'stops at the event its apply throws on, with the checkpoint just before it, and again on the next ' + 'catch-up',
    async () => {
      const store = new InMemoryEventStore();
      await seedSchool(store);
      await seedPortfolio(store, 's1', passedOutcome('s1', 'o1'));
      await seedPortfolio(store, 's2', passedOutcome('s2', 'o2'));
      const failing = store.eventCount - 2; // s2's send, revision 1 of its stream
      await seedPortfolio(store, 's3', passedOutcome('s3', 'o3'));

      const runner = createProjectionRunner(
        store,
        recordingProjection((e) => e.position === failing),
        inMemoryViewStore(),
      );
      const expected = {
        code: 'PROJECTION_FAILED',
        details: {
          projection: 'recording',
          streamName: 'portfolio-sch1-s2',
          revision: 1,
          position: failing,
          type: 'CourseOutcomeSentForCertification',
        },
      };
      expect(leftOf(await runner.catchUp())).toMatchObject(expected);
      const stored = await runner.current();
      expect(stored.position).toBe(failing - 1);
      expect(stored.view.folded).toEqual(await tagsBefore(store, failing));
      expect(stored.view.folded).not.toContain('portfolio-sch1-s2#2');

      expect(leftOf(await runner.catchUp())).toMatchObject(expected);
      expect(await runner.current()).toEqual(stored);
    },
  );

  it('stops at a failing event that lies on a later page, with every earlier page folded', async () => {
    const store = new InMemoryEventStore();
    await seedSchool(store);
    // More than one page (5,000 events) of events that change nothing: sends of unknown outcomes.
    const filler = Array.from({ length: 5_200 }, (_, i) =>
      portfolioEvent('CourseOutcomeSentForCertification', { outcomeId: `none-${i}` }),
    );
    await seedPortfolio(store, 's1', filler);
    const failing = 5_100;
    const runner = createProjectionRunner(
      store,
      recordingProjection((e) => e.position === failing),
      inMemoryViewStore(),
    );
    expect(leftOf(await runner.catchUp())).toMatchObject({ code: 'PROJECTION_FAILED', details: { position: failing } });
    const stored = await runner.current();
    expect(stored.position).toBe(failing - 1);
    expect(stored.view.folded).toHaveLength(failing);
  });

  it(
    'leaves a failed rebuild with the checkpoint before the failing event even when that is the first ' + 'event',
    async () => {
      const store = new InMemoryEventStore();
      await seedSchool(store);
      await seedPortfolio(store, 's1', passedOutcome('s1', 'o1'));
      const views = inMemoryViewStore();
      let failFirst = false;
      const runner = createProjectionRunner(
        store,
        recordingProjection((e) => failFirst && e.position === 0),
        views,
      );
      rightOf(await runner.catchUp());
      expect((await runner.current()).position).toBe(store.eventCount - 1);

      // The projection's code changed (say, a new release) and now refuses the first event: the rebuild
      // must not leave the old view standing as if it were the rebuilt one.
      failFirst = true;
      expect(leftOf(await runner.rebuild())).toMatchObject({ code: 'PROJECTION_FAILED', details: { position: 0 } });
      expect(await runner.current()).toEqual({ view: { folded: [] }, position: -1 });
    },
  );
});
