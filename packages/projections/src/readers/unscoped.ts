import { classConfirmationReport } from '../reports/confirmation';
import { outcomeStatusReport, outcomeUsageStatistics } from '../reports/outcomes';
import { studentNotice, studentNotices } from '../reports/notice';
import { outcomeSelectionReport, performanceSelectionReport } from '../reports/students';
import { remindersDue } from '../reports/reminders';
import { receptionLog, submissionHistory } from '../reports/submissions';
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
  studentNotices,
  outcomeSelectionReport,
  submissionHistory,
  receptionLog,
  remindersDue,
} as const;
