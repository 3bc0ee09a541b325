import { Term, type DomainError } from '@licheng/domain';
import { domainError } from '@licheng/domain/internal';
import {
  auditorReports,
  classConfirmationTable,
  NOTICE_COLUMNS,
  outcomeSelectionTable,
  confirmationProgress,
  confirmationProgressTable,
  type ConfirmationProgress,
  outcomeStatusTable,
  outcomeUsageTable,
  performanceSelectionTable,
  receptionLogTable,
  RECEIPT_CATEGORIES,
  RECEIPT_CATEGORY_LABELS,
  studentNoticeTable,
  submissionHistoryTable,
  uncertifiedTeacherTable,
  type Reminder,
  type ReportsView,
  type Table,
} from '@licheng/projections';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';

// An auditor replaying a log reads every school by office: the reports without a reader (auditorReports).
const {
  classConfirmationReport,
  outcomeStatusReport,
  uncertifiedTeacherReport,
  outcomeUsageStatistics,
  performanceSelectionReport,
  studentNotice,
  studentNotices,
  outcomeSelectionReport,
  submissionHistory,
  receptionLog,
  remindersDue,
} = auditorReports;

export interface ReportQuery {
  readonly schoolId: string;
  readonly classId?: string;
  /** A term `YYYS` (1112), or for yearly reports a school year (111) or its term `YYY0`. */
  readonly period?: string;
  readonly studentId?: string;
  /** The instant a report is taken at (`--at`): the notices' 截至, the reminders' hour. */
  readonly at?: string;
}

type Needs = 'classId' | 'period' | 'studentId' | 'at';

interface ReportSpec {
  readonly needs: ReadonlyArray<Needs>;
  readonly what: string;
  readonly build: (view: ReportsView, query: Required<ReportQuery>) => E.Either<DomainError, Table>;
  /** The confirmation progress the HTML page draws as a chart (`--format html`), for the reports that have one. */
  readonly progress?: (view: ReportsView, query: Required<ReportQuery>) => E.Either<DomainError, ConfirmationProgress>;
}

const missing = (report: string, flag: string) =>
  domainError('REPORT_QUERY_INCOMPLETE', null, `報表 ${report} 需要 --${flag}`, `report ${report} needs --${flag}`, {
    report,
    flag,
  });

const badPeriod = (period: string, what: string) =>
  domainError(
    'REPORT_PERIOD_INVALID',
    'R-TIME-1',
    `「${period}」不是${what}`,
    `"${period}" is not ` +
      `${what === '學年期' ? 'a term (YYYS, e.g. 1112)' : 'a school year (e.g. 111) or its term 1110'}`,
    { period },
  );

const termOf = (period: string): E.Either<DomainError, string> =>
  Term.is(period) ? E.right(period) : E.left(badPeriod(period, '學年期'));

/** `111`, `1110` or `1112` all name school year 111. */
const schoolYearOf = (period: string): E.Either<DomainError, number> => {
  if (/^\d{3}$/.test(period)) return E.right(Number(period));
  return Term.is(period) ? E.right(Number(period.slice(0, 3))) : E.left(badPeriod(period, '學年度'));
};

