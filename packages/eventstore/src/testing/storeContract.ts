/// <reference types="jest" />
// The contract runs inside a jest suite: `describe`, `it` and `expect` are jest's globals.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  type AppendError,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
  type Subscription,
} from '../index';
import { wrongExpectedVersion } from '../internal';
import * as E from 'fp-ts/Either';

/** What a contract run needs: a store, and how to let go of it. */
export interface ContractStore {
  readonly store: EventStore;
  /** A second connection to the same events, as another process would hold, when the store has one. */
  readonly other?: EventStore;
  /**
   * Whether `other` tells a repeat made in the same instant as `store`'s write from the write itself. A
   * KurrentDB server answers both alike, so its adapter knows only the repeats it can see (docs/eventstoredb.md).
   */
  readonly otherSeesConcurrentRepeats?: boolean;
  dispose(): Promise<void>;
}

const newEvent = (type: string, data: unknown = { type }, metadata: unknown = { by: 'contract' }): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata,
});

const appended = (result: E.Either<AppendError, AppendResult>): AppendResult => {
  if (E.isLeft(result)) throw new Error(`expected the append to succeed: ${JSON.stringify(result.left)}`);
  return result.right;
};

/** An append result without the optional per-event positions, which a store may or may not report. */
const withoutPositions = ({ positions: _positions, ...result }: AppendResult): AppendResult => result;

const refused = (result: E.Either<AppendError, AppendResult>): AppendError => {
  if (E.isRight(result)) throw new Error(`expected a conflict, got ${JSON.stringify(result.right)}`);
  return result.left;
};

