import * as E from 'fp-ts/Either';
import { portfolioStreamName, schoolStreamName, type PortfolioEvent } from '@licheng/domain';
import { InMemoryEventStore, portfolioAggregate, schoolAggregate } from '@licheng/eventstore';
import { pdf, portfolioEvent, schoolEvent, schoolFixture, seedEvents } from '@licheng/testing';
import { reportsProjection, type ReportsView } from '../reportsView';
import { createProjectionRunner } from '../runner';
import { inMemoryViewStore } from '../viewStore';
import { NOTICE_COLUMNS, studentNotice, studentNotices, studentNoticeTable, type NoticeBatch } from './notice';
import {
  outcomeSelectionReport,
  outcomeSelectionTable,
  performanceSelectionReport,
  performanceSelectionTable,
} from './students';

const school = schoolFixture({
  students: [
    { id: 's1', name: '黃盛', seat: 3 },
    { id: 's2', name: '林廷', seat: 1 },
    { id: 's3', name: '洪堯', seat: 2 },
    { id: 's4', name: '黃聰', seat: 5 },
    { id: 's5', name: '王美', seat: 4 },
  ],
  extra: [
    schoolEvent('ClassRegistered', {
      classId: 'c302',
      schoolYear: 111,
      name: '普通三02班',
      homeroomTeacherId: 't-home2',
    }),
    schoolEvent('StudentEnrolled', { studentId: 's6', studentNumber: '109101', name: '周杰', entrySchoolYear: 109 }),
    schoolEvent('StudentPlaced', { studentId: 's6', schoolYear: 111, classId: 'c302', seatNumber: 1 }),
  ],
});

const performance = (
  studentId: string,
  performanceId: string,
  schoolYear: number,
  semester: 0 | 1 | 2,
): PortfolioEvent =>
  portfolioEvent('PerformanceRecorded', {
    studentId,
    performanceId,
    schoolYear,
    semester,
    details: { category: 'serviceLearning', unit: '臺北市立圖書館', name: '志工服務' },
    startDate: '2022-10-01',
    endDate: '2022-10-01',
    hours: 4,
    description: '圖書整理',
    document: pdf(`${performanceId}.pdf`),
  });
const selectPerformance = (performanceId: string, schoolYear = 111): PortfolioEvent =>
  portfolioEvent('PerformanceSelected', { performanceId, schoolYear });
const cadre = (studentId: string, performanceId: string): PortfolioEvent =>
  portfolioEvent('CadreRecordSynced', {
    studentId,
    performanceId,
    schoolYear: 111,
    semester: 2,
    unit: '普通三01班',
    position: '副衛生股長',
    level: '班級',
    startDate: '2023-02-13',
    endDate: '2023-06-30',
  });

const outcome = (
  studentId: string,
  outcomeId: string,
  term: string,
  result?: 'passed' | 'failed' | 'pending',
): PortfolioEvent[] => [
  portfolioEvent('CourseOutcomeUploaded', {
    studentId,
    outcomeId,
    courseId: `math-${term}`,
    term,
    subject: '數學',
    description: '成果',
  }),
  ...(result ? [portfolioEvent('CourseOutcomeSentForCertification', { outcomeId })] : []),
  ...(result === 'passed' || result === 'failed'
    ? [
        portfolioEvent('CourseOutcomeCertified', {
          outcomeId,
          teacherId: 't1',
          result,
          ...(result === 'failed' ? { reason: '檔案無法開啟' } : {}),
        }),
      ]
    : []),
];
const selectOutcome = (outcomeId: string, schoolYear: number): PortfolioEvent =>
  portfolioEvent('CourseOutcomeSelected', { outcomeId, schoolYear });

/**
 * s1 黃盛, school year 111:
 * outcomes  1111: a passed+selected, b draft; 1112: c passed+selected, d pending, e failed; 1102 (year 110): f
 * passed+selected
 * perfs     sem 1: p1 selected; sem 2: p2 selected, p3, p5 deleted; whole year (sem 0): p4 selected; year 110 sem 1: p6
 * selected
 * s2 林廷: two synced cadre records of 1112, proof attached to c2 which is then selected.
 * s5 王美: one performance, selected then deselected. s3, s4: nothing. s6 (普通三02班): one selected performance.
 */
