import * as publicEntry from './index';
import * as internalEntry from './internal';

// #21 item 7: adapter and audit plumbing lives in './internal'; the domain's names are not exported twice.
describe('the public surface of @licheng/eventstore', () => {
  it('offers the service, the store port and the in-memory store an embedding application uses', () => {
    expect(Object.keys(publicEntry)).toEqual(
      expect.arrayContaining([
        'createLichengService',
        'createCachingLoader',
        'InMemoryEventStore',
        'NO_STREAM',
        'linkHash',
      ]),
    );
  });

  it('keeps store-adapter plumbing and the domain re-exports off the public entry', () => {
    const hidden = [
      'KeyedQueue',
      'OpenSubscriptions',
      'wrongExpectedVersion',
      'satisfiesExpectedVersion',
      'chainBatch',
      'STREAM_PREFIXES',
      'Sha256Hex',
    ];
    expect(hidden.filter((name) => name in publicEntry)).toEqual([]);
    expect(Object.keys(internalEntry).filter((name) => name in publicEntry)).toEqual([]);
  });
});
