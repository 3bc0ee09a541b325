import {
  Actor,
  SCHOOL_COMMAND_DATA,
  SCHOOL_EVENT_CODECS,
  schoolDecider,
  schoolStreamName,
  taipeiInstant,
  type DomainError,
  type SchoolCommand,
  type SchoolCommandType,
  type SchoolContext,
  type SchoolEvent,
  type SchoolState,
} from '@licheng/domain';
import { domainError } from '@licheng/domain/internal';
import * as E from 'fp-ts/Either';
import { wrongExpectedVersion } from './expectedVersion';
import { createCommandHandler, eventIdOf, type CommandEnvelope, type CommandResult } from './handler';
import { InMemoryEventStore } from './inMemoryStore';
import type { Aggregate } from './loadStream';
import type { EventStore } from './port';
import { createEventSerializer } from './serializer';
import { createCachingLoader } from './stateCache';

const school: Aggregate<SchoolCommand, SchoolEvent, SchoolState, SchoolContext> = {
  decider: schoolDecider,
  serializer: createEventSerializer<SchoolEvent>({ codecs: SCHOOL_EVENT_CODECS }),
};
const stream = schoolStreamName('S001');
const actorOf = (input: unknown): Actor => {
  const decoded = Actor.decode(input);
  if (E.isLeft(decoded)) throw new Error('bad actor fixture');
  return decoded.right;
};
const admin = actorOf({ id: 'admin-1', role: 'admin', schoolId: 'S001' });
const teacher = actorOf({ id: 'teacher-1', role: 'teacher', schoolId: 'S001' });
const now = taipeiInstant('2024-03-01T09:30');

/** Commands arrive as untrusted input in production; decoding them here keeps the fixtures honest. */
const command = <K extends SchoolCommandType>(type: K, data: unknown): Extract<SchoolCommand, { type: K }> => {
  const decoded = SCHOOL_COMMAND_DATA[type].decode(data);
  if (E.isLeft(decoded)) throw new Error(`bad ${type} fixture`);
  return { type, data: decoded.right } as Extract<SchoolCommand, { type: K }>;
};
const register = command('RegisterSchool', { schoolId: 'S001', name: '臺北市立建國高級中學' });
const setQuota = (value: number) =>
  command('SetParameter', { schoolId: 'S001', parameter: 'outcomeUploadQuota', value, effectiveFromSchoolYear: 112 });

const envelope = (commandId: string, actor: Actor = admin, extra: Partial<CommandEnvelope> = {}): CommandEnvelope => ({
  commandId,
  now,
  actor,
  ...extra,
});
const schoolContext = (env: CommandEnvelope) => E.right<DomainError, SchoolContext>({ now: env.now, actor: env.actor });

const handle = (store: EventStore, cmd: SchoolCommand, env: CommandEnvelope, maxRetries?: number) =>
  createCommandHandler({ store, ...(maxRetries === undefined ? {} : { maxRetries }) }).handle({
    aggregate: school,
    streamName: stream,
    command: cmd,
    envelope: env,
    context: schoolContext,
  });

const succeeded = <A>(result: E.Either<DomainError, A>): A => {
  if (E.isLeft(result)) throw new Error(`expected success, got ${result.left.code}: ${result.left.message.en}`);
  return result.right;
};
const refused = <A>(result: E.Either<DomainError, A>): DomainError => {
  if (E.isRight(result)) throw new Error('expected a refusal');
  return result.left;
};

/** A store whose appends go through `append`, everything else straight to `inner`. */
const interceptAppends = (inner: InMemoryEventStore, append: EventStore['appendToStream']): EventStore => ({
  appendToStream: append,
  readStream: (name, options) => inner.readStream(name, options),
  readAll: (options) => inner.readAll(options),
  subscribeToAll: (options) => inner.subscribeToAll(options),
});

const registered = async (): Promise<InMemoryEventStore> => {
  const store = new InMemoryEventStore();
  succeeded(await handle(store, register, envelope('cmd-register')));
  return store;
};

