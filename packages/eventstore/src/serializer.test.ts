import { eventCodec, NonEmptyText, PositiveInt, taipeiInstant, type DomainError, type Id } from '@licheng/domain';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { portfolioAggregate } from './aggregates';
import { InMemoryEventStore } from './inMemoryStore';
import type { RecordedEvent } from './port';
import { createEventSerializer, type Envelope } from './serializer';

// A tiny event model: `NameSet` was `{ name }` in version 1 and is `{ fullName }` since version 2.
const NameSet = eventCodec('NameSet', t.type({ fullName: NonEmptyText }));
const Counted = eventCodec('Counted', t.type({ count: PositiveInt }));
type TestEvent = t.TypeOf<typeof NameSet> | t.TypeOf<typeof Counted>;

const serializer = createEventSerializer<TestEvent>({
  codecs: { NameSet, Counted },
  versions: { NameSet: 2 },
  upcasters: { NameSet: { 1: (data) => ({ fullName: (data as { name: string }).name }) } },
});

const metadata = {
  occurredAt: taipeiInstant('2024-03-01T09:30'),
  actor: { id: 'admin-1' as Id, role: 'admin' as const },
  commandId: 'cmd-1',
  correlationId: 'corr-1',
  causationId: 'cause-1',
};

const recorded = (overrides: Partial<RecordedEvent>): RecordedEvent => ({
  eventId: 'e-1',
  streamName: 'test-1',
  revision: 7,
  position: 42,
  type: 'Counted',
  data: { count: 3 },
  metadata: { ...metadata, schemaVersion: 1 },
  ...overrides,
});

const decoded = <A>(result: E.Either<DomainError, A>): A => {
  if (E.isLeft(result)) throw new Error(result.left.message.en);
  return result.right;
};

const failure = <Event>(result: E.Either<DomainError, Envelope<Event>>): DomainError => {
  if (E.isRight(result)) throw new Error('expected the stored event to be refused');
  return result.left;
};

describe('the event serializer', () => {
  it('round-trips an event and its metadata through the store', async () => {
    const store = new InMemoryEventStore();
    const event = { type: 'NameSet', data: { fullName: '王小明' } } as TestEvent;
    await store.appendToStream('test-1', [serializer.toNewEvent(event, metadata, 'e-1')], 'no_stream');
    const [stored] = await store.readStream('test-1');
    expect(decoded(serializer.decode(stored!))).toEqual({
      event,
      metadata: { ...metadata, schemaVersion: 2 },
      eventId: 'e-1',
      streamName: 'test-1',
      revision: 0,
      position: 0,
    });
  });

  it('stamps the current schema version of each type, 1 by default', () => {
    const counted = serializer.toNewEvent({ type: 'Counted', data: { count: 1 } } as TestEvent, metadata, 'e');
    const named = serializer.toNewEvent({ type: 'NameSet', data: { fullName: 'x' } } as TestEvent, metadata, 'e');
    expect(counted.metadata).toMatchObject({ schemaVersion: 1 });
    expect(named.metadata).toMatchObject({ schemaVersion: 2 });
  });

  it('upcasts a version 1 event to version 2 before decoding it', () => {
    const old = recorded({ type: 'NameSet', data: { name: '林大同' }, metadata: { ...metadata, schemaVersion: 1 } });
    const envelope = decoded(serializer.decode(old));
    expect(envelope.event).toEqual({ type: 'NameSet', data: { fullName: '林大同' } });
    expect(envelope.metadata.schemaVersion).toBe(1);
  });

  it('upcasts step by step through every version in between', () => {
    const Scored = eventCodec('Scored', t.type({ points: t.number, max: t.number }));
    const threeVersions = createEventSerializer<t.TypeOf<typeof Scored>>({
      codecs: { Scored },
      versions: { Scored: 3 },
      upcasters: {
        Scored: {
          1: (data) => ({ points: (data as { score: number }).score }),
          2: (data) => ({ ...(data as object), max: 100 }),
        },
      },
    });
    const v1 = recorded({ type: 'Scored', data: { score: 88 }, metadata: { ...metadata, schemaVersion: 1 } });
    expect(decoded(threeVersions.decode(v1)).event.data).toEqual({ points: 88, max: 100 });
  });

  it('refuses at start-up a schema version without an upcaster from each older one', () => {
    expect(() => createEventSerializer<TestEvent>({ codecs: { NameSet, Counted }, versions: { Counted: 2 } })).toThrow(
      /Counted .* no upcaster from version 1/,
    );
  });

  it('tells which types it handles, not taking object builtins for types', () => {
    expect(serializer.handles('NameSet')).toBe(true);
    expect(serializer.handles('Unknown')).toBe(false);
    expect(serializer.handles('constructor')).toBe(false);
  });
});

