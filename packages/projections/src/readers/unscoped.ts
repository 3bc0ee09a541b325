import { classConfirmationReport } from '../reports/confirmation';
import { outcomeStatusReport, outcomeUsageStatistics } from '../reports/outcomes';
import { performanceSelectionReport, studentNotice } from '../reports/students';
import { uncertifiedTeacherReport } from '../reports/teachers';

/**
 * The reports with no reader: every school, every class, every student. For auditors replaying a log (the
 * `licheng` command line) and for tests, never for what a person asks on a screen — that is the `read…`
 * functions, which check the reader first.
 */
export const auditorReports = {
  classConfirmationReport,
  outcomeStatusReport,
  uncertifiedTeacherReport,
  performanceSelectionReport,
  outcomeUsageStatistics,
  studentNotice,
} as const;
