import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { portfolioStreamName, schoolStreamName } from '@licheng/domain';
import { schoolFixture } from '@licheng/domain/testing';
import { seedEvents } from './testing';
import { portfolioAggregate, schoolAggregate } from './aggregates';
import { InMemoryEventStore } from './inMemoryStore';
import { createLichengService } from './service';
import { createCachingLoader } from './stateCache';

const stream = portfolioStreamName('sch1', 's1');
const ref = (n: number) => ({ schoolId: 'sch1', studentId: 's1', outcomeId: `o${n}` });
const pdf = (n: number) => ({
  name: `f${n}.pdf`,
  mimeType: 'application/pdf',
  sizeBytes: 1000 + n,
  sha256: 'c'.repeat(64),
  storageKey: `k${n}`,
});

type Kind = 'upload' | 'delete' | 'send';
const TYPES: Record<Kind, string> = {
  upload: 'UploadCourseOutcome',
  delete: 'DeleteCourseOutcome',
  send: 'SendCourseOutcomeForCertification',
};

/** A student's command on outcome `o${n}`; an id seen before makes it a repeat, or a reuse of the id. */
const command = (commandId: string, kind: Kind, n: number) => ({
  commandId,
  now: '2022-10-01T10:00+08:00',
  actor: { id: 's1', role: 'student', schoolId: 'sch1' } as const,
  type: TYPES[kind],
  data: kind === 'upload' ? { ...ref(n), courseId: 'math-1111', description: '成果', document: pdf(n) } : ref(n),
});

const storeWithSchool = async () => {
  const store = new InMemoryEventStore();
  await seedEvents(store, schoolAggregate, schoolStreamName('sch1'), schoolFixture().events);
  return store;
};

/** Counts the reads of the student's stream and the appends to it. */
const watched = (store: InMemoryEventStore) => {
  const counts = { reads: 0, appends: 0 };
  const readStream = store.readStream.bind(store);
  store.readStream = async (name, options) => {
    if (name === stream) counts.reads += 1;
    return readStream(name, options);
  };
  const appendToStream = store.appendToStream.bind(store);
  store.appendToStream = async (name, events, expected) => {
    if (name === stream) counts.appends += 1;
    return appendToStream(name, events, expected);
  };
  return counts;
};

const answer = (result: E.Either<{ code: string }, unknown>) => (E.isLeft(result) ? result.left.code : result.right);

describe.each([
  ['an optimistic state cache', false],
  ['an optimistic state cache that folds in place', true],
])('a command handler with %s', (_, foldInPlace) => {
  const optimisticService = (store: InMemoryEventStore) =>
    createLichengService({ store, load: createCachingLoader(store, { foldInPlace, optimistic: true }) });

  it('answers every command as a handler reading the whole stream would, whoever else writes to it', async () => {
    const step = fc.record({
      kind: fc.constantFrom<Kind>('upload', 'delete', 'send'),
      n: fc.integer({ min: 1, max: 3 }),
      viaOther: fc.boolean(),
      // Now and then an id used before: a repeat of its command, or a reuse of the id for another.
      reuse: fc.option(fc.nat(), { freq: 5 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        const [mixed, plain] = [await storeWithSchool(), await storeWithSchool()];
        const cached = optimisticService(mixed);
        const other = createLichengService({ store: mixed });
        const reference = createLichengService({ store: plain });
        for (const [i, s] of steps.entries()) {
          const id = s.reuse === null || i === 0 ? `c${i}` : `c${s.reuse % i}`;
          const given = command(id, s.kind, s.n);
          const answered = await (s.viaOther ? other : cached).execute(given);
          expect(answer(answered)).toEqual(answer(await reference.execute(given)));
        }
        expect(mixed.snapshot()).toBe(plain.snapshot());
      }),
      { numRuns: 60 },
    );
  });

  it('decides a command on its cached state without reading the stream', async () => {
    const store = await storeWithSchool();
    const service = optimisticService(store);
    expect(E.isRight(await service.execute(command('c1', 'upload', 1)))).toBe(true);
    const counts = watched(store);
    const sent = [command('c2', 'upload', 2), command('c3', 'send', 2), command('c4', 'upload', 3)];
    for (const given of sent) expect(E.isRight(await service.execute(given))).toBe(true);
    expect(counts).toEqual({ reads: 0, appends: 3 });
  });

  it('decides again on the stream as it is when another writer moved it on', async () => {
    const store = await storeWithSchool();
    const service = optimisticService(store);
    await service.execute(command('c1', 'upload', 1));
    await createLichengService({ store }).execute(command('c2', 'upload', 2));
    const counts = watched(store);
    const sent = await service.execute(command('c3', 'send', 1));
    // Decided on the cached state at version 0, the append fails; decided again at version 1, it lands after o2.
    expect(E.isRight(sent) && sent.right.events.map((e) => [e.event.type, e.revision])).toEqual([
      ['CourseOutcomeSentForCertification', 2],
    ]);
    expect(counts).toEqual({ reads: 1, appends: 2 });
  });

  it('refuses only what it still refuses on the stream as it is', async () => {
    const store = await storeWithSchool();
    const service = optimisticService(store);
    await service.execute(command('c1', 'upload', 1));
    await createLichengService({ store }).execute(command('c2', 'delete', 1));
    const counts = watched(store);
    // On the cached state o1 still exists and may be sent; the append fails, and a read finds o1 deleted.
    const sent = await service.execute(command('c3', 'send', 1));
    expect(E.isLeft(sent) && sent.left.code).toBe('ITEM_NOT_FOUND');
    // On the cached state (now read) o4 does not exist either: the refusal is made again on a read before it is given.
    const missing = await service.execute(command('c4', 'delete', 4));
    expect(E.isLeft(missing) && missing.left.code).toBe('ITEM_NOT_FOUND');
    expect(counts).toEqual({ reads: 2, appends: 1 });
  });
});

describe('a state cache', () => {
  it('reads the store for every load that is not to be confirmed by an append', async () => {
    const store = await storeWithSchool();
    const service = createLichengService({ store });
    await service.execute(command('c1', 'upload', 1));
    const cache = createCachingLoader(store, { foldInPlace: true, optimistic: true });
    await cache(portfolioAggregate, stream);
    await service.execute(command('c2', 'upload', 2));
    const counts = watched(store);
    const read = await cache(portfolioAggregate, stream);
    expect(E.isRight(read) && [read.right.version, read.right.unchecked]).toEqual([1, undefined]);
    const unchecked = await cache(portfolioAggregate, stream, { confirmedByAppend: true });
    expect(E.isRight(unchecked) && [unchecked.right.version, unchecked.right.unchecked]).toEqual([1, true]);
    const notOptimistic = createCachingLoader(store, { foldInPlace: true });
    await notOptimistic(portfolioAggregate, stream, { confirmedByAppend: true });
    await notOptimistic(portfolioAggregate, stream, { confirmedByAppend: true });
    expect(counts.reads).toBe(3);
  });
});