/** Resolves once `predicate` holds; fails the test instead of hanging when it never does. */
const eventually = async (predicate: () => boolean, what: string, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

/** Long enough for a store to deliver anything it wrongly still would. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

const types = (events: ReadonlyArray<RecordedEvent>) => events.map((event) => event.type);
const positions = (events: ReadonlyArray<RecordedEvent>) => events.map((event) => event.position);

const strictlyIncreasing = (values: ReadonlyArray<number>): boolean =>
  values.every((value, i) => i === 0 || value > values[i - 1]!);

/**
 * The behaviour every `EventStore` owes the rest of the library, written once and run against each store.
 *
 * It assumes nothing the port does not promise: positions are only compared, never computed, and the
 * store may already hold other events, so that it also runs against a long-lived EventStoreDB. Every test
 * writes to streams of its own (`<run>-<test>-…`), and reads of `$all` keep to them with a prefix filter
 * or start after a position the test itself obtained.
 */
export const describeEventStoreContract = (name: string, setup: () => Promise<ContractStore>): void => {
  describe(`${name}: the EventStore contract`, () => {
    let opened: ContractStore | undefined;
    const store = (): EventStore => {
      if (!opened) throw new Error('the store was not set up');
      return opened.store;
    };
    const run = `contract${randomBytes(4).toString('hex')}`;
    let tests = 0;
    /** A stream-name prefix no other test, nor an earlier run against the same server, uses. */
    const namespace = () => `${run}t${++tests}-`;
    const open: Subscription[] = [];
    const subscribe = (options: Parameters<EventStore['subscribeToAll']>[0]): Subscription => {
      const subscription = store().subscribeToAll(options);
      open.push(subscription);
      return subscription;
    };

    beforeAll(async () => {
      opened = await setup();
    });
    afterEach(async () => {
      await Promise.all(open.splice(0).map((subscription) => subscription.close()));
    });
    afterAll(async () => {
      await opened?.dispose();
    });

    describe('expected versions', () => {
      it(
        'creates a stream expected not to exist and returns its version and the position of its last ' + 'event',
        async () => {
          const stream = `${namespace()}a`;
          const result = appended(await store().appendToStream(stream, [newEvent('A1'), newEvent('A2')], 'no_stream'));
          const stored = await store().readStream(stream);
          expect(withoutPositions(result)).toEqual({
            nextVersion: 1,
            lastPosition: stored[1]!.position,
            alreadyStored: false,
          });
        },
      );

      it(
        'reports, if it reports them at all, the position of each event it wrote, and none for a repeat or an ' +
          'empty batch',
        async () => {
          const stream = `${namespace()}a`;
          const batch = [newEvent('A1'), newEvent('A2')];
          const result = appended(await store().appendToStream(stream, batch, 'no_stream'));
          const stored = await store().readStream(stream);
          if (result.positions !== undefined) expect(result.positions).toEqual(positions(stored));
          expect(appended(await store().appendToStream(stream, batch, 'no_stream')).positions).toBeUndefined();
          expect(appended(await store().appendToStream(stream, [], 'any')).positions).toBeUndefined();
        },
      );

      it('refuses no_stream for an existing stream with the same conflict value, and writes nothing', async () => {
        const stream = `${namespace()}a`;
        await store().appendToStream(stream, [newEvent('A1')], 'no_stream');
        const error = refused(await store().appendToStream(stream, [newEvent('A2')], 'no_stream'));
        expect(error).toEqual(wrongExpectedVersion(stream, 'no_stream', 0));
        expect(error).toMatchObject({ _tag: 'DomainError', code: 'WRONG_EXPECTED_VERSION', rule: null });
        expect(types(await store().readStream(stream))).toEqual(['A1']);
      });

      it('refuses a stale expected version, giving expected and actual, then takes the right one', async () => {
        const stream = `${namespace()}a`;
        await store().appendToStream(stream, [newEvent('A1'), newEvent('A2'), newEvent('A3')], 'no_stream');
        expect(refused(await store().appendToStream(stream, [newEvent('X')], 1))).toEqual(
          wrongExpectedVersion(stream, 1, 2),
        );
        expect(refused(await store().appendToStream(stream, [newEvent('X')], 7))).toEqual(
          wrongExpectedVersion(stream, 7, 2),
        );
        expect(appended(await store().appendToStream(stream, [newEvent('A4')], 2)).nextVersion).toBe(3);
        expect(types(await store().readStream(stream))).toEqual(['A1', 'A2', 'A3', 'A4']);
      });

      it('refuses an expected version for a stream that does not exist', async () => {
        const stream = `${namespace()}a`;
        expect(refused(await store().appendToStream(stream, [newEvent('A1')], 0))).toEqual(
          wrongExpectedVersion(stream, 0, -1),
        );
        expect(await store().readStream(stream)).toEqual([]);
      });

      it('reads the version -1 as "no stream"', async () => {
        const stream = `${namespace()}a`;
        expect(appended(await store().appendToStream(stream, [newEvent('A1')], -1)).nextVersion).toBe(0);
        expect(refused(await store().appendToStream(stream, [newEvent('A2')], -1))).toEqual(
          wrongExpectedVersion(stream, -1, 0),
        );
      });

      it('appends with any whether or not the stream exists', async () => {
        const stream = `${namespace()}a`;
        expect(appended(await store().appendToStream(stream, [newEvent('A1')], 'any')).nextVersion).toBe(0);
        expect(appended(await store().appendToStream(stream, [newEvent('A2')], 'any')).nextVersion).toBe(1);
      });

      it('appends with stream_exists only to an existing stream', async () => {
        const stream = `${namespace()}a`;
        expect(refused(await store().appendToStream(stream, [newEvent('A1')], 'stream_exists'))).toEqual(
          wrongExpectedVersion(stream, 'stream_exists', -1),
        );
        await store().appendToStream(stream, [newEvent('A1')], 'no_stream');
        expect(appended(await store().appendToStream(stream, [newEvent('A2')], 'stream_exists')).nextVersion).toBe(1);
      });

      it(
        'lets exactly one of concurrent appends at the same version win; the others learn the new ' + 'version',
        async () => {
          const stream = `${namespace()}a`;
          await store().appendToStream(stream, [newEvent('A0')], 'no_stream');
          const results = await Promise.all(
            ['B', 'C', 'D'].map((writer) =>
              store().appendToStream(stream, [newEvent(writer), newEvent(`${writer}2`)], 0),
            ),
          );
          expect(results.filter(E.isRight)).toHaveLength(1);
          for (const result of results.filter(E.isLeft))
            expect(result.left).toEqual(wrongExpectedVersion(stream, 0, 2));
          expect(await store().readStream(stream)).toHaveLength(3);
        },
      );
    });

    describe('revisions and positions', () => {
      it('numbers revisions per stream from 0 and orders positions across streams by append', async () => {
        const ns = namespace();
        const a1 = appended(await store().appendToStream(`${ns}a`, [newEvent('A1'), newEvent('A2')], 'any'));
        const b1 = appended(await store().appendToStream(`${ns}b`, [newEvent('B1')], 'any'));
        const a2 = appended(await store().appendToStream(`${ns}a`, [newEvent('A3')], 'any'));
        const a = await store().readStream(`${ns}a`);
        const b = await store().readStream(`${ns}b`);
        expect(a.map((event) => event.revision)).toEqual([0, 1, 2]);
        expect(b.map((event) => event.revision)).toEqual([0]);
        expect(a.map((event) => event.streamName)).toEqual([`${ns}a`, `${ns}a`, `${ns}a`]);
        const inOrder = [a[0]!, a[1]!, b[0]!, a[2]!];
        expect(strictlyIncreasing(positions(inOrder))).toBe(true);
        expect([a1.lastPosition, b1.lastPosition, a2.lastPosition]).toEqual([
          a[1]!.position,
          b[0]!.position,
          a[2]!.position,
        ]);
        // A stream read and a read of all streams agree on every event.
        expect(await store().readAll({ streamPrefixes: [ns] })).toEqual(inOrder);
      });

      it('reads a stream from a revision on, and nothing for a missing stream', async () => {
        const stream = `${namespace()}a`;
        const batch = [newEvent('A1'), newEvent('A2'), newEvent('A3')];
        await store().appendToStream(stream, batch, 'no_stream');
        expect((await store().readStream(stream, { fromRevision: 1 })).map((e) => e.eventId)).toEqual([
          batch[1]!.eventId,
          batch[2]!.eventId,
        ]);
        expect((await store().readStream(stream, { fromRevision: 2 })).map((e) => e.revision)).toEqual([2]);
        expect(await store().readStream(stream, { fromRevision: 3 })).toEqual([]);
        expect(await store().readStream(`${stream}-missing`)).toEqual([]);
      });

      it(
        'hands back data and metadata as parsed JSON, of any JSON shape, detached from what was ' + 'appended',
        async () => {
          const stream = `${namespace()}a`;
          const data = { list: [1, 2], nested: { text: '學習歷程 ✓', flag: true, none: null } };
          const shapes: NewEvent[] = [
            {
              eventId: randomUUID(),
              type: 'Object',
              data,
              metadata: { commandId: 'c-1', at: '2023-04-12T09:00+08:00' },
            },
            { eventId: randomUUID(), type: 'Array', data: [1, 'two', { three: 3 }], metadata: null },
            { eventId: randomUUID(), type: 'Text', data: 'just text', metadata: {} },
            { eventId: randomUUID(), type: 'Number', data: 42.5, metadata: [] },
            { eventId: randomUUID(), type: 'Null', data: null, metadata: 'm' },
          ];
          await store().appendToStream(stream, shapes, 'no_stream');
          data.list.push(3);
          const first = await store().readStream(stream);
          (first[0]!.data as { list: number[] }).list.push(4);
          const again = await store().readStream(stream);
          expect(again.map(({ eventId, type, data: d, metadata }) => ({ eventId, type, data: d, metadata }))).toEqual([
            {
              eventId: shapes[0]!.eventId,
              type: 'Object',
              data: { list: [1, 2], nested: { text: '學習歷程 ✓', flag: true, none: null } },
              metadata: shapes[0]!.metadata,
            },
            { eventId: shapes[1]!.eventId, type: 'Array', data: [1, 'two', { three: 3 }], metadata: null },
            { eventId: shapes[2]!.eventId, type: 'Text', data: 'just text', metadata: {} },
            { eventId: shapes[3]!.eventId, type: 'Number', data: 42.5, metadata: [] },
            { eventId: shapes[4]!.eventId, type: 'Null', data: null, metadata: 'm' },
          ]);
        },
      );

      it('writes nothing of a batch holding a value JSON cannot represent', async () => {
        const stream = `${namespace()}a`;
        const broken: NewEvent = { eventId: randomUUID(), type: 'Broken', data: undefined, metadata: {} };
        await expect(store().appendToStream(stream, [newEvent('A1'), broken], 'any')).rejects.toThrow(TypeError);
        expect(await store().readStream(stream)).toEqual([]);
      });
    });

    describe('reading all streams', () => {
      const seed = async () => {
        const ns = namespace();
        const streams = {
          school1: `${ns}school-1`,
          portfolio1: `${ns}portfolio-1`,
          school2: `${ns}school-2`,
          other: `${ns}other-1`,
        };
        await store().appendToStream(streams.school1, [newEvent('A')], 'any');
        await store().appendToStream(streams.portfolio1, [newEvent('B')], 'any');
        await store().appendToStream(streams.school2, [newEvent('C'), newEvent('D')], 'any');
        await store().appendToStream(streams.other, [newEvent('E')], 'any');
        return { ns, streams, all: await store().readAll({ streamPrefixes: [ns] }) };
      };

      it('returns every event in strictly increasing position order', async () => {
        const { all } = await seed();
        expect(types(all)).toEqual(['A', 'B', 'C', 'D', 'E']);
        expect(strictlyIncreasing(positions(all))).toBe(true);
      });

      it('returns only events strictly after a position, at most maxCount of them', async () => {
        const { ns, all } = await seed();
        const at = positions(all);
        expect(types(await store().readAll({ streamPrefixes: [ns], after: at[1]! }))).toEqual(['C', 'D', 'E']);
        expect(types(await store().readAll({ streamPrefixes: [ns], after: at[1]!, maxCount: 2 }))).toEqual(['C', 'D']);
        expect(types(await store().readAll({ streamPrefixes: [ns], maxCount: 1 }))).toEqual(['A']);
        expect(await store().readAll({ streamPrefixes: [ns], after: at[4]! })).toEqual([]);
      });

      it(
        'filters by stream-name prefix, keeping global order, and reads nothing for an empty ' + 'prefix list',
        async () => {
          const { ns, all } = await seed();
          expect(types(await store().readAll({ streamPrefixes: [`${ns}school-`, `${ns}other-`] }))).toEqual([
            'A',
            'C',
            'D',
            'E',
          ]);
          expect(
            types(await store().readAll({ streamPrefixes: [`${ns}school-`], after: all[0]!.position, maxCount: 1 })),
          ).toEqual(['C']);
          expect(types(await store().readAll({ streamPrefixes: [`${ns}school-`], after: all[1]!.position }))).toEqual([
            'C',
            'D',
          ]);
          expect(await store().readAll({ streamPrefixes: [] })).toEqual([]);
        },
      );

      it(
        'without a filter, reads every stream after a position: these events, in order, and no system ' + 'event',
        async () => {
          const before = appended(
            await store().appendToStream(`${namespace()}marker`, [newEvent('Marker')], 'any'),
          ).lastPosition;
          const { ns, all } = await seed();
          const read = await store().readAll({ after: before });
          expect(read.filter((event) => event.streamName.startsWith(ns))).toEqual(all);
          expect(read.every((event) => event.position > before && !event.type.startsWith('$'))).toBe(true);
          expect(strictlyIncreasing(positions(read))).toBe(true);
          expect(types(await store().readAll({ after: before, maxCount: 2 }))).toEqual(types(read.slice(0, 2)));
        },
      );
    });

    describe('subscribing to all streams', () => {
      it('catches up on stored events, then delivers live ones, each exactly once and in order', async () => {
        const ns = namespace();
        await store().appendToStream(`${ns}a`, [newEvent('A1'), newEvent('A2')], 'any');
        await store().appendToStream(`${ns}b`, [newEvent('B1')], 'any');
        const seen: RecordedEvent[] = [];
        subscribe({ streamPrefixes: [ns], onEvent: (event) => void seen.push(event) });
        await eventually(() => seen.length === 3, 'the catch-up');
        await store().appendToStream(`${ns}a`, [newEvent('A3')], 'any');
        await store().appendToStream(`${ns}b`, [newEvent('B2'), newEvent('B3')], 'any');
        await eventually(() => seen.length === 6, 'the live events');
        await settle();
        expect(types(seen)).toEqual(['A1', 'A2', 'B1', 'A3', 'B2', 'B3']);
        expect(seen).toEqual(await store().readAll({ streamPrefixes: [ns] }));
      });

      it('starts strictly after the given position and keeps to the stream prefixes', async () => {
        const ns = namespace();
        await store().appendToStream(`${ns}school-1`, [newEvent('S1'), newEvent('S2')], 'any');
        await store().appendToStream(`${ns}portfolio-1`, [newEvent('P1')], 'any');
        const [s1] = await store().readAll({ streamPrefixes: [ns] });
        const seen: string[] = [];
        subscribe({
          after: s1!.position,
          streamPrefixes: [`${ns}school-`],
          onEvent: (event) => void seen.push(event.type),
        });
        await store().appendToStream(`${ns}portfolio-1`, [newEvent('P2')], 'any');
        await store().appendToStream(`${ns}school-2`, [newEvent('S3')], 'any');
        await eventually(() => seen.length === 2, 'the school events');
        await settle();
        expect(seen).toEqual(['S2', 'S3']);
      });

      it('without a filter, delivers every stream after the position, and no system event', async () => {
        const before = appended(
          await store().appendToStream(`${namespace()}marker`, [newEvent('Marker')], 'any'),
        ).lastPosition;
        const ns = namespace();
        const seen: RecordedEvent[] = [];
        subscribe({ after: before, onEvent: (event) => void seen.push(event) });
        await store().appendToStream(`${ns}a`, [newEvent('A1')], 'any');
        await store().appendToStream(`${ns}b`, [newEvent('B1')], 'any');
        await eventually(() => seen.filter((event) => event.streamName.startsWith(ns)).length === 2, 'the live events');
        expect(types(seen.filter((event) => event.streamName.startsWith(ns)))).toEqual(['A1', 'B1']);
        expect(seen.every((event) => event.position > before && !event.type.startsWith('$'))).toBe(true);
      });

      it(
        'resumes from a checkpoint: a second subscription after the last handled position sees the ' + 'rest, once',
        async () => {
          const ns = namespace();
          await store().appendToStream(`${ns}a`, [newEvent('A1'), newEvent('A2'), newEvent('A3')], 'any');
          let checkpoint = -1;
          const first: string[] = [];
          const subscription = subscribe({
            streamPrefixes: [ns],
            onEvent: (event) => {
              first.push(event.type);
              checkpoint = event.position;
            },
          });
          await eventually(() => first.length === 3, 'the first subscription');
          await subscription.close();
          await store().appendToStream(`${ns}b`, [newEvent('B1'), newEvent('B2')], 'any');
          const second: string[] = [];
          subscribe({ after: checkpoint, streamPrefixes: [ns], onEvent: (event) => void second.push(event.type) });
          await store().appendToStream(`${ns}a`, [newEvent('A4')], 'any');
          await eventually(() => second.length === 3, 'the second subscription');
          await settle();
          expect(first).toEqual(['A1', 'A2', 'A3']);
          expect(second).toEqual(['B1', 'B2', 'A4']);
        },
      );

      it('awaits the handler before delivering the next event', async () => {
        const ns = namespace();
        await store().appendToStream(`${ns}a`, [newEvent('A1'), newEvent('A2'), newEvent('A3')], 'any');
        const log: string[] = [];
        subscribe({
          streamPrefixes: [ns],
          onEvent: async (event) => {
            log.push(`start ${event.type}`);
            await new Promise((resolve) => setTimeout(resolve, 10));
            log.push(`end ${event.type}`);
          },
        });
        await eventually(() => log.length === 6, 'three handled events');
        expect(log).toEqual(['start A1', 'end A1', 'start A2', 'end A2', 'start A3', 'end A3']);
      });

      it('stops at the event whose handler throws and reports the error once', async () => {
        const ns = namespace();
        await store().appendToStream(`${ns}a`, [newEvent('A1'), newEvent('A2'), newEvent('A3')], 'any');
        const attempted: string[] = [];
        const errors: unknown[] = [];
        const failure = new Error('projection broke');
        subscribe({
          streamPrefixes: [ns],
          onEvent: async (event) => {
            attempted.push(event.type);
            if (event.type === 'A2') throw failure;
          },
          onError: (error) => errors.push(error),
        });
        await eventually(() => errors.length === 1, 'the error report');
        await store().appendToStream(`${ns}a`, [newEvent('A4')], 'any');
        await settle();
        expect(attempted).toEqual(['A1', 'A2']);
        expect(errors).toEqual([failure]);
      });

      it('delivers nothing more once closed, and nothing at all for an empty prefix list', async () => {
        const ns = namespace();
        await store().appendToStream(`${ns}a`, [newEvent('A1')], 'any');
        const seen: string[] = [];
        const none: string[] = [];
        const subscription = subscribe({ streamPrefixes: [ns], onEvent: (event) => void seen.push(event.type) });
        subscribe({ streamPrefixes: [], onEvent: (event) => void none.push(event.type) });
        await eventually(() => seen.length === 1, 'the first event');
        await subscription.close();
        await store().appendToStream(`${ns}a`, [newEvent('A2')], 'any');
        await settle();
        expect(seen).toEqual(['A1']);
        expect(none).toEqual([]);
      });

      it('finishes the event in hand when closed during the catch-up, then stops', async () => {
        const ns = namespace();
        await store().appendToStream(`${ns}a`, [newEvent('A1'), newEvent('A2'), newEvent('A3')], 'any');
        const handled: string[] = [];
        let closing: Promise<void> | undefined;
        const subscription: Subscription = subscribe({
          streamPrefixes: [ns],
          onEvent: async (event) => {
            if (event.type === 'A1') closing = subscription.close();
            await new Promise((resolve) => setTimeout(resolve, 20));
            handled.push(event.type);
          },
        });
        await eventually(() => closing !== undefined, 'the close');
        await closing;
        expect(handled).toEqual(['A1']);
      });
    });

    describe('idempotent append by event id', () => {
      const retried = async (expected: ExpectedVersion, first: ExpectedVersion = expected) => {
        const stream = `${namespace()}a`;
        const batch = [newEvent('A1'), newEvent('A2')];
        const written = appended(await store().appendToStream(stream, batch, first));
        return { stream, batch, written, again: await store().appendToStream(stream, batch, expected) };
      };

      const asRepeat = (written: AppendResult): AppendResult => ({ ...withoutPositions(written), alreadyStored: true });

      it(
        'stores a batch retried with the same expected version once and returns the first result, marked as a ' +
          'repeat',
        async () => {
          for (const expected of ['no_stream', 'any'] as const) {
            const { stream, written, again } = await retried(expected);
            expect(written.alreadyStored).toBe(false);
            expect(appended(again)).toEqual(asRepeat(written));
            expect(types(await store().readStream(stream))).toEqual(['A1', 'A2']);
          }
          const stream = `${namespace()}a`;
          await store().appendToStream(stream, [newEvent('A0')], 'no_stream');
          const batch = [newEvent('A1')];
          const written = appended(await store().appendToStream(stream, batch, 0));
          expect(appended(await store().appendToStream(stream, batch, 0))).toEqual(asRepeat(written));
          expect(appended(await store().appendToStream(stream, batch, 'stream_exists'))).toEqual(asRepeat(written));
          expect(types(await store().readStream(stream))).toEqual(['A0', 'A1']);
        },
      );

      it('recognises the retry even after the stream has moved on', async () => {
        const stream = `${namespace()}a`;
        const batch = [newEvent('A1'), newEvent('A2')];
        const written = appended(await store().appendToStream(stream, batch, 'no_stream'));
        await store().appendToStream(stream, [newEvent('A3')], 1);
        expect(appended(await store().appendToStream(stream, batch, 'no_stream'))).toEqual(asRepeat(written));
        expect(appended(await store().appendToStream(stream, batch, 'any'))).toEqual(asRepeat(written));
        expect(types(await store().readStream(stream))).toEqual(['A1', 'A2', 'A3']);
      });

      it('refuses a batch that repeats the end of the stream and runs past it, writing nothing', async () => {
        const stream = `${namespace()}a`;
        const earlier = newEvent('A1');
        await store().appendToStream(stream, [earlier], 'no_stream');
        const error = refused(await store().appendToStream(stream, [earlier, newEvent('A2')], 'no_stream'));
        expect(error.code).toBe('WRONG_EXPECTED_VERSION');
        expect(error.details).toEqual({ streamName: stream, expected: 'no_stream', actual: 0 });
        expect(types(await store().readStream(stream))).toEqual(['A1']);
      });

      it(
        'answers exactly one of concurrent appends of one batch as written, the others as repeats (issue 16, ' +
          'item 8)',
        async () => {
          for (const expected of ['no_stream', 'any'] as const) {
            const stream = `${namespace()}a`;
            const batch = [newEvent('A1'), newEvent('A2')];
            const results = (
              await Promise.all(Array.from({ length: 4 }, () => store().appendToStream(stream, batch, expected)))
            ).map(appended);
            expect(results.map((result) => result.alreadyStored).sort()).toEqual([false, true, true, true]);
            expect(types(await store().readStream(stream))).toEqual(['A1', 'A2']);
          }
        },
      );

      it(
        'marks a repeat through another connection as a repeat, and one in the same instant where the store ' +
          'can tell',
        async () => {
          const other = opened?.other;
          if (!other) return;
          const stream = `${namespace()}a`;
          const batch = [newEvent('A1')];
          const written = appended(await store().appendToStream(stream, batch, 'no_stream'));
          expect(appended(await other.appendToStream(stream, batch, 'no_stream'))).toEqual(asRepeat(written));
          if (!opened?.otherSeesConcurrentRepeats) return;
          for (let round = 0; round < 5; round++) {
            const racing = `${namespace()}a`;
            const same = [newEvent('B1'), newEvent('B2')];
            const results = (
              await Promise.all(
                [store(), other, store(), other].map((s) => s.appendToStream(racing, same, 'no_stream')),
              )
            ).map(appended);
            expect(results.map((result) => result.alreadyStored).sort()).toEqual([false, true, true, true]);
          }
        },
      );

      it('does not take the same event id in another stream for a repeat', async () => {
        const ns = namespace();
        const shared = newEvent('Shared');
        await store().appendToStream(`${ns}a`, [shared], 'no_stream');
        const written = appended(await store().appendToStream(`${ns}b`, [shared], 'no_stream'));
        const [b] = await store().readStream(`${ns}b`);
        expect(withoutPositions(written)).toEqual({ nextVersion: 0, lastPosition: b!.position, alreadyStored: false });
        expect(b!.eventId).toBe(shared.eventId);
      });
    });
  });
};