/** Every report of @licheng/projections by the name the command line uses. */
export const REPORTS: Readonly<Record<string, ReportSpec>> = {
  'class-confirmation': {
    needs: ['classId', 'period'],
    what: 'R-REP-1 導師查看收訖明細確認統計 (class receipt confirmation)',
    build: (view, q) =>
      pipe(
        termOf(q.period),
        E.chain((term) => classConfirmationReport(view, { schoolId: q.schoolId, classId: q.classId, term })),
        E.map(classConfirmationTable),
      ),
    progress: (view, q) =>
      pipe(
        termOf(q.period),
        E.chain((term) => confirmationProgress(view, { schoolId: q.schoolId, term, classIds: [q.classId] })),
      ),
  },
  'confirmation-summary': {
    needs: ['period'],
    what: 'R-REP-1 全校收訖明細確認進度 (confirmation progress of every class: the school summary)',
    build: (view, q) =>
      pipe(
        termOf(q.period),
        E.chain((term) => confirmationProgress(view, { schoolId: q.schoolId, term })),
        E.map(confirmationProgressTable),
      ),
    progress: (view, q) =>
      pipe(
        termOf(q.period),
        E.chain((term) => confirmationProgress(view, { schoolId: q.schoolId, term })),
      ),
  },
  'outcome-status': {
    needs: ['period'],
    what: 'R-REP-2 課程學習成果狀態統計 (outcome status per class)',
    build: (view, q) =>
      pipe(
        termOf(q.period),
        E.chain((term) =>
          pipe(
            outcomeStatusReport(view, { schoolId: q.schoolId, term }),
            E.map((rows) => outcomeStatusTable(term, rows)),
          ),
        ),
      ),
  },
  'uncertified-teachers': {
    needs: ['period'],
    what: 'R-REP-3 未認證教師狀況表 (uncertified teachers)',
    build: (view, q) =>
      pipe(
        termOf(q.period),
        E.chain((term) =>
          pipe(
            uncertifiedTeacherReport(view, { schoolId: q.schoolId, term }),
            E.map((rows) => uncertifiedTeacherTable(term, rows)),
          ),
        ),
      ),
  },
  'outcome-usage': {
    needs: ['period'],
    what: 'R-REP-4 學習成果使用人數統計 (outcome usage)',
    build: (view, q) =>
      pipe(
        termOf(q.period),
        E.chain((term) => outcomeUsageStatistics(view, { schoolId: q.schoolId, term })),
        E.map(outcomeUsageTable),
      ),
  },
  'performance-selection': {
    needs: ['classId', 'period'],
    what: 'R-REP-4 多元表現勾選數量 (performance selection per student)',
    build: (view, q) =>
      pipe(
        schoolYearOf(q.period),
        E.chain((schoolYear) =>
          pipe(
            performanceSelectionReport(view, { schoolId: q.schoolId, classId: q.classId, schoolYear }),
            E.map((rows) => performanceSelectionTable(schoolYear, rows)),
          ),
        ),
      ),
  },
  'student-notice': {
    needs: ['studentId', 'period'],
    what: 'R-REP-5 學生上傳及勾選情形確認單 (per-student notice)',
    build: (view, q) =>
      pipe(
        schoolYearOf(q.period),
        E.chain((schoolYear) =>
          studentNotice(view, { schoolId: q.schoolId, studentId: q.studentId, schoolYear, ...asOf(q) }),
        ),
        E.map(studentNoticeTable),
      ),
  },
  'student-notices': {
    needs: ['period'],
    what:
      'R-REP-5 學生上傳及勾選情形確認單, a batch: the school, or --class C (each student: a row per school year ' +
      'and 合計數量)',
    build: (view, q) =>
      pipe(
        schoolYearOf(q.period),
        E.chain((schoolYear) =>
          studentNotices(view, {
            schoolId: q.schoolId,
            schoolYear,
            ...(q.classId ? { classIds: [q.classId] } : {}),
            ...asOf(q),
          }),
        ),
        E.map((notices) => ({
          title: '學生上傳及勾選情形確認單',
          columns: [{ key: 'student', header: '學生' }, ...NOTICE_COLUMNS],
          rows: notices.flatMap((n) =>
            [...n.years, n.total].map(({ schoolYear: _y, ...line }) => ({
              student: `${n.className} ${n.studentNumber} ${n.name}`,
              ...line,
            })),
          ),
        })),
      ),
  },
  'outcome-selection': {
    needs: ['classId', 'period'],
    what: 'R-REP-7 學生學習成果勾選情形 (per-student outcome selection list)',
    build: (view, q) =>
      pipe(
        schoolYearOf(q.period),
        E.chain((schoolYear) =>
          pipe(
            outcomeSelectionReport(view, { schoolId: q.schoolId, classId: q.classId, schoolYear }),
            E.map((rows) => outcomeSelectionTable(schoolYear, rows)),
          ),
        ),
      ),
  },
  submissions: {
    needs: [],
    what:
      'R-REP-7 提交紀錄 (every FID of every category: 學年, 學期, FID, 處理狀態, 提交人員, 提交時間, ' +
      '取得結果時間, 封存)',
    build: (view, q) =>
      pipe(
        E.sequenceArray(
          RECEIPT_CATEGORIES.map((category) =>
            pipe(
              submissionHistory(view, { schoolId: q.schoolId, category }),
              E.map((rows) => ({ category, table: submissionHistoryTable(category, rows) })),
            ),
          ),
        ),
        E.map((tables) => ({
          title: '提交至中央資料庫 提交紀錄',
          columns: [{ key: 'category', header: '資料類型' }, ...(tables[0]?.table.columns ?? [])],
          rows: tables.flatMap(({ category, table }) =>
            table.rows.map((row) => ({ category: RECEIPT_CATEGORY_LABELS[category], ...row })),
          ),
        })),
      ),
  },
  'reception-log': {
    needs: [],
    what: 'R-REP-7 學校查詢接收紀錄 (course records received)',
    build: (view, q) => pipe(receptionLog(view, { schoolId: q.schoolId }), E.map(receptionLogTable)),
  },
  reminders: {
    needs: ['at'],
    what: 'R-NOTE-1 who is due which reminder in the hour of --at',
    build: (view, q) =>
      pipe(
        remindersDue(view, { schoolId: q.schoolId, at: q.at }),
        E.map((due) => ({
          title: `${due.at} 應通知名單`,
          columns: [
            { key: 'kind', header: '通知' },
            { key: 'to', header: '對象' },
            { key: 'what', header: '內容' },
          ],
          rows: due.reminders.map((r) => ({
            kind: r.kind,
            to: r.kind === 'certifyOutcomes' ? `${r.teacherName} (${r.teacherId})` : r.studentId,
            what: reminderText(r),
          })),
        })),
      ),
  },
};

