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
    const actor = { id: 's1', role: 'student', schoolId: 'sch1' } as const;
    const upload = (n: number) => ({
      commandId: `u${n}`,
      now: '2022-10-01T10:00+08:00',
      actor,
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
});
