import * as E from 'fp-ts/Either';
import { InMemoryEventStore } from './inMemoryStore';
import type { AppendResult, NewEvent } from './port';

let ids = 0;
const event = (type = 'Happened', data: unknown = { n: ids }): NewEvent => ({
  eventId: `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
  type,
  data,
  metadata: { by: 'test' },
});

const appended = (result: E.Either<unknown, AppendResult>): AppendResult => {
  if (E.isLeft(result)) throw new Error(`expected the append to succeed: ${JSON.stringify(result.left)}`);
  return result.right;
};

const conflict = (result: E.Either<{ code: string; details: unknown }, AppendResult>) => {
  if (E.isRight(result)) throw new Error('expected a conflict');
  return result.left;
};

describe('expected versions', () => {
  it('creates a stream expected not to exist and returns its version and position', async () => {
    const store = new InMemoryEventStore();
    expect(appended(await store.appendToStream('a', [event(), event()], 'no_stream'))).toEqual({
      nextVersion: 1,
      lastPosition: 1,
      alreadyStored: false,
      positions: [0, 1],
    });
  });

  it('rejects no_stream when the stream already exists', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('a', [event()], 'no_stream');
    const error = conflict(await store.appendToStream('a', [event()], 'no_stream'));
    expect(error).toMatchObject({ _tag: 'DomainError', code: 'WRONG_EXPECTED_VERSION', rule: null });
    expect(error.details).toEqual({ streamName: 'a', expected: 'no_stream', actual: 0 });
    expect(store.eventCount).toBe(1);
  });

  it('rejects an append whose expected version is stale, giving expected and actual', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('a', [event(), event(), event()], 'no_stream');
    const error = conflict(await store.appendToStream('a', [event()], 1));
    expect(error.details).toEqual({ streamName: 'a', expected: 1, actual: 2 });
    expect(appended(await store.appendToStream('a', [event()], 2)).nextVersion).toBe(3);
  });

  it('writes a bilingual conflict message naming the stream', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('school-1', [event()], 'any');
    const error = conflict(await store.appendToStream('school-1', [event()], 5)) as unknown as {
      message: Record<string, string>;
    };
    expect(error.message['zh-TW']).toContain('school-1');
    expect(error.message.en).toContain('school-1');
    expect(error.message.en).toContain('version 5');
  });

  it('appends with any whether or not the stream exists', async () => {
    const store = new InMemoryEventStore();
    expect(appended(await store.appendToStream('a', [event()], 'any')).nextVersion).toBe(0);
    expect(appended(await store.appendToStream('a', [event()], 'any')).nextVersion).toBe(1);
  });

  it('appends with stream_exists only to an existing stream', async () => {
    const store = new InMemoryEventStore();
    expect(conflict(await store.appendToStream('a', [event()], 'stream_exists')).details).toEqual({
      streamName: 'a',
      expected: 'stream_exists',
      actual: -1,
    });
    await store.appendToStream('a', [event()], 'no_stream');
    expect(appended(await store.appendToStream('a', [event()], 'stream_exists')).nextVersion).toBe(1);
  });

  it('lets only one of two concurrent appends at the same version win', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('a', [event()], 'no_stream');
    const results = await Promise.all([
      store.appendToStream('a', [event()], 0),
      store.appendToStream('a', [event()], 0),
    ]);
    expect(results.filter(E.isRight)).toHaveLength(1);
    expect(store.eventCount).toBe(2);
  });
});

describe('revisions and positions', () => {
  it('numbers revisions per stream and positions across all streams', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('a', [event(), event()], 'any');
    await store.appendToStream('b', [event()], 'any');
    await store.appendToStream('a', [event()], 'any');
    const a = await store.readStream('a');
    expect(a.map((e) => [e.revision, e.position])).toEqual([
      [0, 0],
      [1, 1],
      [2, 3],
    ]);
    expect((await store.readStream('b')).map((e) => [e.revision, e.position])).toEqual([[0, 2]]);
  });

  it('reads a stream from a revision on, and nothing for a missing stream', async () => {
    const store = new InMemoryEventStore();
    const batch = [event(), event(), event()];
    await store.appendToStream('a', batch, 'any');
    expect((await store.readStream('a', { fromRevision: 1 })).map((e) => e.eventId)).toEqual([
      batch[1]!.eventId,
      batch[2]!.eventId,
    ]);
    expect(await store.readStream('a', { fromRevision: 3 })).toEqual([]);
    expect(await store.readStream('missing')).toEqual([]);
  });

  it('returns data and metadata as parsed JSON, detached from what was appended and from other reads', async () => {
    const store = new InMemoryEventStore();
    const data = { list: [1, 2] };
    await store.appendToStream('a', [{ eventId: 'e1', type: 'T', data, metadata: { m: 1 } }], 'any');
    data.list.push(3);
    const first = await store.readStream('a');
    (first[0]!.data as { list: number[] }).list.push(4);
    expect((await store.readStream('a'))[0]).toEqual({
      eventId: 'e1',
      streamName: 'a',
      revision: 0,
      position: 0,
      type: 'T',
      data: { list: [1, 2] },
      metadata: { m: 1 },
    });
  });

  it('writes nothing of a batch holding a value JSON cannot represent', async () => {
    const store = new InMemoryEventStore();
    const broken: NewEvent = { eventId: 'x', type: 'T', data: undefined, metadata: {} };
    await expect(store.appendToStream('a', [event(), broken], 'any')).rejects.toThrow(TypeError);
    expect(store.eventCount).toBe(0);
    expect(await store.readStream('a')).toEqual([]);
  });
});

describe('reading all streams', () => {
  const seed = async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('school-1', [event('A')], 'any');
    await store.appendToStream('portfolio-1', [event('B')], 'any');
    await store.appendToStream('school-2', [event('C'), event('D')], 'any');
    await store.appendToStream('other-1', [event('E')], 'any');
    return store;
  };

  it('returns every event in position order', async () => {
    const store = await seed();
    expect((await store.readAll()).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('returns only events strictly after a position, at most maxCount of them', async () => {
    const store = await seed();
    expect((await store.readAll({ after: 1 })).map((e) => e.position)).toEqual([2, 3, 4]);
    expect((await store.readAll({ after: 1, maxCount: 2 })).map((e) => e.type)).toEqual(['C', 'D']);
    expect(await store.readAll({ after: 4 })).toEqual([]);
  });

  it('filters by stream-name prefix, keeping global order', async () => {
    const store = await seed();
    expect((await store.readAll({ streamPrefixes: ['school-', 'other-'] })).map((e) => e.type)).toEqual([
      'A',
      'C',
      'D',
      'E',
    ]);
    expect((await store.readAll({ streamPrefixes: ['school-'], after: 0, maxCount: 1 })).map((e) => e.type)).toEqual([
      'C',
    ]);
    expect(await store.readAll({ streamPrefixes: [] })).toEqual([]);
  });
});

describe('idempotent append', () => {
  it('stores a batch appended twice only once and returns the first write result', async () => {
    const store = new InMemoryEventStore();
    const batch = [event(), event()];
    const first = appended(await store.appendToStream('a', batch, 'no_stream'));
    await store.appendToStream('a', [event()], 'any');
    const snapshot = store.snapshot();
    // The expected version no longer matches, yet the repeat succeeds without writing.
    const { positions: _written, ...where } = first;
    expect(appended(await store.appendToStream('a', batch, 'no_stream'))).toEqual({ ...where, alreadyStored: true });
    expect(store.snapshot()).toBe(snapshot);
    expect(store.eventCount).toBe(3);
  });

  it('treats a tail of an earlier batch as a repeat too', async () => {
    const store = new InMemoryEventStore();
    const batch = [event(), event(), event()];
    await store.appendToStream('a', batch, 'no_stream');
    expect(appended(await store.appendToStream('a', batch.slice(1), 'no_stream'))).toEqual({
      nextVersion: 2,
      lastPosition: 2,
      alreadyStored: true,
    });
    expect(store.eventCount).toBe(3);
  });

  it('refuses a batch that repeats only some of the stream ids', async () => {
    const store = new InMemoryEventStore();
    const earlier = event();
    await store.appendToStream('a', [earlier], 'no_stream');
    const error = conflict(await store.appendToStream('a', [event(), earlier], 'any'));
    expect(error.code).toBe('WRONG_EXPECTED_VERSION');
    expect(store.eventCount).toBe(1);
  });

  it('does not treat the same event id in another stream as a repeat', async () => {
    const store = new InMemoryEventStore();
    const shared = event();
    await store.appendToStream('a', [shared], 'no_stream');
    expect(appended(await store.appendToStream('b', [shared], 'no_stream'))).toEqual({
      nextVersion: 0,
      lastPosition: 1,
      alreadyStored: false,
      positions: [1],
    });
  });
});

describe('snapshot', () => {
  it('is identical for identical histories and changes with any append', async () => {
    const build = async () => {
      const store = new InMemoryEventStore();
      await store.appendToStream('a', [{ eventId: 'e1', type: 'T', data: { x: 1 }, metadata: {} }], 'any');
      return store;
    };
    const [one, two] = [await build(), await build()];
    expect(one.snapshot()).toBe(two.snapshot());
    await two.appendToStream('a', [{ eventId: 'e2', type: 'T', data: { x: 1 }, metadata: {} }], 'any');
    expect(one.snapshot()).not.toBe(two.snapshot());
  });
});

describe('scale', () => {
  // How append latency grows with the number of streams is measured by the bench (appendScalingRatio), not timed here.
  it('holds 100,000 streams, each readable with its own event at its own position', async () => {
    const store = new InMemoryEventStore();
    for (let i = 0; i < 100_000; i++) {
      await store.appendToStream(`s-${i}`, [{ eventId: `e-${i}`, type: 'T', data: i, metadata: null }], 'no_stream');
    }
    expect(store.eventCount).toBe(100_000);
    for (const i of [0, 4_321, 99_999]) {
      const [only, ...rest] = await store.readStream(`s-${i}`);
      expect(rest).toHaveLength(0);
      expect(only).toMatchObject({ eventId: `e-${i}`, revision: 0, position: i, data: i });
    }
  });
});

describe('the texts a writer gives with its events', () => {
  it('stores them instead of serialising the data and metadata again', async () => {
    const store = new InMemoryEventStore();
    const json = { data: '{"kept":"as written"}', metadata: '{"by":"the writer"}' };
    await store.appendToStream(
      's-1',
      [{ eventId: 'e1', type: 'T', data: { ignored: true }, metadata: {}, json }],
      'any',
    );
    const [read] = await store.readStream('s-1');
    expect(read).toMatchObject({ data: { kept: 'as written' }, metadata: { by: 'the writer' } });
  });
});
