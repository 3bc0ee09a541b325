import { teacherNameOf, type DomainError, type SchoolState, type StudentInfo } from '@licheng/domain';
import { byCodeUnits, domainError, valuesOf } from '@licheng/domain/internal';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { ReportPortfolio, ReportsSource } from '../reportsView';
import { selectedOutcomeCount } from './outcomes';
import { gradeOf, schoolOf } from './roster';
import { rocTime } from './rocTime';
import { performancesOf } from './students';
import type { Table } from './table';

/** One school year's line of the notice (003 3.18): outcomes per semester, selections, performances. */
export interface NoticeYear {
  /** `109學年`, or `合計數量` for the total. */
  readonly label: string;
  readonly schoolYear: number | null;
  /** The student's class that year; empty in the total and for a year they were not placed. */
  readonly className: string;
  readonly firstUploaded: number;
  readonly firstCertified: number;
  readonly secondUploaded: number;
  readonly secondCertified: number;
  readonly outcomesSelected: number;
  readonly performancesRecorded: number;
  readonly performancesSelected: number;
}

export interface StudentNotice {
  readonly schoolName: string;
  readonly schoolYear: number;
  readonly studentId: string;
  readonly studentNumber: string;
  readonly name: string;
  readonly className: string;
  readonly seatNumber: number;
  readonly grade: number;
  /** R-REP-6: the homeroom teacher's name (導師), empty when the student is not placed that year. */
  readonly homeroomTeacherName: string;
  /** 截至 … 統計: the instant the caller took the view at, when given. */
  readonly asOf?: string;
  /** 繳交截止日期: the date the signed notice is due, when given. */
  readonly dueDate?: string;
  /** Each school year so far, the asked year first, then the years before down to entry (003 3.18). */
  readonly years: ReadonlyArray<NoticeYear>;
  readonly total: NoticeYear;
  /** The signature lines of the printed notice. */
  readonly signatures: ReadonlyArray<string>;
}

export const NOTICE_SIGNATURES: ReadonlyArray<string> = ['學生確認簽章：', '監護人確認簽章：'];

export interface NoticeOptions {
  readonly asOf?: string;
  readonly dueDate?: string;
}

const zero = {
  firstUploaded: 0,
  firstCertified: 0,
  secondUploaded: 0,
  secondCertified: 0,
  outcomesSelected: 0,
  performancesRecorded: 0,
  performancesSelected: 0,
};

/** R-REP-5: a school year's figures; 已認證 counts the outcomes certified as passed (R-OUT-11). */
const yearOf = (
  policy: SchoolState,
  student: StudentInfo,
  portfolio: ReportPortfolio | undefined,
  schoolYear: number,
): NoticeYear => {
  const outcomes = portfolio ? valuesOf(portfolio.outcomes).filter((o) => o.schoolYear === schoolYear) : [];
  const ofTerm = (semester: 1 | 2) => outcomes.filter((o) => o.term === `${schoolYear}${semester}`);
  const performances = performancesOf(portfolio, schoolYear);
  const placement = student.placements[schoolYear];
  return {
    label: `${schoolYear}學年`,
    schoolYear,
    className: placement ? (policy.classes[placement.classId]?.name ?? placement.classId) : '',
    firstUploaded: ofTerm(1).length,
    firstCertified: ofTerm(1).filter((o) => o.status === 'passed').length,
    secondUploaded: ofTerm(2).length,
    secondCertified: ofTerm(2).filter((o) => o.status === 'passed').length,
    outcomesSelected: selectedOutcomeCount(portfolio, schoolYear),
    performancesRecorded: performances.length,
    performancesSelected: performances.filter((p) => p.selected).length,
  };
};

const totalOf = (years: ReadonlyArray<NoticeYear>): NoticeYear =>
  years.reduce<NoticeYear>(
    (sum, y) => ({
      ...sum,
      ...Object.fromEntries(Object.keys(zero).map((k) => [k, sum[k as keyof typeof zero] + y[k as keyof typeof zero]])),
    }),
    { label: '合計數量', schoolYear: null, className: '', ...zero },
  );

const noticeOf = (
  policy: SchoolState,
  portfolios: Readonly<Record<string, ReportPortfolio>>,
  student: StudentInfo,
  schoolYear: number,
  options: NoticeOptions,
): StudentNotice => {
  const placement = student.placements[schoolYear];
  const klass = placement ? policy.classes[placement.classId] : undefined;
  const portfolio = portfolios[student.studentId];
  const years: NoticeYear[] = [];
  for (let year = schoolYear; year >= Math.min(student.entrySchoolYear, schoolYear); year -= 1)
    years.push(yearOf(policy, student, portfolio, year));
  return {
    schoolName: policy.name,
    schoolYear,
    studentId: student.studentId,
    studentNumber: student.studentNumber,
    name: student.name,
    className: klass?.name ?? placement?.classId ?? '',
    seatNumber: placement?.seatNumber ?? 0,
    grade: gradeOf(student.entrySchoolYear, schoolYear),
    homeroomTeacherName: klass ? teacherNameOf(policy, klass.homeroomTeacherId) : '',
    ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
    ...(options.dueDate === undefined ? {} : { dueDate: options.dueDate }),
    years,
    total: totalOf(years),
    signatures: NOTICE_SIGNATURES,
  };
};

