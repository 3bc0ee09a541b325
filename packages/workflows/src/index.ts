export { runDeadlines, type DeadlineReport } from './deadlines';
export { parseSubmissionStream, processCommandId, PROCESS_NAMESPACE, SYSTEM_ACTOR } from './ids';
export {
  catchUpStatements,
  inMemoryCheckpoints,
  issueStatementsFor,
  startStatementProcess,
  type CheckpointStore,
  type StatementOutcome,
} from './statements';
