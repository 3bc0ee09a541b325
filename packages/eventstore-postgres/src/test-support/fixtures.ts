import { randomUUID } from 'node:crypto';
import { portfolioStreamName, schoolStreamName } from '@licheng/domain';
import { NO_STREAM, portfolioAggregate, schoolAggregate, type EventStore, type NewEvent } from '@licheng/eventstore';
import {
  appendToStore,
  certifiedOutcomeEvents,
  generateSchool,
  schoolFixture,
  seedEvents,
  studentStreams,
} from '@licheng/testing';
import * as E from 'fp-ts/Either';

export const SCHOOL = 'sch1';

export const newEvent = (type: string): NewEvent => ({ eventId: randomUUID(), type, data: { type }, metadata: {} });

/** Resolves once `condition` holds; fails instead of hanging when it never does. */
export const eventually = async (
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** A school with these students, each with `outcomes` certified course outcomes (`o-<student>-<n>`). */
export const seedSchool = async (
  store: EventStore,
  studentIds: ReadonlyArray<string>,
  outcomes: number,
): Promise<void> => {
  const { events } = schoolFixture({
    schoolId: SCHOOL,
    students: studentIds.map((id, i) => ({ id, name: `學生${i + 1}`, seat: i + 1 })),
  });
  await seedEvents(store, schoolAggregate, schoolStreamName(SCHOOL), events);
  for (const studentId of studentIds) {
    const all = Array.from({ length: outcomes }, (_, i) => certifiedOutcomeEvents(studentId, i + 1)).flat();
    await seedEvents(store, portfolioAggregate, portfolioStreamName(SCHOOL, studentId), all, {
      commandId: `seed-${studentId}`,
    });
  }
};

/** R-SEL-1's command: the student selects one of their outcomes for the central database. */
export const selectOutcome = (studentId: string, n: number, commandId = `select-${studentId}-${n}`) => ({
  commandId,
  now: '2023-04-12T09:00+08:00',
  actor: { id: studentId, role: 'student', schoolId: SCHOOL },
  type: 'SelectCourseOutcome',
  data: { schoolId: SCHOOL, studentId, outcomeId: `o-${studentId}-${n}` },
});

/**
 * A generated school of four students whose events are appended a few of each in turn, so that a page of the log
 * touches a state the page before it changed (the read model's folds ahead of a commit).
 */
export const interleavedSchool = async (store: EventStore, schoolId: string): Promise<void> => {
  const school = generateSchool({ seed: 11, schoolId, students: 4, classSize: 4 });
  const streams = [...studentStreams(school)];
  await appendToStore(store, [school]);
  for (let from = 0; streams.some((s) => s.events.length > from); from += 5)
    for (const stream of streams) {
      const events = stream.events.slice(from, from + 5);
      if (events.length === 0) continue;
      const appended = await store.appendToStream(stream.streamName, events, from === 0 ? NO_STREAM : from - 1);
      if (E.isLeft(appended)) throw new Error(appended.left.message.en);
    }
};
