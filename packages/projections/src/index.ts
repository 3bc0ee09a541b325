// The public surface of @licheng/projections: the runner and view stores that fold the store into views, the
// reports view and the reports of RULES.md (R-REP-*) built from it, the compact view for a whole city's log, and
// the readers that check who may read what. Helpers the other @licheng packages share (the Postgres read model,
// the export) are in './internal' (`@licheng/projections/internal`).

// Folding the store into views.
export { decodeRecorded, type ProjectedEvent } from './envelope';
export { applyEvent, applyEvents, type Projection } from './projection';
export { createProjectionRunner, type Partition, type ProjectionRunner } from './runner';
export {
  createSchoolsProjectionRunner,
  schoolIdsIn,
  schoolPartition,
  type SchoolsProjectionReport,
  type StoppedSchool,
} from './schools';
export { inMemoryViewStore, type Repair, type StoredView, type ViewStore } from './viewStore';
export type { ProjectionError, ProjectionErrorCode } from './errorCodes';

// The reports view and the views beside it.
export {
  reportsProjection,
  type ReportOutcome,
  type ReportPerformance,
  type ReportPortfolio,
  type ReportReceipt,
  type ReportsSource,
  type ReportsView,
  type SchoolRecords,
} from './reportsView';
export { submissionsOf, type SchoolOf, type SchoolsView } from './streams';
export { evolveSubmissionLog, type SubmissionEntry, type SubmissionLog } from './submissionLog';
export {
  asReportsView,
  compactPortfolioOf,
  compactReportsProjection,
  evolveCompactPortfolio,
  type CompactOutcome,
  type CompactPerformance,
  type CompactPortfolio,
  type CompactReceipt,
  type CompactReportsView,
  rebuildFromLog,
  type LogRebuildOptions,
  lineBatches,
  lineSplitter,
  type LineSplitter,
} from './compact';

// The reports (R-REP-*) and their tables.
export { columnSums, type Cell, type Column, type Table } from './reports/table';
export { rocTime } from './reports/rocTime';
export {
  classConfirmationReport,
  classConfirmationTable,
  FILTER_STATUSES,
  NEEDS_ACTION,
  RECEIPT_CATEGORIES,
  RECEIPT_CATEGORY_LABELS,
  RECEIPT_STATUS_LABELS,
  type ClassConfirmationReport,
  type ClassConfirmationRow,
  type ConfirmationFilter,
  type ReceiptStatus,
} from './reports/confirmation';
export {
  confirmationProgress,
  confirmationProgressTable,
  RECEIPT_STATUSES,
  type CategoryProgress,
  type ClassProgress,
  type ConfirmationProgress,
} from './reports/progress';
export { classGradeOf, classesOf, classRoster, gradeOf, type RosterRow } from './reports/roster';
export {
  outcomeStatusReport,
  outcomeStatusTable,
  outcomeUsageStatistics,
  outcomeUsageTable,
  selectedOutcomeCount,
  type OutcomeStatusRow,
  type OutcomeUsage,
} from './reports/outcomes';
export {
  outcomeSelectionReport,
  outcomeSelectionTable,
  performanceSelectionReport,
  performanceSelectionTable,
  performancesOf,
  type OutcomeSelectionRow,
  type PerformanceSelectionRow,
} from './reports/students';
export {
  AWAITING_RESULT,
  receptionLog,
  receptionLogTable,
  submissionHistory,
  submissionHistoryTable,
  type ReceptionRow,
  type SubmissionHistoryRow,
} from './reports/submissions';
export {
  UNASSIGNED,
  uncertifiedTeacherReport,
  uncertifiedTeacherTable,
  type UncertifiedTeacherRow,
  type WaitingOutcome,
} from './reports/teachers';
export { RECEIPT_REMINDER_DAYS, remindersDue, type Reminder, type RemindersDue } from './reports/reminders';
export {
  NOTICE_COLUMNS,
  NOTICE_SIGNATURES,
  studentNotice,
  studentNotices,
  studentNoticeTable,
  type NoticeBatch,
  type NoticeOptions,
  type NoticeYear,
  type StudentNotice,
} from './reports/notice';

// Who may read what (R-AUTH-1/2/5/6, R-REP-4), and the reports read through those checks.
export {
  auditorReports,
  checkClass,
  checkSchool,
  checkStudent,
  checkStudentRead,
  holdsSelectionQueries,
  homeroomClassesOf,
  READ_LABELS,
  readClassConfirmation,
  readErrors,
  readOutcomeSelection,
  readOutcomeStatus,
  readOutcomeUsage,
  readPerformanceSelection,
  readPortfolio,
  readReceptionLog,
  readRemindersDue,
  readsWholeSchool,
  readStudentNotice,
  readStudentNotices,
  readSubmissionHistory,
  readUncertifiedTeachers,
  SELECTION_QUERY_FUNCTIONS,
  type Reader,
  type ReadName,
} from './readers';
