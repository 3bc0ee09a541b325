import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { foldFromInitial, schoolStreamName, type SchoolEvent } from '@licheng/domain';
import { schoolAggregate } from './aggregates';
import { chainBatch } from './chainHead';
import { InMemoryEventStore } from './inMemoryStore';
import { loadStream } from './loadStream';
import { GENESIS_HASH, storedHash } from './metadata';
import { storedContentHash } from './quarantine';
import { quarantineStoredEvent } from './repair';
import { createCachingLoader } from './stateCache';

/**
 * Issue 16, item 6, as an invariant: a stream with unreadable events set aside loads as the fold of its other
 * events, at the version of its last record, through `loadStream` and through a state cache alike.
 */
const STREAM = schoolStreamName('sch1');
const meta = (i: number, actor: Record<string, unknown> = { id: 'admin', role: 'admin', schoolId: 'sch1' }) => ({
  occurredAt: `2023-03-01T09:${String(i % 60).padStart(2, '0')}+08:00`,
  actor,
  commandId: `c${i}`,
  correlationId: `c${i}`,
  causationId: `c${i}`,
  schemaVersion: 1,
});
const registered: SchoolEvent = {
  type: 'SchoolRegistered',
  data: { schoolId: 'sch1', name: '測試高中' },
} as SchoolEvent;
const quota = (value: number) =>
  ({
    type: 'ParameterSet',
    data: { parameter: 'outcomeUploadQuota', value, effectiveFromSchoolYear: 112 },
  }) as SchoolEvent;

describe('a stream with events set aside (property)', () => {
  it('loads as the fold of its readable events, at the version of its last record, cached or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ value: fc.integer({ min: 1, max: 40 }), broken: fc.boolean() }), {
          minLength: 1,
          maxLength: 12,
        }),
        async (steps) => {
          const store = new InMemoryEventStore();
          const cache = createCachingLoader(store);
          let prev = GENESIS_HASH;
          const append = async (type: string, data: unknown, metadata: unknown, eventId: string) => {
            const [event] = chainBatch(prev, [{ eventId, type, data, metadata }]);
            prev = storedHash(event!.metadata)!;
            await store.appendToStream(STREAM, [event!], 'any');
          };
          await append(registered.type, registered.data, meta(0), 'e0');
          const readable: SchoolEvent[] = [registered];
          for (const [i, step] of steps.entries()) {
            const n = i + 1;
            // A stored actor without its role: unreadable, as item 6 left such events.
            await append(
              'ParameterSet',
              quota(step.value).data,
              meta(n, step.broken ? { id: 'admin' } : undefined),
              `e${n}`,
            );
            if (!step.broken) readable.push(quota(step.value));
            await cache(schoolAggregate, STREAM); // cache whatever loads so far, broken or not
          }
          for (const record of await store.readStream(STREAM)) {
            if (E.isRight(schoolAggregate.serializer.decode(record))) continue;
            const repaired = await quarantineStoredEvent(store, {
              streamName: STREAM,
              revision: record.revision,
              eventId: record.eventId,
              contentHash: storedContentHash(record),
              reason: 'lost role',
              actor: { id: 'ops', role: 'system' },
              now: '2023-03-02T09:00+08:00',
              commandId: `repair-${record.revision}`,
            });
            if (E.isLeft(repaired)) throw new Error(repaired.left.message.en);
            prev = storedHash([...(await store.readStream(STREAM))].pop()!.metadata)!;
          }
          const last = [...(await store.readStream(STREAM))].pop()!.revision;
          const expected = foldFromInitial(schoolAggregate.decider, readable);
          for (const loaded of [
            await loadStream(store, schoolAggregate, STREAM),
            await cache(schoolAggregate, STREAM),
          ]) {
            if (E.isLeft(loaded)) throw new Error(loaded.left.message.en);
            expect(loaded.right.version).toBe(last);
            expect(loaded.right.state).toEqual(expected);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
