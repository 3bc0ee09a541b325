export { auditLog, type AuditReport, type SealRecord } from './audit';
export { eventsAsOf, isBefore, portfolioAsOf, reportsViewAsOf, type Cut } from './asOf';
export { verifyChains, verifyStreamChain } from './chain';
export { verifySealDigests } from './digest';
export type { AuditError, AuditErrorCode, LogErrorCode, ReportErrorCode, TransferErrorCode } from './errorCodes';
export { countByKind, FINDING_KINDS, formatFinding, isError, type Finding, type FindingKind } from './findings';
export {
  decodeLog,
  formatLogError,
  loadIntoStore,
  parseLog,
  readLogFile,
  RecordedEventLine,
  toNdjson,
  type EventLog,
  type LogEntry,
  type LogError,
} from './log';
export { reDecide } from './redecide';
export { buildReport, REPORT_NAMES, REPORTS, type ReportQuery } from './reports';
export { renderTable } from './render';
export { isSealedBy, ownerOf, schoolIdsOf, streamKindOf, type StreamKind } from './streams';
export { ROLE_LABELS, SENTENCES, sentenceOf, type Lang } from './timeline/sentences';
export { renderTimeline, studentTimeline, type TimelineEntry, type TimelineQuery } from './timeline/timeline';
export { readStudentTimeline } from './timeline/read';
export { BUNDLE_FORMAT, bundleFileName, tokenOf, TransferBundle } from './transfer/bundle';
export { exportTransfer, type ExportRequest } from './transfer/export';
export { importTransfer, type ImportReport, type ImportRequest } from './transfer/import';
export { run, type CliIo } from './cli/main';
