import fc from 'fast-check';
import { InMemoryEventStore } from './inMemoryStore';
import type { RecordedEvent } from './port';

const STREAMS = ['school-1', 'school-2', 'portfolio-1', 'portfolio-2'] as const;

const appendsArb = fc.array(fc.record({ stream: fc.constantFrom(...STREAMS), size: fc.integer({ min: 1, max: 4 }) }), {
  minLength: 1,
  maxLength: 30,
});

describe('the in-memory store under any interleaving of appends', () => {
  it('keeps every event exactly once, in increasing position, with revisions 0..n-1 per stream', async () => {
    await fc.assert(
      fc.asyncProperty(appendsArb, fc.scheduler(), async (appends, scheduler) => {
        const store = new InMemoryEventStore();
        const live: RecordedEvent[] = [];
        const subscription = store.subscribeToAll({ onEvent: (e) => void live.push(e) });
        const ids = appends.map((append, i) => Array.from({ length: append.size }, (_, j) => `e-${i}-${j}`));
        const writes = appends.map((append, i) =>
          scheduler.schedule(Promise.resolve(), `append ${i} to ${append.stream}`).then(() =>
            store.appendToStream(
              append.stream,
              ids[i]!.map((eventId) => ({ eventId, type: 'T', data: { i }, metadata: {} })),
              'any',
            ),
          ),
        );
        await scheduler.waitFor(Promise.all(writes));

        const all = await store.readAll();
        const expectedIds = ids.flat();
        expect(all.map((e) => e.eventId).sort()).toEqual([...expectedIds].sort());
        expect(new Set(all.map((e) => e.eventId)).size).toBe(expectedIds.length);
        expect(all.map((e) => e.position)).toEqual(all.map((_, i) => i));

        for (const stream of STREAMS) {
          const events = await store.readStream(stream);
          expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
          expect(events).toEqual(all.filter((e) => e.streamName === stream));
        }
        // A batch stays contiguous within its stream, whatever the interleaving.
        for (const batch of ids) {
          const revisions = batch.map((id) => all.find((e) => e.eventId === id)!.revision);
          expect(revisions).toEqual(revisions.map((_, k) => revisions[0]! + k));
        }

        for (let i = 0; i < 1_000 && live.length < all.length; i++) await new Promise((r) => setImmediate(r));
        await subscription.close();
        expect(live).toEqual(all);
      }),
      { numRuns: 100 },
    );
  });
});
