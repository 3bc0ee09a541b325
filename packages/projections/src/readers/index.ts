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
  readOutcomeStatus,
  readOutcomeUsage,
  readPerformanceSelection,
  readPortfolio,
  readStudentNotice,
  readUncertifiedTeachers,
} from './reads';
export { auditorReports } from './unscoped';
