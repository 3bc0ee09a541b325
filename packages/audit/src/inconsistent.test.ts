import type { RecordedEvent } from '@licheng/eventstore';
import { QUARANTINE_EVENT_TYPE } from '@licheng/domain';
import * as fc from 'fast-check';
import { findInconsistentEvents } from './inconsistent';
import { reDecide } from './redecide';
import { byStream } from './streams';
import { linesOf, logOf, simulatedYear } from './testing/histories';

/**
 * The audit finds inconsistent events while re-deciding (one decode and one fold per event); the readable
 * definition walks stream after stream on its own. Edited logs must give both the same findings, in the same
 * order: events removed, replayed later (which often changes nothing), moved across streams' interleaving,
 * made unreadable, or turned into quarantine records.
 */
let records: ReadonlyArray<RecordedEvent>;
beforeAll(async () => {
  ({ records } = await simulatedYear(3));
});

type Edit =
  | { readonly kind: 'remove' | 'unreadable' | 'quarantine'; readonly at: number }
  | { readonly kind: 'replay' | 'move'; readonly at: number; readonly to: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constantFrom('remove' as const, 'unreadable' as const, 'quarantine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constantFrom('replay' as const, 'move' as const), at: fc.nat(), to: fc.nat() }),
);

const applied = (base: ReadonlyArray<RecordedEvent>, edits: ReadonlyArray<Edit>): RecordedEvent[] => {
  const log = [...base];
  for (const e of edits) {
    const at = e.at % log.length;
    const record = log[at]!;
    switch (e.kind) {
      case 'remove':
        log.splice(at, 1);
        break;
      case 'unreadable':
        log[at] = { ...record, data: { forged: true } };
        break;
      case 'quarantine':
        log[at] = { ...record, type: QUARANTINE_EVENT_TYPE };
        break;
      case 'replay':
        // A copy further on, under its own command id, so that it is a group of its own.
        log.splice(at + 1 + (e.to % (log.length - at)), 0, {
          ...record,
          eventId: `replayed-${at}`,
          metadata: { ...(record.metadata as object), commandId: `replayed-${at}` },
        });
        break;
      case 'move':
        log.splice(at, 1);
        log.splice(e.to % (log.length + 1), 0, record);
        break;
    }
    if (log.length === 0) break;
  }
  return log;
};

describe('inconsistent events found while re-deciding', () => {
  it('are those the readable definition finds, in its order, on edited logs', () => {
    let found = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        const { entries } = logOf(linesOf(applied(records, edits)));
        const streams = byStream(entries);
        const expected = findInconsistentEvents(streams);
        found += expected.length;
        expect(reDecide(entries, streams).inconsistent).toEqual(expected);
      }),
      { numRuns: 60 },
    );
    // Edits that make no inconsistent event would test nothing.
    expect(found).toBeGreaterThan(0);
  });

  it('finds none in an untouched log', () => {
    expect(reDecide(logOf(linesOf(records)).entries).inconsistent).toEqual([]);
  });

  // Re-deciding watches only the events of commands it cannot verify: a decided event must change the state.
  it.each([111, 7, 8])(
    'finds, by the readable definition, no event the deciders wrote that changes nothing (school year of seed %d)',
    async (seed) => {
      const written = seed === 111 ? records : (await simulatedYear(6, seed)).records;
      const { entries } = logOf(linesOf(written));
      expect(entries.length).toBeGreaterThan(100);
      expect(findInconsistentEvents(byStream(entries))).toEqual([]);
    },
  );
});
