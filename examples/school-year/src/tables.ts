import * as E from 'fp-ts/Either';
import {
  classConfirmationReport,
  classConfirmationTable,
  classesOf,
  outcomeStatusReport,
  outcomeStatusTable,
  outcomeUsageStatistics,
  outcomeUsageTable,
  NOTICE_COLUMNS,
  outcomeSelectionReport,
  outcomeSelectionTable,
  performanceSelectionReport,
  performanceSelectionTable,
  receptionLog,
  receptionLogTable,
  studentNotices,
  submissionHistory,
  submissionHistoryTable,
  uncertifiedTeacherReport,
  uncertifiedTeacherTable,
  type ReportsView,
  type Table,
} from '@licheng/projections';
import { calendarOf, FIRST_YEAR, type SchoolYearCalendar } from './calendar';
import { SCHOOL_ID } from './school';

const orThrow = <A>(result: E.Either<{ message: { en: string } }, A>): A => {
  if (E.isLeft(result)) throw new Error(result.left.message.en);
  return result.right;
};

/** Every report of the year as named tables, in the order a guidance office reads them. */
export const allTables = (
  view: ReportsView,
  calendar: SchoolYearCalendar = calendarOf(FIRST_YEAR),
): ReadonlyArray<{ readonly name: string; readonly table: Table }> => {
  const { year, term2 } = calendar;
  const policy = view.schools[SCHOOL_ID]!.policy;
  const classes = classesOf(policy, year);
  const tables: { name: string; table: Table }[] = [];
  for (const klass of classes) {
    const report = orThrow(classConfirmationReport(view, { schoolId: SCHOOL_ID, classId: klass.classId, term: term2 }));
    tables.push({ name: `class-confirmation-${klass.classId}-${term2}`, table: classConfirmationTable(report) });
  }
  for (const term of [calendar.term1, calendar.term2]) {
    tables.push({
      name: `outcome-status-${term}`,
      table: outcomeStatusTable(term, orThrow(outcomeStatusReport(view, { schoolId: SCHOOL_ID, term }))),
    });
    tables.push({
      name: `uncertified-teachers-${term}`,
      table: uncertifiedTeacherTable(term, orThrow(uncertifiedTeacherReport(view, { schoolId: SCHOOL_ID, term }))),
    });
    tables.push({
      name: `outcome-usage-${term}`,
      table: outcomeUsageTable(orThrow(outcomeUsageStatistics(view, { schoolId: SCHOOL_ID, term }))),
    });
  }
  for (const klass of classes) {
    const rows = orThrow(
      performanceSelectionReport(view, { schoolId: SCHOOL_ID, classId: klass.classId, schoolYear: year }),
    );
    tables.push({ name: `performance-selection-${klass.classId}`, table: performanceSelectionTable(year, rows) });
    const selected = orThrow(
      outcomeSelectionReport(view, { schoolId: SCHOOL_ID, classId: klass.classId, schoolYear: year }),
    );
    tables.push({ name: `outcome-selection-${klass.classId}`, table: outcomeSelectionTable(year, selected) });
  }
  // R-REP-7: each category's submission record with every FID, and what the central database received.
  for (const category of ['courseRecords', 'cadreRecords', 'courseOutcomes', 'performances'] as const) {
    tables.push({
      name: `submissions-${category}`,
      table: submissionHistoryTable(category, orThrow(submissionHistory(view, { schoolId: SCHOOL_ID, category }))),
    });
  }
  tables.push({
    name: 'reception-log',
    table: receptionLogTable(orThrow(receptionLog(view, { schoolId: SCHOOL_ID }))),
  });
  // R-REP-5: every student's notice, a row per school year and 合計數量 each, one after another in one sheet.
  const notices = orThrow(studentNotices(view, { schoolId: SCHOOL_ID, schoolYear: year }));
  tables.push({
    name: `student-notices-${year}`,
    table: {
      title: `${year} 學年度學生上傳及勾選情形確認單`,
      columns: [{ key: 'student', header: '學生' }, ...NOTICE_COLUMNS],
      rows: notices.flatMap((n) =>
        [...n.years, n.total].map(({ schoolYear: _schoolYear, ...line }) => ({
          student: `${n.className} ${String(n.seatNumber).padStart(2, '0')} ${n.studentNumber} ${n.name}`,
          ...line,
        })),
      ),
    },
  });
  return tables;
};
