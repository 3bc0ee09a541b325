import type { RecordedEvent } from '@licheng/eventstore';
import { decodeRecorded } from '@licheng/projections';
import { decodeOnce } from './decodeOnce';
import { sevenOutcomes } from './testing/histories';

let records: ReadonlyArray<RecordedEvent>;
beforeAll(async () => {
  const { store } = await sevenOutcomes();
  records = await store.readAll();
});

describe('decoding each stored event once', () => {
  it('answers what decodeRecorded answers, for readable and unreadable events alike', () => {
    const unreadable = { ...records[1]!, data: { outcomeId: 42 } };
    const unknown = { ...records[0]!, streamName: 'elsewhere-1' };
    const decode = decodeOnce();
    for (const record of [...records, unreadable, unknown]) expect(decode(record)).toEqual(decodeRecorded(record));
    expect(decode(unreadable)._tag).toBe('Left');
  });

  it('hands a record decoded before the same answer, and another record its own', () => {
    const decode = decodeOnce();
    const first = decode(records[0]!);
    expect(decode(records[0]!)).toBe(first);
    const copy = JSON.parse(JSON.stringify(records[0])) as RecordedEvent;
    expect(decode(copy)).not.toBe(first);
    expect(decode(copy)).toEqual(first);
  });
});
