export { decodeRecorded, type ProjectedEvent } from './envelope';
export { applyEvent, applyEvents, type Projection } from './projection';
export { createProjectionRunner, type Partition, type ProjectionRunner } from './runner';
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
export { inMemoryViewStore, type Repair, type StoredView, type ViewStore } from './viewStore';
export * from './reports/confirmation';
export * from './reports/notice';
export * from './reports/outcomes';
export * from './reports/reminders';
export * from './reports/rocTime';
export * from './reports/progress';
export * from './reports/roster';
export * from './reports/students';
export * from './reports/submissions';
export * from './reports/table';
export * from './reports/teachers';
export * from './compact';
export {
  createSchoolsProjectionRunner,
  schoolIdsIn,
  schoolPartition,
  type SchoolsProjectionReport,
  type StoppedSchool,
} from './schools';
export * from './readers';