describe('handling a command', () => {
  it('decides, appends, and records who did it, when, and why', async () => {
    const store = new InMemoryEventStore();
    const result = succeeded(await handle(store, register, envelope('cmd-1', admin, { correlationId: 'flow-9' })));
    expect(result).toMatchObject({ streamName: stream, nextVersion: 0, alreadyApplied: false });
    expect(result.events.map((e) => [e.event, e.revision, e.position])).toEqual([
      [{ type: 'SchoolRegistered', data: register.data }, 0, 0],
    ]);
    const [stored] = await store.readStream(stream);
    expect(stored!.metadata).toEqual({
      occurredAt: now,
      actor: admin,
      commandId: 'cmd-1',
      correlationId: 'flow-9',
      causationId: 'cmd-1',
      schemaVersion: 1,
      // Chained to its stream (docs/audit.md); the request recorded no command, so none is stored.
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(stored!.eventId).toBe(result.events[0]!.eventId);
  });

  it('decides on the state folded from the stream', async () => {
    const store = await registered();
    const result = succeeded(await handle(store, setQuota(8), envelope('cmd-2')));
    expect(result.nextVersion).toBe(1);
    expect(result.events[0]!.event).toEqual({
      type: 'ParameterSet',
      data: { parameter: 'outcomeUploadQuota', value: 8, effectiveFromSchoolYear: 112 },
    });
  });

  it('appends nothing when the decider refuses', async () => {
    const store = await registered();
    const before = store.snapshot();
    expect(refused(await handle(store, setQuota(3), envelope('cmd-low'))).code).toBe('PARAMETER_BELOW_MINIMUM');
    expect(refused(await handle(store, setQuota(8), envelope('cmd-teacher', teacher))).code).toBe('FUNCTION_NOT_HELD');
    expect(store.snapshot()).toBe(before);
  });

  it('returns a context failure as it is, without touching the store', async () => {
    const store = await registered();
    const before = store.snapshot();
    const noContext = domainError('NO_CONTEXT', null, '缺少情境', 'No context');
    const result = await createCommandHandler({ store }).handle({
      aggregate: school,
      streamName: stream,
      command: setQuota(8),
      envelope: envelope('cmd-x'),
      context: async () => E.left(noContext),
    });
    expect(refused(result)).toBe(noContext);
    expect(store.snapshot()).toBe(before);
  });

  it('gathers a context given at once, as a promise, or as another thenable', async () => {
    const store = await registered();
    const handler = createCommandHandler({ store });
    const thenable = (env: CommandEnvelope): PromiseLike<E.Either<DomainError, SchoolContext>> => ({
      then: (onFulfilled) => Promise.resolve(schoolContext(env)).then(onFulfilled),
    });
    const contexts = [schoolContext, async (env: CommandEnvelope) => schoolContext(env), thenable];
    for (const [i, context] of contexts.entries()) {
      const result = await handler.handle({
        aggregate: school,
        streamName: stream,
        command: setQuota(8 + i),
        envelope: envelope(`cmd-context-${i}`),
        context: context as (env: CommandEnvelope) => E.Either<DomainError, SchoolContext>,
      });
      expect(succeeded(result).events).toHaveLength(1);
    }
  });

  it('succeeds without appending when the decider records nothing', async () => {
    const store = await registered();
    const before = store.snapshot();
    const quiet = { ...school, decider: { ...schoolDecider, decide: () => E.right([]) } };
    const result = await createCommandHandler({ store }).handle({
      aggregate: quiet,
      streamName: stream,
      command: setQuota(8),
      envelope: envelope('cmd-quiet'),
      context: schoolContext,
    });
    expect(succeeded(result)).toEqual({ streamName: stream, events: [], nextVersion: 0, alreadyApplied: false });
    expect(store.snapshot()).toBe(before);
  });
});

describe('idempotency', () => {
  it('returns the original events for a repeated command id and appends nothing', async () => {
    const store = new InMemoryEventStore();
    const first = succeeded(await handle(store, register, envelope('cmd-1')));
    succeeded(await handle(store, setQuota(8), envelope('cmd-2')));
    const before = store.snapshot();
    // Deciding again would be refused (already registered): the repeat must not decide at all.
    const again = succeeded(await handle(store, register, envelope('cmd-1')));
    expect(again).toEqual<CommandResult<SchoolEvent>>({ ...first, nextVersion: 1, alreadyApplied: true });
    expect(store.snapshot()).toBe(before);
  });

  it(
    'answers a repeat from the store through a state cache, for a command long before the cached ' + 'version',
    async () => {
      const store = new InMemoryEventStore();
      const cached = createCommandHandler({ store, load: createCachingLoader(store) });
      const send = (cmd: SchoolCommand, id: string) =>
        cached.handle({
          aggregate: school,
          streamName: stream,
          command: cmd,
          envelope: envelope(id),
          context: schoolContext,
        });
      const first = succeeded(await send(register, 'cmd-1'));
      for (let value = 6; value <= 10; value++) succeeded(await send(setQuota(value), `cmd-q${value}`));
      const before = store.snapshot();
      const again = succeeded(await send(register, 'cmd-1'));
      const quota = succeeded(await send(setQuota(8), 'cmd-q8'));
      expect(again).toEqual<CommandResult<SchoolEvent>>({ ...first, nextVersion: 5, alreadyApplied: true });
      expect(quota.events.map((e) => [e.revision, e.metadata.commandId])).toEqual([[3, 'cmd-q8']]);
      expect(store.snapshot()).toBe(before);
    },
  );

  it('derives the same event ids from the same command id, and others from another', async () => {
    const [one, two] = [new InMemoryEventStore(), new InMemoryEventStore()];
    const a = succeeded(await handle(one, register, envelope('cmd-1')));
    const b = succeeded(await handle(two, register, envelope('cmd-1')));
    const c = succeeded(await handle(new InMemoryEventStore(), register, envelope('cmd-other')));
    expect(a.events[0]!.eventId).toBe(b.events[0]!.eventId);
    expect(a.events[0]!.eventId).toBe(eventIdOf(stream, 'cmd-1', 0));
    expect(c.events[0]!.eventId).not.toBe(a.events[0]!.eventId);
    expect(one.snapshot()).toBe(two.snapshot());
  });

  it('stores a command handled twice at once only once', async () => {
    const store = await registered();
    const results = await Promise.all([
      handle(store, setQuota(8), envelope('cmd-2')),
      handle(store, setQuota(8), envelope('cmd-2')),
    ]);
    expect(results.map((r) => succeeded(r).events[0]!.eventId)).toEqual([
      eventIdOf(stream, 'cmd-2', 0),
      eventIdOf(stream, 'cmd-2', 0),
    ]);
    expect(store.eventCount).toBe(2);
  });
});

describe('concurrency', () => {
  it('retries on a fresh read when another writer got there first', async () => {
    const store = await registered();
    let conflicts = 0;
    let interfered = false;
    const racing = interceptAppends(store, async (name, events, expected) => {
      if (!interfered) {
        interfered = true;
        succeeded(await handle(store, setQuota(7), envelope('cmd-other-writer')));
      }
      const result = await store.appendToStream(name, events, expected);
      if (E.isLeft(result)) conflicts++;
      return result;
    });
    const result = succeeded(await handle(racing, setQuota(9), envelope('cmd-mine')));
    expect(conflicts).toBe(1);
    expect(result.nextVersion).toBe(2);
    const values = (await store.readStream(stream)).map((e) => (e.data as { value?: number }).value);
    expect(values).toEqual([undefined, 7, 9]);
  });

  it('serialises two commands racing on one stream', async () => {
    const store = await registered();
    let conflicts = 0;
    const counting = interceptAppends(store, async (name, events, expected) => {
      const result = await store.appendToStream(name, events, expected);
      if (E.isLeft(result)) conflicts++;
      return result;
    });
    const results = await Promise.all([
      handle(counting, setQuota(7), envelope('cmd-a')),
      handle(counting, setQuota(9), envelope('cmd-b')),
    ]);
    expect(conflicts).toBe(1);
    expect(results.map((r) => succeeded(r).nextVersion).sort()).toEqual([1, 2]);
    expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2]);
  });

  it('gives up with CONCURRENCY_RETRIES_EXHAUSTED after the last retry', async () => {
    const store = await registered();
    const before = store.snapshot();
    let attempts = 0;
    const alwaysStale = interceptAppends(store, async (name, _events, expected) => {
      attempts++;
      return E.left(wrongExpectedVersion(name, expected, 99));
    });
    const error = refused(await handle(alwaysStale, setQuota(8), envelope('cmd-2'), 3));
    expect(error).toMatchObject({ _tag: 'DomainError', code: 'CONCURRENCY_RETRIES_EXHAUSTED', rule: null });
    expect(error.message['zh-TW']).toContain(stream);
    expect(error.message.en).toContain(stream);
    expect(attempts).toBe(4);
    expect(store.snapshot()).toBe(before);
  });
});

