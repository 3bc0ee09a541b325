import {
  SCHOOL_EVENT_CODECS,
  schoolDecider,
  taipeiInstant,
  type DomainError,
  type Id,
  type SchoolEvent,
  type SchoolId,
} from '@licheng/domain';
import * as E from 'fp-ts/Either';
import { InMemoryEventStore } from './inMemoryStore';
import { loadStream } from './loadStream';
import type { EventStore, ReadStreamOptions } from './port';
import { createEventSerializer } from './serializer';

const school = {
  decider: schoolDecider,
  serializer: createEventSerializer<SchoolEvent>({ codecs: SCHOOL_EVENT_CODECS }),
};
const metadata = {
  occurredAt: taipeiInstant('2024-03-01T09:30'),
  actor: { id: 'admin-1' as Id, role: 'admin' as const, schoolId: 'S1' as SchoolId },
  commandId: 'c',
  correlationId: 'c',
  causationId: 'c',
};
const registered = { type: 'SchoolRegistered', data: { schoolId: 'S1', name: '建中' } } as SchoolEvent;
const quota = (value: number) =>
  ({
    type: 'ParameterSet',
    data: { parameter: 'outcomeUploadQuota', value, effectiveFromSchoolYear: 112 },
  }) as SchoolEvent;

const append = (store: EventStore, events: ReadonlyArray<SchoolEvent>, commandId = 'c') =>
  store.appendToStream(
    'school-S1',
    events.map((e, i) =>
      school.serializer.toNewEvent(e, { ...metadata, commandId }, `${commandId}-${Math.random()}-${i}`),
    ),
    'any',
  );

const loaded = async <A>(result: Promise<E.Either<DomainError, A>>): Promise<A> => {
  const value = await result;
  if (E.isLeft(value)) throw new Error(`expected the stream to load: ${value.left.message.en}`);
  return value.right;
};

describe('loading a stream', () => {
  it('gives the initial state at version -1 for a stream that does not exist', async () => {
    const result = await loaded(loadStream(new InMemoryEventStore(), school, 'school-S1'));
    expect(result).toEqual({ state: schoolDecider.initialState(), version: -1, last: undefined, commands: new Map() });
  });

  it("folds every event, keeps the last one, and where each command's events begin", async () => {
    const store = new InMemoryEventStore();
    await append(store, [registered, quota(8)], 'c1');
    await append(store, [quota(9)], 'c2');
    const result = await loaded(loadStream(store, school, 'school-S1'));
    expect(result.version).toBe(2);
    expect(result.state.schoolId).toBe('S1');
    expect(result.state.parameters.outcomeUploadQuota).toEqual([
      { effectiveFromSchoolYear: 112, value: 8 },
      { effectiveFromSchoolYear: 112, value: 9 },
    ]);
    expect(result.last?.revision).toBe(2);
    expect(result.last?.event).toEqual(quota(9));
    expect([...result.commands]).toEqual([
      ['c1', 0],
      ['c2', 2],
    ]);
  });

  it('gives a state frozen all the way down, as immer would, though it was folded in place', async () => {
    const store = new InMemoryEventStore();
    await append(store, [registered, quota(8)]);
    const { state } = await loaded(loadStream(store, school, 'school-S1'));
    expect(Object.isFrozen(state)).toBe(true);
    expect(Object.isFrozen(state.parameters)).toBe(true);
    expect(Object.isFrozen(state.parameters.outcomeUploadQuota![0])).toBe(true);
  });

  it('reads only newer events when given an earlier load, as a cache would', async () => {
    const store = new InMemoryEventStore();
    await append(store, [registered, quota(8)]);
    const reads: Array<ReadStreamOptions | undefined> = [];
    const spying: EventStore = {
      appendToStream: (name, events, expected) => store.appendToStream(name, events, expected),
      readStream: (name, options) => {
        reads.push(options);
        return store.readStream(name, options);
      },
      readAll: (options) => store.readAll(options),
      subscribeToAll: (options) => store.subscribeToAll(options),
    };
    const earlier = await loaded(loadStream(spying, school, 'school-S1'));
    await append(store, [quota(9)], 'c2');
    const later = await loaded(loadStream(spying, school, 'school-S1', earlier));
    expect(reads.map((options) => options?.fromRevision)).toEqual([0, 2]);
    expect(later).toEqual(await loaded(loadStream(store, school, 'school-S1')));
  });
});
