import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { portfolioStreamName, schoolStreamName } from '@licheng/domain';
import { schoolFixture } from '@licheng/domain/testing';
import { seedEvents } from './testing';
import { portfolioAggregate, schoolAggregate } from './aggregates';
import { InMemoryEventStore } from './inMemoryStore';
import { loadStream } from './loadStream';
import { createLichengService } from './service';
import { createCachingLoader } from './stateCache';

const pdf = (n: number) => ({
  name: `f${n}.pdf`,
  mimeType: 'application/pdf',
  sizeBytes: 1000 + n,
  sha256: 'c'.repeat(64),
  storageKey: `k${n}`,
});

/** A student's upload of outcome `o${n}`, as command `u${n}`. */
const upload = (n: number) => ({
  commandId: `u${n}`,
  now: '2022-10-01T10:00+08:00',
  actor: { id: 's1', role: 'student', schoolId: 'sch1' } as const,
  type: 'UploadCourseOutcome',
  data: {
    schoolId: 'sch1',
    studentId: 's1',
    outcomeId: `o${n}`,
    courseId: 'math-1111',
    description: '成果',
    document: pdf(n),
  },
});

describe.each([
  ['the state cache', false],
  ['the state cache that folds in place', true],
])('%s', (_, foldInPlace) => {
  it('always gives the state a full replay gives, whoever else writes to the stream', async () => {
    const step = fc.record({
      n: fc.integer({ min: 1, max: 6 }),
      kind: fc.constantFrom('upload', 'delete', 'send'),
      viaOther: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), fc.integer({ min: 1, max: 3 }), async (steps, maxStreams) => {
        const store = new InMemoryEventStore();
        await seedEvents(store, schoolAggregate, schoolStreamName('sch1'), schoolFixture().events);
        const cache = createCachingLoader(store, { maxStreams, foldInPlace });
        const cached = createLichengService({ store, load: cache });
        const other = createLichengService({ store });
        for (const [i, s] of steps.entries()) {
          const ref = { schoolId: 'sch1', studentId: 's1', outcomeId: `o${s.n}` };
          const type =
            s.kind === 'upload'
              ? 'UploadCourseOutcome'
              : s.kind === 'delete'
                ? 'DeleteCourseOutcome'
                : 'SendCourseOutcomeForCertification';
          const data =
            s.kind === 'upload' ? { ...ref, courseId: 'math-1111', description: '成果', document: pdf(s.n) } : ref;
          await (s.viaOther ? other : cached).execute({
            commandId: `c${i}`,
            now: '2022-10-01T10:00+08:00',
            actor: { id: 's1', role: 'student', schoolId: 'sch1' },
            type,
            data,
          });
          const fromCache = E.map((loaded: { state: unknown }) => loaded.state)(
            await cache(portfolioAggregate, portfolioStreamName('sch1', 's1')),
          );
          const full = await loadStream(store, portfolioAggregate, portfolioStreamName('sch1', 's1'));
          expect(E.isRight(fromCache) && E.isRight(full) && fromCache.right).toEqual(
            E.isRight(full) && full.right.state,
          );
        }
        expect(cache.size()).toBeLessThanOrEqual(maxStreams);
      }),
      { numRuns: 40 },
    );
  });

  it('folds each event once when loads of one stream overlap', async () => {
    const store = new InMemoryEventStore();
    await seedEvents(store, schoolAggregate, schoolStreamName('sch1'), schoolFixture().events);
    const cache = createCachingLoader(store, { foldInPlace });
    const service = createLichengService({ store });
    await service.execute(upload(1));
    await cache(portfolioAggregate, portfolioStreamName('sch1', 's1'));
    await service.execute(upload(2));
    const [a, b] = await Promise.all([
      cache(portfolioAggregate, portfolioStreamName('sch1', 's1')),
      cache(portfolioAggregate, portfolioStreamName('sch1', 's1')),
    ]);
    const full = await loadStream(store, portfolioAggregate, portfolioStreamName('sch1', 's1'));
    for (const loaded of [a, b])
      expect(E.isRight(loaded) && loaded.right.state).toEqual(E.isRight(full) && full.right.state);
    expect(E.isRight(full) && full.right.state.storageBytes).toBe(2003);
  });

  describe('after its own handler appends', () => {
    const stream = portfolioStreamName('sch1', 's1');
    const setUp = async () => {
      const store = new InMemoryEventStore();
      await seedEvents(store, schoolAggregate, schoolStreamName('sch1'), schoolFixture().events);
      const eventsRead: number[] = [];
      const readStream = store.readStream.bind(store);
      store.readStream = async (name, options) => {
        const events = await readStream(name, options);
        if (name === stream) eventsRead.push(events.length);
        return events;
      };
      const cache = createCachingLoader(store, { foldInPlace });
      return { store, eventsRead, cache, service: createLichengService({ store, load: cache }) };
    };

    it('folds the written events on, so the next command reads none of them back', async () => {
      const { store, eventsRead, cache, service } = await setUp();
      for (const n of [1, 2, 3]) expect(E.isRight(await service.execute(upload(n)))).toBe(true);
      // The first command reads the empty stream; every later load finds nothing newer than its own write.
      expect(eventsRead).toEqual([0, 0, 0]);
      const cached = await cache(portfolioAggregate, stream);
      const full = await loadStream(store, portfolioAggregate, stream);
      expect(E.isRight(cached) && cached.right).toMatchObject({
        version: 2,
        state: E.isRight(full) && full.right.state,
      });
      expect(E.isRight(cached) && cached.right.commands.get('u3')).toBe(2);
      expect(E.isRight(cached) && cached.right.last?.eventId).toBe(E.isRight(full) && full.right.last?.eventId);
    });

    it('leaves an entry that a later load replaced, which read the events itself', async () => {
      const { store, cache } = await setUp();
      const other = createLichengService({ store });
      await other.execute(upload(1));
      const first = await cache(portfolioAggregate, stream);
      await other.execute(upload(2));
      const second = await cache(portfolioAggregate, stream);
      const written = await loadStream(store, portfolioAggregate, stream);
      if (E.isLeft(first) || E.isLeft(second) || E.isLeft(written) || !written.right.last) throw new Error('setup');
      // Told late of the second upload as if appended after the first load: it is already folded in.
      await cache.appended?.(portfolioAggregate, stream, first.right, [written.right.last as never]);
      const after = await cache(portfolioAggregate, stream);
      expect(E.isRight(after) && after.right.state).toEqual(written.right.state);
      expect(E.isRight(after) && after.right.version).toBe(1);
    });

    it('gives the state of a full replay when commands of one stream run at once', async () => {
      const { store, cache, service } = await setUp();
      const results = await Promise.all([1, 2, 3].map((n) => service.execute(upload(n))));
      expect(results.map((r) => (E.isLeft(r) ? r.left.code : 'ok'))).toEqual(['ok', 'ok', 'ok']);
      const cached = await cache(portfolioAggregate, stream);
      const full = await loadStream(store, portfolioAggregate, stream);
      expect(E.isRight(cached) && cached.right.state).toEqual(E.isRight(full) && full.right.state);
      expect(E.isRight(full) && full.right.version).toBe(2);
    });
  });
});