describe('a corrupted stream', () => {
  it('stops the command with STORED_EVENT_INVALID naming the stream and revision, appending nothing', async () => {
    const store = await registered();
    const [good] = await store.readStream(stream);
    await store.appendToStream(
      stream,
      [
        {
          eventId: 'corrupt',
          type: 'ParameterSet',
          data: { parameter: 'outcomeUploadQuota', value: -1, effectiveFromSchoolYear: 112 },
          metadata: good!.metadata,
        },
      ],
      0,
    );
    const before = store.snapshot();
    const error = refused(await handle(store, setQuota(8), envelope('cmd-2')));
    expect(error.code).toBe('STORED_EVENT_INVALID');
    expect(error.details).toMatchObject({ streamName: stream, revision: 1, type: 'ParameterSet' });
    expect(error.message.en).toContain('data.value');
    expect(store.snapshot()).toBe(before);
  });
});

describe('an event that would not read back', () => {
  it('is refused before anything is appended, so a decider slip cannot make a stream unreadable', async () => {
    const store = new InMemoryEventStore();
    // A faulty decider: it emits a school id with a '-', which SchoolId (and so every reader) refuses.
    const faulty: Aggregate<SchoolCommand, SchoolEvent, SchoolState, SchoolContext> = {
      ...school,
      decider: {
        ...school.decider,
        decide: () =>
          E.right([{ type: 'SchoolRegistered', data: { schoolId: 'a-b', name: '壞學校' } } as unknown as SchoolEvent]),
      },
    };
    const result = await createCommandHandler({ store }).handle({
      aggregate: faulty,
      streamName: stream,
      command: register,
      envelope: envelope('c-bad'),
      context: schoolContext,
    });
    expect(refused(result)).toMatchObject({ code: 'EVENT_NOT_STORABLE', rule: null });
    expect(store.eventCount).toBe(0);
  });
});
