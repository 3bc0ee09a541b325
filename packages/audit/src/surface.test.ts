import * as publicEntry from './index';

/** Every runtime name of the public entry: a name added or dropped is a change of the published surface. */
const PUBLIC_NAMES = [
  'BUNDLE_FORMAT',
  'FINDING_KINDS',
  'REPORTS',
  'REPORT_NAMES',
  'ROLE_LABELS',
  'RecordedEventLine',
  'SENTENCES',
  'TransferBundle',
  'auditLog',
  'buildReport',
  'bundleFileName',
  'countByKind',
  'decodeLog',
  'eventsAsOf',
  'exportTransfer',
  'formatFinding',
  'formatLogError',
  'importTransfer',
  'isBefore',
  'isError',
  'isSealedBy',
  'loadIntoStore',
  'ownerOf',
  'parseLog',
  'portfolioAsOf',
  'reDecide',
  'readLogFile',
  'readStudentTimeline',
  'renderTable',
  'renderTimeline',
  'reportsViewAsOf',
  'run',
  'schoolIdsOf',
  'sentenceOf',
  'streamKindOf',
  'studentTimeline',
  'toNdjson',
  'tokenOf',
  'verifyChains',
  'verifySealDigests',
  'verifyStreamChain',
];

// #21 item 7: an explicit export list, pinned here, so the surface changes only on purpose.
describe('the public surface of @licheng/audit', () => {
  it('exports the audit tools (log, chains, seals, re-decision, transfers, timelines, reports, CLI) only', () => {
    expect(Object.keys(publicEntry).sort()).toEqual(PUBLIC_NAMES);
  });
});
