import * as E from 'fp-ts/Either';
import { portfolioStreamName, schoolStreamName, type PortfolioEvent } from '@licheng/domain';
import {
  eventIdOf,
  InMemoryEventStore,
  portfolioAggregate,
  quarantineStoredEvent,
  schoolAggregate,
  storedContentHash,
  type EventStore,
  type RecordedEvent,
} from '@licheng/eventstore';
import { pdf, portfolioEvent, schoolFixture, seedEvents } from '@licheng/testing';
import { rebuildFromLog } from './compact';
import { reportsProjection } from './reportsView';
import { createSchoolsProjectionRunner } from './schools';
import { inMemoryViewStore } from './viewStore';

/**
 * Issue 16, item 6: a projection stopped at an unreadable event resumes once an operator sets it aside,
 * lists the repair, and counts nothing of the set-aside event. Two schools: the repair of one touches only it.
 */
const SCHOOLS = ['sch1', 'sch2'];
const upload = (studentId: string, outcomeId: string): PortfolioEvent =>
  portfolioEvent('CourseOutcomeUploaded', {
    studentId,
    outcomeId,
    courseId: 'math-1112',
    term: '1112',
    subject: '數學',
    description: `成果 ${outcomeId}`,
    document: pdf(`${outcomeId}.pdf`),
  });

let seeds = 0;
const seed = (store: EventStore, schoolId: string, events: ReadonlyArray<PortfolioEvent>) =>
  seedEvents(store, portfolioAggregate, portfolioStreamName(schoolId, 's1'), events, { commandId: `seed-${++seeds}` });

/** An upload stored without its file's size, as a prototype getter left it (item 6): no codec reads it. */
const storeUnreadable = async (store: EventStore, streamName: string): Promise<RecordedEvent> => {
  const good = portfolioAggregate.serializer.toNewEvent(
    upload('s1', 'o-lost'),
    {
      occurredAt: '2023-03-01T09:00+08:00' as never,
      actor: { id: 's1', role: 'student', schoolId: 'sch1' } as never,
      commandId: 'lost-size',
      correlationId: 'lost-size',
      causationId: 'lost-size',
    },
    eventIdOf(streamName, 'lost-size', 0),
  );
  const data = good.data as { document: Record<string, unknown> };
  const { sizeBytes: _lost, ...document } = data.document;
  await store.appendToStream(streamName, [{ ...good, data: { ...data, document } }], 'any');
  const stream = await store.readStream(streamName);
  return stream[stream.length - 1]!;
};

const setUp = async () => {
  const store = new InMemoryEventStore();
  for (const schoolId of SCHOOLS) {
    const events = schoolFixture({ schoolId, students: [{ id: 's1' }] }).events;
    await seedEvents(store, schoolAggregate, schoolStreamName(schoolId), events);
    await seed(store, schoolId, [upload('s1', 'o1')]);
  }
  const broken = await storeUnreadable(store, portfolioStreamName('sch1', 's1'));
  await seed(store, 'sch2', [upload('s1', 'o2')]);
  return { store, broken };
};

const outcomesOf = (
  view: { schools: Record<string, { portfolios: Record<string, { outcomes: object }> }> },
  id: string,
) => Object.keys(view.schools[id]?.portfolios['s1']?.outcomes ?? {}).sort();

describe('a projection over a repaired stream (issue 16, item 6)', () => {
  it('resumes after the quarantine, lists the repair and counts nothing of the set-aside event', async () => {
    const { store, broken } = await setUp();
    const runner = createSchoolsProjectionRunner(store, reportsProjection, inMemoryViewStore());
    const before = await runner.catchUp();
    expect(before.stopped.map((s) => s.schoolId)).toEqual(['sch1']);

    const repaired = await quarantineStoredEvent(store, {
      streamName: broken.streamName,
      revision: broken.revision,
      eventId: broken.eventId,
      contentHash: storedContentHash(broken),
      reason: 'file size lost to a getter',
      actor: { id: 'ops-1', role: 'system' },
      now: '2023-03-02T09:00+08:00',
      commandId: 'repair-1',
    });
    expect(E.isRight(repaired)).toBe(true);
    await seed(store, 'sch1', [upload('s1', 'o3')]);

    const after = await runner.catchUp();
    expect(after.stopped).toEqual([]);
    expect(outcomesOf(after.views['sch1']!.view, 'sch1')).toEqual(['o1', 'o3']);
    expect(after.views['sch1']!.repairs).toEqual([
      {
        streamName: broken.streamName,
        revision: broken.revision,
        eventId: broken.eventId,
        recordRevision: broken.revision + 1,
        reason: 'file size lost to a getter',
        at: '2023-03-02T09:00+08:00',
        by: 'ops-1',
      },
    ]);
    expect(after.views['sch2']!.repairs).toBeUndefined();
    expect(outcomesOf(after.views['sch2']!.view, 'sch2')).toEqual(['o1', 'o2']);

    // A rebuild from zero gives the same view and the same repairs.
    const rebuilt = await createSchoolsProjectionRunner(store, reportsProjection, inMemoryViewStore()).rebuild();
    expect(rebuilt.views['sch1']).toEqual(after.views['sch1']);
  });

  it('rebuilds from a log file past the set-aside event, and refuses the log without its quarantine', async () => {
    const { store, broken } = await setUp();
    const lines = async function* (events: ReadonlyArray<RecordedEvent>) {
      yield events.map((event) => JSON.stringify(event)).join('\n') + '\n';
    };
    const unrepaired = await rebuildFromLog(lines(await store.readAll()), reportsProjection);
    expect(E.isLeft(unrepaired) && unrepaired.left).toMatchObject({
      code: 'STORED_EVENT_INVALID',
      details: { streamName: broken.streamName, revision: broken.revision },
    });
    await quarantineStoredEvent(store, {
      streamName: broken.streamName,
      revision: broken.revision,
      eventId: broken.eventId,
      contentHash: storedContentHash(broken),
      reason: 'file size lost to a getter',
      actor: { id: 'ops-1', role: 'system' },
      now: '2023-03-02T09:00+08:00',
      commandId: 'repair-1',
    });
    const rebuilt = await rebuildFromLog(lines(await store.readAll()), reportsProjection);
    expect(E.isRight(rebuilt) && outcomesOf(rebuilt.right.view, 'sch1')).toEqual(['o1']);
    expect(E.isRight(rebuilt) && rebuilt.right.repairs?.map((r) => r.revision)).toEqual([broken.revision]);
  });
});