const HISTORY: Record<string, PortfolioEvent[]> = {
  s1: [
    ...outcome('s1', 'a', '1111', 'passed'),
    selectOutcome('a', 111),
    ...outcome('s1', 'b', '1111'),
    ...outcome('s1', 'c', '1112', 'passed'),
    selectOutcome('c', 111),
    ...outcome('s1', 'd', '1112', 'pending'),
    ...outcome('s1', 'e', '1112', 'failed'),
    ...outcome('s1', 'f', '1102', 'passed'),
    selectOutcome('f', 110),
    performance('s1', 'p1', 111, 1),
    selectPerformance('p1'),
    performance('s1', 'p2', 111, 2),
    selectPerformance('p2'),
    performance('s1', 'p3', 111, 2),
    performance('s1', 'p4', 111, 0),
    selectPerformance('p4'),
    performance('s1', 'p5', 111, 2),
    portfolioEvent('PerformanceDeleted', { performanceId: 'p5' }),
    performance('s1', 'p6', 110, 1),
    selectPerformance('p6', 110),
  ],
  s2: [
    cadre('s2', 'c1'),
    cadre('s2', 'c2'),
    portfolioEvent('CadreProofAttached', { performanceId: 'c2', description: '幹部證明', document: pdf('c2.pdf') }),
    selectPerformance('c2'),
  ],
  s5: [
    performance('s5', 'q1', 111, 1),
    selectPerformance('q1'),
    portfolioEvent('PerformanceDeselected', { performanceId: 'q1', schoolYear: 111 }),
  ],
  s6: [performance('s6', 'r1', 111, 1), selectPerformance('r1')],
};

let view: ReportsView;
beforeAll(async () => {
  const store = new InMemoryEventStore();
  await seedEvents(store, schoolAggregate, schoolStreamName('sch1'), school.events);
  for (const [studentId, events] of Object.entries(HISTORY)) {
    await seedEvents(store, portfolioAggregate, portfolioStreamName('sch1', studentId), events);
  }
  const rebuilt = await createProjectionRunner(store, reportsProjection, inMemoryViewStore()).rebuild();
  if (E.isLeft(rebuilt)) throw new Error(rebuilt.left.message.en);
  view = rebuilt.right.view;
});

const SELECTION_111 = [
  { className: '普通三01班', seatNumber: 1, studentNumber: '109002', name: '林廷', recorded: 2, selected: 1 },
  { className: '普通三01班', seatNumber: 2, studentNumber: '109003', name: '洪堯', recorded: 0, selected: 0 },
  { className: '普通三01班', seatNumber: 3, studentNumber: '109001', name: '黃盛', recorded: 4, selected: 3 },
  { className: '普通三01班', seatNumber: 4, studentNumber: '109005', name: '王美', recorded: 1, selected: 0 },
  { className: '普通三01班', seatNumber: 5, studentNumber: '109004', name: '黃聰', recorded: 0, selected: 0 },
];

describe('the performance selection report per class (R-REP-4)', () => {
  it('gives each student of the class, by seat, the performances of the school year and how many are selected', () => {
    expect(performanceSelectionReport(view, { schoolId: 'sch1', classId: 'c301', schoolYear: 111 })).toEqual(
      E.right(SELECTION_111),
    );
  });

  it('has no rows for a school year in which nobody was placed in the class', () => {
    expect(performanceSelectionReport(view, { schoolId: 'sch1', classId: 'c301', schoolYear: 110 })).toEqual(
      E.right([]),
    );
  });

  it('exports with 班級, 座號, 學號, 姓名, 多元表現件數, 勾選數量', () => {
    expect(performanceSelectionTable(111, SELECTION_111)).toEqual({
      title: '111 學年度多元表現勾選數量',
      columns: [
        { key: 'className', header: '班級' },
        { key: 'seatNumber', header: '座號' },
        { key: 'studentNumber', header: '學號' },
        { key: 'name', header: '姓名' },
        { key: 'recorded', header: '多元表現件數' },
        { key: 'selected', header: '勾選數量' },
      ],
      // The seat is written as the platform shows it, two digits.
      rows: SELECTION_111.map((row) => ({ ...row, seatNumber: String(row.seatNumber).padStart(2, '0') })),
    });
  });

  it('is a Left SCHOOL_NOT_REGISTERED for a school the log does not know', () => {
    const result = performanceSelectionReport(view, { schoolId: 'sch404', classId: 'c301', schoolYear: 111 });
    expect(E.isLeft(result) && result.left.code).toBe('SCHOOL_NOT_REGISTERED');
  });
});

