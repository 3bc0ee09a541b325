import * as E from 'fp-ts/Either';
import {
  classConfirmationReport,
  classConfirmationTable,
  classesOf,
  outcomeStatusReport,
  outcomeStatusTable,
  outcomeUsageStatistics,
  outcomeUsageTable,
  performanceSelectionReport,
  performanceSelectionTable,
  studentNotice,
  studentNoticeTable,
  uncertifiedTeacherReport,
  uncertifiedTeacherTable,
  type ReportsView,
  type Table,
} from '@licheng/projections';
import { SCHOOL_ID } from './school';

const orThrow = <A>(result: E.Either<{ message: { en: string } }, A>): A => {
  if (E.isLeft(result)) throw new Error(result.left.message.en);
  return result.right;
};

export const TERM = '1112';

/** Every report of the year as named tables, in the order a guidance office reads them. */
export const allTables = (view: ReportsView): ReadonlyArray<{ readonly name: string; readonly table: Table }> => {
  const policy = view.schools[SCHOOL_ID]!.policy;
  const classes = classesOf(policy, 111);
  const tables: { name: string; table: Table }[] = [];
  for (const klass of classes) {
    const report = orThrow(classConfirmationReport(view, { schoolId: SCHOOL_ID, classId: klass.classId, term: TERM }));
    tables.push({ name: `class-confirmation-${klass.classId}-${TERM}`, table: classConfirmationTable(report) });
  }
  for (const term of ['1111', '1112']) {
    tables.push({ name: `outcome-status-${term}`, table: outcomeStatusTable(term, orThrow(outcomeStatusReport(view, { schoolId: SCHOOL_ID, term }))) });
    tables.push({ name: `uncertified-teachers-${term}`, table: uncertifiedTeacherTable(term, orThrow(uncertifiedTeacherReport(view, { schoolId: SCHOOL_ID, term }))) });
    tables.push({ name: `outcome-usage-${term}`, table: outcomeUsageTable(orThrow(outcomeUsageStatistics(view, { schoolId: SCHOOL_ID, term }))) });
  }
  for (const klass of classes) {
    const rows = orThrow(performanceSelectionReport(view, { schoolId: SCHOOL_ID, classId: klass.classId, schoolYear: 111 }));
    tables.push({ name: `performance-selection-${klass.classId}`, table: performanceSelectionTable(111, rows) });
  }
  // R-REP-5: every student's notice, one after another in one sheet.
  const notices = Object.keys(policy.students)
    .sort()
    .map((studentId) => studentNoticeTable(orThrow(studentNotice(view, { schoolId: SCHOOL_ID, studentId, schoolYear: 111 }))));
  if (notices[0]) {
    tables.push({
      name: 'student-notices-111',
      table: {
        title: '111 學年度學生上傳及勾選情形確認單',
        columns: [{ key: 'student', header: '學生' }, ...notices[0].columns],
        rows: notices.flatMap((n) => n.rows.map((row) => ({ student: n.title.split(' ').slice(1, 3).join(' '), ...row }))),
      },
    });
  }
  return tables;
};