const asOf = (q: Required<ReportQuery>) => (q.at ? { asOf: q.at } : {});

const reminderText = (r: Reminder): string => {
  switch (r.kind) {
    case 'certifyOutcomes':
      return `${r.outcomeIds.length} 件學習成果待認證`;
    case 'sendOutcomes':
      return `${r.term} ${r.outcomeIds.length} 件學習成果未送出認證，${r.closesAt} 截止`;
    case 'selectOutcomes':
    case 'selectPerformances':
      return `${r.schoolYear} 學年度已勾選 ${r.selected}/${r.cap}，${r.closesAt} 截止`;
    case 'answerReceipt':
      return `${r.category} ${r.period} 收訖明細待確認，${r.closesAt} 截止`;
  }
};

export const REPORT_NAMES = Object.keys(REPORTS);

const FLAG: Readonly<Record<Needs, string>> = { classId: 'class', period: 'period', studentId: 'student', at: 'at' };

/** Builds a named report from a view; a query without what the report needs is refused, naming the flag. */
export const buildReport = (name: string, view: ReportsView, query: ReportQuery): E.Either<DomainError, Table> => {
  const spec = REPORTS[name];
  if (!spec) {
    return E.left(
      domainError(
        'REPORT_UNKNOWN',
        null,
        `沒有名為 ${name} 的報表`,
        `no report is named ${name} (${REPORT_NAMES.join(', ')})`,
        { name },
      ),
    );
  }
  for (const need of spec.needs) if (query[need] === undefined) return E.left(missing(name, FLAG[need]));
  return spec.build(view, { classId: '', period: '', studentId: '', at: '', ...query } as Required<ReportQuery>);
};

/** The chart's data for a report that has one (`undefined` for the others); the query was checked by `buildReport`. */
export const buildProgress = (
  name: string,
  view: ReportsView,
  query: ReportQuery,
): E.Either<DomainError, ConfirmationProgress> | undefined =>
  REPORTS[name]?.progress?.(view, { classId: '', period: '', studentId: '', ...query } as Required<ReportQuery>);
