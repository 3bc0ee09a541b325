export { mayBeDue, runDeadlines, type DeadlineOptions, type DeadlineReport } from './deadlines';
export {
  applyReceiptChange,
  InMemoryDueItems,
  RECEIPT_EVENT_TYPES,
  receiptChangeOf,
  type DueItems,
  type DuePeriod,
  type DueReceipt,
  type ReceiptChange,
} from './dueItems';
export { parseSubmissionStream, processCommandId, PROCESS_NAMESPACE, SYSTEM_ACTOR } from './ids';
export {
  catchUpStatements,
  inMemoryCheckpoints,
  issueStatementsFor,
  startStatementProcess,
  type CheckpointStore,
  type StatementOutcome,
} from './statements';
