import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import type { SchoolEvent } from '@licheng/domain';
import { schoolFixture } from '@licheng/domain/testing';
import { schoolAggregate } from './aggregates';
import { GENESIS_HASH, linkHash, storedHash } from './metadata';
import { prepareBatch } from './writeBatch';

const metadata = (commandId: string) => ({
  occurredAt: '2022-10-01T10:00+08:00' as never,
  actor: { id: 'admin1', role: 'admin', schoolId: 'sch1' } as never,
  commandId,
  correlationId: commandId,
  causationId: commandId,
});
const command = { command: { type: 'RegisterSchool', data: { schoolId: 'sch1', name: '第一高中' } } };
const prepare = (events: ReadonlyArray<SchoolEvent>, prevHash = GENESIS_HASH, commandId = 'c1') =>
  prepareBatch(
    schoolAggregate.serializer,
    'school-sch1',
    -1,
    prevHash,
    events,
    events.map((_, i) => `id-${i}`),
    { metadata: metadata(commandId), commandRecord: command },
  );

describe('preparing a decided batch for the store', () => {
  it('chains each event exactly as linkHash does over what is stored, and hands the store texts of the same', () => {
    const events = schoolFixture().events;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: events.length - 1 }),
        fc.integer({ min: 1, max: 4 }),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        fc.string({ minLength: 1, maxLength: 20 }),
        (from, length, prevHash, commandId) => {
          const slice = events.slice(from, from + length);
          const prepared = prepare(slice, prevHash, commandId);
          if (E.isLeft(prepared)) throw new Error(prepared.left.message.en);
          let prev = prevHash;
          for (const event of prepared.right.batch) {
            // Through JSON, as a store gives it back: the stored hash must be the one recomputed from it.
            const stored = JSON.parse(JSON.stringify(event)) as typeof event;
            prev = linkHash(prev, stored);
            expect(storedHash(stored.metadata)).toBe(prev);
            // The texts a store keeps instead of serialising again say the same.
            expect(JSON.parse(event.json!.data)).toEqual(stored.data);
            expect(JSON.parse(event.json!.metadata)).toEqual(stored.metadata);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads each event back as decided, with the metadata it is stored with', () => {
    const events = schoolFixture().events.slice(0, 3);
    const prepared = prepare(events);
    if (E.isLeft(prepared)) throw new Error(prepared.left.message.en);
    expect(prepared.right.readBack.map((envelope) => envelope.event)).toEqual(events);
    expect(prepared.right.readBack.map((envelope) => envelope.metadata)).toEqual(
      prepared.right.batch.map((event) => JSON.parse(JSON.stringify(event.metadata)) as unknown),
    );
    expect(prepared.right.readBack.map((envelope) => envelope.revision)).toEqual([0, 1, 2]);
  });

  it('refuses a value JSON cannot hold as EVENT_NOT_STORABLE instead of throwing', () => {
    const broken = {
      type: 'ParameterSet',
      data: { parameter: 'outcomeUploadQuota', value: NaN, effectiveFromSchoolYear: 112 },
    };
    const prepared = prepare([broken as unknown as SchoolEvent]);
    expect(E.isLeft(prepared) && prepared.left).toMatchObject({ code: 'EVENT_NOT_STORABLE', rule: null });
  });

  it('refuses an event of a type the serializer does not know as EVENT_NOT_STORABLE instead of throwing', () => {
    const prepared = prepare([{ type: 'SchoolRenamed', data: {} } as unknown as SchoolEvent]);
    expect(E.isLeft(prepared) && prepared.left).toMatchObject({ code: 'EVENT_NOT_STORABLE', rule: null });
  });

  it('refuses an event that reads back otherwise, such as a field served by a getter', () => {
    const event = schoolFixture().events[0]!;
    const data = Object.create(
      {
        get name() {
          return '第一高中';
        },
      },
      Object.getOwnPropertyDescriptors({ ...event.data, name: undefined }),
    ) as object;
    const prepared = prepare([{ ...event, data } as unknown as SchoolEvent]);
    expect(E.isLeft(prepared) && prepared.left.code).toBe('EVENT_NOT_STORABLE');
  });
});
