import * as publicEntry from './index';

/** Every runtime name of the public entry: a name added or dropped is a change of the published surface. */
const PUBLIC_NAMES = [
  'InMemoryDueItems',
  'PROCESS_NAMESPACE',
  'RECEIPT_EVENT_TYPES',
  'SYSTEM_ACTOR',
  'applyReceiptChange',
  'catchUpStatements',
  'inMemoryCheckpoints',
  'issueStatementsFor',
  'mayBeDue',
  'parseSubmissionStream',
  'processCommandId',
  'receiptChangeOf',
  'runDeadlines',
  'startStatementProcess',
];

// #21 item 7: an explicit export list, pinned here, so the surface changes only on purpose.
describe('the public surface of @licheng/workflows', () => {
  it('exports the statement process, the deadline runner, their checkpoints and due items, and nothing else', () => {
    expect(Object.keys(publicEntry).sort()).toEqual(PUBLIC_NAMES);
  });
});