describe('the per-student notice 學生上傳及勾選情形確認單 (R-REP-5, R-REP-6)', () => {
  const zero = {
    firstUploaded: 0,
    firstCertified: 0,
    secondUploaded: 0,
    secondCertified: 0,
    outcomesSelected: 0,
    performancesRecorded: 0,
    performancesSelected: 0,
  };

  it(
    'has a row per school year so far, the year asked first, and 合計數量: per semester 已上傳/已認證, then ' +
      'selections and performances',
    () => {
      const notice = studentNotice(view, { schoolId: 'sch1', studentId: 's1', schoolYear: 111 });
      expect(E.isRight(notice) && [...notice.right.years, notice.right.total]).toEqual([
        // p4, recorded for the year as a whole (semester 0), counts in the year's performances.
        {
          label: '111學年',
          schoolYear: 111,
          className: '普通三01班',
          firstUploaded: 2,
          firstCertified: 1,
          secondUploaded: 3,
          secondCertified: 1,
          outcomesSelected: 2,
          performancesRecorded: 4,
          performancesSelected: 3,
        },
        {
          label: '110學年',
          schoolYear: 110,
          className: '',
          firstUploaded: 0,
          firstCertified: 0,
          secondUploaded: 1,
          secondCertified: 1,
          outcomesSelected: 1,
          performancesRecorded: 1,
          performancesSelected: 1,
        },
        { label: '109學年', schoolYear: 109, className: '', ...zero },
        {
          label: '合計數量',
          schoolYear: null,
          className: '',
          firstUploaded: 2,
          firstCertified: 1,
          secondUploaded: 4,
          secondCertified: 2,
          outcomesSelected: 3,
          performancesRecorded: 5,
          performancesSelected: 4,
        },
      ]);
    },
  );

  it(
    'names the student, class, seat, grade and homeroom teacher, and carries the as-of time, due date and signature ' +
      'lines (R-REP-6)',
    () => {
      const notice = studentNotice(view, {
        schoolId: 'sch1',
        studentId: 's1',
        schoolYear: 111,
        asOf: '2023-04-18T10:30+08:00',
        dueDate: '2023-04-28',
      });
      if (E.isLeft(notice)) throw new Error(notice.left.message.en);
      const { years: _years, total: _total, ...heading } = notice.right;
      expect(heading).toEqual({
        schoolName: notice.right.schoolName,
        schoolYear: 111,
        studentId: 's1',
        studentNumber: '109001',
        name: '黃盛',
        className: '普通三01班',
        seatNumber: 3,
        grade: 3,
        homeroomTeacherName: notice.right.homeroomTeacherName,
        asOf: '2023-04-18T10:30+08:00',
        dueDate: '2023-04-28',
        signatures: ['學生確認簽章：', '監護人確認簽章：'],
      });
      const table = studentNoticeTable(notice.right);
      expect(table.title).toContain('學號：109001 姓名：黃盛');
      expect(table.rows.map((row) => row.label)).toEqual([
        '截至 112/04/18 10:30 統計',
        '111學年',
        '110學年',
        '109學年',
        '合計數量',
        '學生確認簽章：',
        '監護人確認簽章：',
        '※本通知單請於 112/04/28 前完成簽章確認。※',
      ]);
      expect(table.columns.map((c) => c.header)).toEqual(NOTICE_COLUMNS.map((c) => c.header));
    },
  );

  it('prints in batches: by grade, by class, by a range of student numbers (003 3.18)', () => {
    const numbers = (batch: Partial<NoticeBatch>) => {
      const notices = studentNotices(view, { schoolId: 'sch1', schoolYear: 111, ...batch });
      return E.isRight(notices) ? notices.right.map((n) => n.studentNumber) : notices.left.code;
    };
    expect(numbers({})).toEqual(['109002', '109003', '109001', '109005', '109004', '109101']);
    expect(numbers({ classIds: ['c302'] })).toEqual(['109101']);
    expect(numbers({ grade: 3, studentNumbers: { from: '109002', to: '109004' } })).toEqual([
      '109002',
      '109003',
      '109004',
    ]);
    expect(numbers({ grade: 2 })).toEqual([]);
  });

  it('is a Left STUDENT_NOT_ENROLLED for a student the school does not enroll', () => {
    const result = studentNotice(view, { schoolId: 'sch1', studentId: 's404', schoolYear: 111 });
    expect(E.isLeft(result) && result.left).toMatchObject({ code: 'STUDENT_NOT_ENROLLED', rule: 'R-AUTH-1' });
  });

  it('is a Left SCHOOL_NOT_REGISTERED for a school the log does not know', () => {
    const result = studentNotice(view, { schoolId: 'sch404', studentId: 's1', schoolYear: 111 });
    expect(E.isLeft(result) && result.left.code).toBe('SCHOOL_NOT_REGISTERED');
  });
});

describe('the per-student outcome selection list 學生學習成果勾選情形 (R-REP-7, 003 3.8)', () => {
  it('gives 班級, 座號, 學號, 姓名 and 勾選數量 for each student of the class, by seat', () => {
    const rows = outcomeSelectionReport(view, { schoolId: 'sch1', classId: 'c301', schoolYear: 111 });
    expect(
      E.isRight(rows) &&
        outcomeSelectionTable(111, rows.right).rows.map((r) => [r.seatNumber, r.studentNumber, r.selected]),
    ).toEqual([
      ['01', '109002', 0],
      ['02', '109003', 0],
      ['03', '109001', 2],
      ['04', '109005', 0],
      ['05', '109004', 0],
    ]);
  });
});
