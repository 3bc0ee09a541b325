import * as E from 'fp-ts/Either';
import { schoolStreamName, type DomainError, type SchoolEvent } from '@licheng/domain';
import {
  createCachingLoader,
  createLichengService,
  InMemoryEventStore,
  schoolAggregate,
  type EventStore,
  type LichengService,
} from '@licheng/eventstore';
import { schoolEvent, schoolFixture, seedEvents } from '@licheng/testing';

/** Shared plumbing of the reliability suite: the school every test starts from, and small assertions. */

export const SCHOOL_ID = 'sch1';

/** `YYYY-MM-DDTHH:mm` in Taipei to the instant the commands carry. */
export const taipei = (text: string): string => `${text}+08:00`;

/**
 * Minutes added to a Taipei instant (`YYYY-MM-DDTHH:mm+08:00`), written the same way. Independent of the domain's
 * helpers.
 */
export const shiftMinutes = (instant: string, minutes: number): string => {
  const shifted = new Date(Date.parse(instant) + minutes * 60_000 + 8 * 3_600_000);
  return `${shifted.toISOString().slice(0, 16)}+08:00`;
};

export const minutesBetween = (from: string, to: string): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / 60_000);

/**
 * The school of `schoolFixture` with what the model test needs on top: an upload quota of 6 (the MOE floor,
 * so that the term quota binds before the per-subject quotas do), t4 set to 審核=否 on the co-taught
 * project course (t3 stays at 是, where every co-teacher starts), and t6 appointed proxy for math-1112 (R-OUT-3,
 * R-OUT-7).
 */
export const reliabilitySchool = (studentIds: ReadonlyArray<string>, extra: ReadonlyArray<SchoolEvent> = []) =>
  schoolFixture({
    schoolId: SCHOOL_ID,
    students: studentIds.map((id) => ({ id })),
    extra: [
      schoolEvent('ParameterSet', { parameter: 'outcomeUploadQuota', value: 6, effectiveFromSchoolYear: 111 }),
      schoolEvent('CourseReviewerUnmarked', { courseId: 'proj-1112', teacherId: 't4' }),
      schoolEvent('CertificationProxyAppointed', { courseId: 'math-1112', teacherId: 't6' }),
      ...extra,
    ],
  });

/** The fixture is pure data: built once per roster (folding it costs more than a short model run). */
const fixtures = new Map<string, ReadonlyArray<SchoolEvent>>();
const schoolEventsOf = (
  studentIds: ReadonlyArray<string>,
  extra: ReadonlyArray<SchoolEvent> = [],
): ReadonlyArray<SchoolEvent> => {
  const key = JSON.stringify([studentIds, extra]);
  let events = fixtures.get(key);
  if (!events) fixtures.set(key, (events = reliabilitySchool(studentIds, extra).events));
  return events;
};

export interface Harness {
  readonly store: InMemoryEventStore;
  readonly service: LichengService;
}

/**
 * A fresh in-memory store holding the school's stream, and the service in front of it (optionally on another store).
 */
export const seededService = async (
  studentIds: ReadonlyArray<string>,
  options: {
    readonly extra?: ReadonlyArray<SchoolEvent>;
    readonly cache?: boolean;
    readonly wrap?: (store: InMemoryEventStore) => EventStore;
  } = {},
): Promise<Harness & { readonly front: EventStore }> => {
  const store = new InMemoryEventStore();
  await seedEvents(store, schoolAggregate, schoolStreamName(SCHOOL_ID), schoolEventsOf(studentIds, options.extra));
  const front = options.wrap ? options.wrap(store) : store;
  const service = createLichengService({
    store: front,
    ...(options.cache ? { load: createCachingLoader(front) } : {}),
  });
  return { store, service, front };
};

export const rightOf = <A>(result: E.Either<DomainError, A>, what = 'result'): A => {
  if (E.isLeft(result))
    throw new Error(
      `${what}: expected Right, got ${result.left.code} (${result.left.rule ?? 'no rule'}): ${result.left.message.en}`,
    );
  return result.right;
};

export const leftOf = <A>(result: E.Either<DomainError, A>, what = 'result'): DomainError => {
  if (E.isRight(result)) throw new Error(`${what}: expected Left, got Right`);
  return result.left;
};

/** A deterministic PRNG (mulberry32) so that a fast-check seed reproduces a schedule too. */
export const prng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};