describe('a corrupted stored event', () => {
  const expectInvalid = (error: DomainError, paths: ReadonlyArray<string>, type = 'Counted') => {
    expect(error).toMatchObject({ _tag: 'DomainError', code: 'STORED_EVENT_INVALID', rule: null });
    expect(error.details).toEqual({ streamName: 'test-1', revision: 7, type, paths });
    expect(error.message['zh-TW']).toContain('第 7 版');
    expect(error.message.en).toContain('revision 7');
    for (const text of [error.message['zh-TW'], error.message.en]) {
      expect(text).toContain('test-1');
      for (const path of paths) expect(text).toContain(path);
    }
  };

  it('of an unknown type is refused', () => {
    expectInvalid(failure(serializer.decode(recorded({ type: 'Vanished' }))), ['type'], 'Vanished');
    expectInvalid(failure(serializer.decode(recorded({ type: 'toString' }))), ['type'], 'toString');
  });

  it('naming as an id a member every JavaScript object has is refused, naming the path', () => {
    const document = {
      name: 'a.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 1,
      sha256: 'c'.repeat(64),
      storageKey: 'k/a.pdf',
    };
    const data = {
      studentId: 's1',
      outcomeId: 'constructor',
      courseId: 'math-1111',
      term: '1111',
      subject: '數學',
      description: '報告',
      document,
    };
    const upload = recorded({ streamName: 'portfolio-sch1-s1', type: 'CourseOutcomeUploaded', data });
    const error = failure(portfolioAggregate.serializer.decode(upload));
    expect(error.code).toBe('STORED_EVENT_INVALID');
    expect(error.details['paths']).toEqual(['data.outcomeId']);
    expect(E.isRight(portfolioAggregate.serializer.decode({ ...upload, data: { ...data, outcomeId: 'o1' } }))).toBe(
      true,
    );
  });

  it('from a schema version newer than this code knows is refused', () => {
    const future = recorded({ metadata: { ...metadata, schemaVersion: 2 } });
    expectInvalid(failure(serializer.decode(future)), ['metadata.schemaVersion']);
  });

  it('without metadata is refused', () => {
    const { metadata: _omitted, ...withoutMetadata } = recorded({});
    expectInvalid(failure(serializer.decode({ ...withoutMetadata, metadata: undefined })), ['metadata']);
  });

  it('with a metadata field missing or malformed is refused, naming the field', () => {
    const { commandId: _omitted, ...rest } = metadata;
    expectInvalid(failure(serializer.decode(recorded({ metadata: { ...rest, schemaVersion: 1 } }))), [
      'metadata.commandId',
    ]);
    const badInstant = recorded({ metadata: { ...metadata, occurredAt: '2024-03-01 09:30', schemaVersion: 1 } });
    expectInvalid(failure(serializer.decode(badInstant)), ['metadata.occurredAt']);
  });

  it('with an invalid data field is refused, naming the field', () => {
    expectInvalid(failure(serializer.decode(recorded({ data: { count: -3 } }))), ['data.count']);
  });

  it('whose upcaster throws is refused rather than crashing the replay', () => {
    const brittle = createEventSerializer<TestEvent>({
      codecs: { NameSet, Counted },
      versions: { NameSet: 2 },
      upcasters: {
        NameSet: {
          1: () => {
            throw new Error('no name');
          },
        },
      },
    });
    const old = recorded({ type: 'NameSet', data: {}, metadata: { ...metadata, schemaVersion: 1 } });
    expectInvalid(failure(brittle.decode(old)), ['data'], 'NameSet');
  });
});
