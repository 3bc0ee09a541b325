export { READ_LABELS, readErrors, type ReadName } from './errors';
export {
  checkClass,
  checkSchool,
  checkStudent,
  holdsSelectionQueries,
  homeroomClassesOf,
  readsWholeSchool,
  SELECTION_QUERY_FUNCTIONS,
  type Reader,
} from './reader';
export {
  checkStudentRead,
  readClassConfirmation,
  readOutcomeSelection,
  readOutcomeStatus,
  readOutcomeUsage,
  readPerformanceSelection,
  readPortfolio,
  readReceptionLog,
  readRemindersDue,
  readStudentNotice,
  readStudentNotices,
  readSubmissionHistory,
  readUncertifiedTeachers,
} from './reads';
export { auditorReports } from './unscoped';
