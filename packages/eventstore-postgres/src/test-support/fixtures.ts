import { randomUUID } from 'node:crypto';
import { portfolioStreamName, schoolStreamName } from '@licheng/domain';
import { portfolioAggregate, schoolAggregate, type EventStore, type NewEvent } from '@licheng/eventstore';
import { certifiedOutcomeEvents, schoolFixture, seedEvents } from '@licheng/testing';

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
