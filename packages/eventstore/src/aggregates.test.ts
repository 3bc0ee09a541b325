import { taipeiInstant, type Id } from '@licheng/domain';
import * as E from 'fp-ts/Either';
import { schoolAggregate } from './aggregates';
import type { RecordedEvent } from './port';

/** Upcasts of the school stream's events: stored history keeps the meaning it was decided under. */
const stored = (type: string, data: unknown, schemaVersion: number): RecordedEvent => ({
  eventId: 'e-1',
  streamName: 'school-sch1',
  revision: 3,
  position: 3,
  type,
  data,
  metadata: {
    occurredAt: taipeiInstant('2022-08-01T09:00'),
    actor: { id: 'admin' as Id, role: 'admin' },
    commandId: 'c-1',
    correlationId: 'c-1',
    causationId: 'c-1',
    schemaVersion,
  },
});

const dataOf = (record: RecordedEvent): unknown => {
  const result = schoolAggregate.serializer.decode(record);
  if (E.isLeft(result)) throw new Error(result.left.message.en);
  return result.right.event.data;
};

describe('CourseOpened v1 → v2 (R-OUT-7)', () => {
  const course = {
    courseId: 'proj-1112',
    term: '1112',
    subject: '專題研究',
    name: '專題研究',
    credits: 2,
    teacherIds: ['t3', 't4'],
  };

  it(
    'reads a co-taught course opened under the old rule with reviewers "marked": its co-teachers review only once ' +
      'marked (R-OUT-7)',
    () => {
      expect(dataOf(stored('CourseOpened', course, 1))).toEqual({ ...course, reviewers: 'marked' });
      expect(dataOf(stored('CourseOpened', { ...course, teacherIds: ['t3'], coTaught: true }, 1))).toMatchObject({
        reviewers: 'marked',
      });
    },
  );

  it('leaves a v1 course that was not co-taught as written (R-OUT-7)', () => {
    const single = { ...course, teacherIds: ['t1'] };
    expect(dataOf(stored('CourseOpened', single, 1))).toEqual(single);
    expect(dataOf(stored('CourseOpened', { ...course, coTaught: false }, 1))).toEqual({ ...course, coTaught: false });
  });

  it('writes new courses at v2 without the field: every co-teacher starts at 審核=是 (R-OUT-7)', () => {
    const fresh = schoolAggregate.serializer.toNewEvent(
      { type: 'CourseOpened', data: course } as never,
      stored('x', {}, 1).metadata as never,
      'e-2',
    );
    expect((fresh.metadata as { schemaVersion: number }).schemaVersion).toBe(2);
    expect(dataOf(stored('CourseOpened', fresh.data, 2))).toEqual(course);
  });
});