const notEnrolled = (studentId: string) =>
  domainError(
    'STUDENT_NOT_ENROLLED',
    'R-AUTH-1',
    `學生 ${studentId} 不在本校學籍名冊中`,
    `Student ${studentId} is not enrolled at this school`,
    { studentId },
  );

/**
 * R-REP-5 / R-REP-6: 學生上傳及勾選情形確認單 — a row per school year so far and 合計數量: outcomes uploaded and
 * certified per semester, outcomes selected, performances uploaded and selected; with the as-of time, the due
 * date and the signature lines of 003 3.18.
 */
export const studentNotice = (
  view: ReportsSource,
  query: { readonly schoolId: string; readonly studentId: string; readonly schoolYear: number } & NoticeOptions,
): E.Either<DomainError, StudentNotice> =>
  pipe(
    schoolOf(view, query.schoolId),
    E.chain(({ policy, portfolios }) => {
      const student = policy.students[query.studentId];
      return student
        ? E.right(noticeOf(policy, portfolios, student, query.schoolYear, query))
        : E.left(notEnrolled(query.studentId));
    }),
  );

/**
 * Which students a batch of notices is printed for (003 3.18: 年級, 班級代碼 from–to, 學號 from–to); all given must
 * hold.
 */
export interface NoticeBatch extends NoticeOptions {
  readonly schoolId: string;
  readonly schoolYear: number;
  readonly grade?: number;
  readonly classIds?: ReadonlyArray<string>;
  /** Inclusive range of student numbers, compared as the school writes them. */
  readonly studentNumbers?: { readonly from: string; readonly to: string };
}

/** R-REP-5: the notices of a batch, students placed that school year, by class name then seat. */
export const studentNotices = (
  view: ReportsSource,
  batch: NoticeBatch,
): E.Either<DomainError, ReadonlyArray<StudentNotice>> =>
  pipe(
    schoolOf(view, batch.schoolId),
    E.map(({ policy, portfolios }) =>
      valuesOf(policy.students)
        .filter((s) => {
          const placement = s.placements[batch.schoolYear];
          if (!placement) return false;
          if (batch.grade !== undefined && gradeOf(s.entrySchoolYear, batch.schoolYear) !== batch.grade) return false;
          if (batch.classIds !== undefined && !batch.classIds.includes(placement.classId)) return false;
          const range = batch.studentNumbers;
          return range === undefined || (s.studentNumber >= range.from && s.studentNumber <= range.to);
        })
        .map((s) => noticeOf(policy, portfolios, s, batch.schoolYear, batch))
        .sort(
          (a, b) =>
            a.className.localeCompare(b.className, 'zh-Hant') ||
            a.seatNumber - b.seatNumber ||
            byCodeUnits(a.studentNumber, b.studentNumber),
        ),
    ),
  );

export const NOTICE_COLUMNS = [
  { key: 'label', header: '年度' },
  { key: 'className', header: '班級' },
  { key: 'firstUploaded', header: '學習成果 第一學期 已上傳件數' },
  { key: 'firstCertified', header: '學習成果 第一學期 已認證件數' },
  { key: 'secondUploaded', header: '學習成果 第二學期 已上傳件數' },
  { key: 'secondCertified', header: '學習成果 第二學期 已認證件數' },
  { key: 'outcomesSelected', header: '學習成果 已勾選件數' },
  { key: 'performancesRecorded', header: '多元表現 總上傳件數' },
  { key: 'performancesSelected', header: '多元表現 已勾選件數' },
] as const;

const lineOf = (year: NoticeYear) => {
  const { schoolYear: _schoolYear, ...cells } = year;
  return cells;
};

/**
 * The printed notice: the heading in the title, a row per year and 合計數量, then the as-of, due date and signature
 * lines.
 */
export const studentNoticeTable = (notice: StudentNotice): Table => ({
  title:
    `${notice.schoolName} ${notice.schoolYear}學年度「學習歷程檔案」學生上傳學習成果/多元表現 情形通知單 ` +
    `班級：${notice.className} 學號：${notice.studentNumber} 姓名：${notice.name} 導師：${notice.homeroomTeacherName}`,
  columns: NOTICE_COLUMNS,
  rows: [
    ...(notice.asOf === undefined ? [] : [{ label: `截至 ${rocTime(notice.asOf)} 統計` }]),
    ...notice.years.map(lineOf),
    lineOf(notice.total),
    ...notice.signatures.map((line) => ({ label: line })),
    ...(notice.dueDate === undefined ? [] : [{ label: `※本通知單請於 ${rocTime(notice.dueDate)} 前完成簽章確認。※` }]),
  ],
});
