import * as publicEntry from './index';
import * as internalEntry from './internal';

// #21 item 7: the public entry is an explicit list; what only the @licheng packages share lives in './internal'.
describe('the public surface of @licheng/domain', () => {
  it('offers the deciders, command decoding, stream names and bilingual errors an embedding service uses', () => {
    expect(Object.keys(publicEntry)).toEqual(
      expect.arrayContaining([
        'portfolioDecider',
        'schoolDecider',
        'submissionDecider',
        'decodeCommand',
        'foldEvents',
        'portfolioStreamName',
        'formatError',
        'RULE_IDS',
      ]),
    );
  });

  it('keeps compiler internals, error catalogues and per-event codecs off the public entry', () => {
    const hidden = [
      'compileDecoder',
      'INVALID',
      'domainError',
      'schoolNotRegistered',
      'outcomeErrors',
      'schoolErrors',
      'renderEventCatalogue',
      'CourseOutcomeUploaded',
      'OUTCOME_EVENTS',
      'codecsByType',
    ];
    expect(hidden.filter((name) => name in publicEntry)).toEqual([]);
  });

  it(
    'gives the other @licheng packages what they share through the internal entry, and nothing the public ' + 'one has',
    () => {
      expect(Object.keys(internalEntry)).toEqual(
        expect.arrayContaining(['decodeWith', 'domainError', 'schoolNotRegistered', 'backdated']),
      );
      expect(Object.keys(internalEntry).filter((name) => name in publicEntry)).toEqual([]);
    },
  );

  it('holds no fast decoder: that is @licheng/fast-decode, plugged in by @licheng/eventstore (decision 0016)', () => {
    expect(
      ['compileDecoder', 'INVALID', 'fastDecode'].filter((name) => name in internalEntry || name in publicEntry),
    ).toEqual([]);
  });
});
