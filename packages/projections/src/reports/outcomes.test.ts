import * as E from 'fp-ts/Either';
import { portfolioStreamName, schoolStreamName, type PortfolioEvent } from '@licheng/domain';
import { InMemoryEventStore, portfolioAggregate, schoolAggregate } from '@licheng/eventstore';
import { pdf, portfolioEvent, schoolEvent, schoolFixture, seedEvents } from '@licheng/testing';
import { reportsProjection, type ReportsView } from '../reportsView';
import { createProjectionRunner } from '../runner';
import { inMemoryViewStore } from '../viewStore';
import {
  outcomeStatusReport,
  outcomeStatusTable,
  outcomeUsageStatistics,
  outcomeUsageTable,
  type OutcomeStatusRow,
} from './outcomes';

const school = schoolFixture({
  students: [
    { id: 's1', name: '黃盛', seat: 3 },
    { id: 's2', name: '林廷', seat: 1 },
    { id: 's3', name: '洪堯', seat: 2 },
    { id: 's4', name: '黃聰', seat: 5 },
    { id: 's5', name: '王美', seat: 4 },
  ],
  extra: [
    schoolEvent('CourseReviewerMarked', { courseId: 'proj-1112', teacherId: 't4' }),
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

const COURSES: Record<string, { term: string; subject: string }> = {
  'math-1111': { term: '1111', subject: '數學' },
  'phys-1111': { term: '1111', subject: '物理' },
  'math-1112': { term: '1112', subject: '數學' },
  'phys-1112': { term: '1112', subject: '物理' },
  'proj-1112': { term: '1112', subject: '專題研究' },
};
const upload = (studentId: string, outcomeId: string, courseId: string): PortfolioEvent =>
  portfolioEvent('CourseOutcomeUploaded', {
    studentId,
    outcomeId,
    courseId,
    ...COURSES[courseId],
    description: `${outcomeId} 成果`,
    document: pdf(`${studentId}-${outcomeId}.pdf`),
  });
const send = (outcomeId: string): PortfolioEvent => portfolioEvent('CourseOutcomeSentForCertification', { outcomeId });
const pass = (outcomeId: string, teacherId: string): PortfolioEvent =>
  portfolioEvent('CourseOutcomeCertified', { outcomeId, teacherId, result: 'passed' });
const fail = (outcomeId: string, teacherId: string): PortfolioEvent =>
  portfolioEvent('CourseOutcomeCertified', { outcomeId, teacherId, result: 'failed', reason: '缺少學習心得' });
const select = (outcomeId: string): PortfolioEvent =>
  portfolioEvent('CourseOutcomeSelected', { outcomeId, schoolYear: 111 });
const deselect = (outcomeId: string): PortfolioEvent =>
  portfolioEvent('CourseOutcomeDeselected', { outcomeId, schoolYear: 111 });
const passed = (studentId: string, outcomeId: string, courseId: string, teacherId: string) => [
  upload(studentId, outcomeId, courseId),
  send(outcomeId),
  pass(outcomeId, teacherId),
];

/**
 * Term 1112 outcomes, by student (普通三01班 unless said):
 * - s1: o1 draft, o2 pending, o3 passed and selected, o4 deleted; in 1111 o5 passed and selected, o6 passed, selected,
 * deselected.
 * - s2: o1 failed (by reviewer t4), o2 failed then edited back to draft, o3 pending. Selected nothing.
 * - s3: six passed (t1 three, t4 three), all six selected.
 * - s4: nothing at all (no portfolio stream).
 * - s5: in 1111 o1 passed by t2 and selected; in 1112 o2 draft.
 * - s6 (普通三02班): o1 pending, o2 passed and selected.
 */
const HISTORY: Record<string, PortfolioEvent[]> = {
  s1: [
    upload('s1', 'o1', 'math-1112'),
    upload('s1', 'o2', 'phys-1112'),
    send('o2'),
    ...passed('s1', 'o3', 'math-1112', 't1'),
    select('o3'),
    upload('s1', 'o4', 'math-1112'),
    portfolioEvent('CourseOutcomeDeleted', { outcomeId: 'o4' }),
    ...passed('s1', 'o5', 'math-1111', 't1'),
    select('o5'),
    ...passed('s1', 'o6', 'math-1111', 't1'),
    select('o6'),
    deselect('o6'),
  ],
  s2: [
    upload('s2', 'o1', 'proj-1112'),
    send('o1'),
    fail('o1', 't4'),
    upload('s2', 'o2', 'math-1112'),
    send('o2'),
    fail('o2', 't1'),
    portfolioEvent('CourseOutcomeEdited', { outcomeId: 'o2', description: '補上心得', document: pdf('s2-o2-v2.pdf') }),
    upload('s2', 'o3', 'math-1112'),
    send('o3'),
  ],
  s3: [
    ...['o1', 'o2', 'o3'].flatMap((id) => [...passed('s3', id, 'math-1112', 't1'), select(id)]),
    ...['o4', 'o5', 'o6'].flatMap((id) => [...passed('s3', id, 'proj-1112', 't4'), select(id)]),
  ],
  s5: [...passed('s5', 'o1', 'phys-1111', 't2'), select('o1'), upload('s5', 'o2', 'math-1112')],
  s6: [upload('s6', 'o1', 'math-1112'), send('o1'), ...passed('s6', 'o2', 'math-1112', 't1'), select('o2')],
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

const statusOf = (term: string): ReadonlyArray<OutcomeStatusRow> => {
  const result = outcomeStatusReport(view, { schoolId: 'sch1', term });
  if (E.isLeft(result)) throw new Error(result.left.message.en);
  return result.right;
};

describe('the outcome status report per class (R-REP-2)', () => {
  it(
    "counts each class's outcomes of the term by status, deleted ones not at all, and how many students selected " +
      '0 … 6',
    () => {
      expect(statusOf('1112')).toEqual([
        // Students selecting 0: s2, s4; 1: s5; 2: s1 (o6 was deselected); 6: s3.
        {
          term: '1112',
          grade: 3,
          classId: 'c301',
          className: '普通三01班',
          classSize: 5,
          uploaded: 13,
          notSent: 3,
          pending: 2,
          passed: 7,
          failed: 1,
          selectedCounts: [2, 1, 1, 0, 0, 0, 1],
        },
        {
          term: '1112',
          grade: 3,
          classId: 'c302',
          className: '普通三02班',
          classSize: 1,
          uploaded: 2,
          notSent: 0,
          pending: 1,
          passed: 1,
          failed: 0,
          selectedCounts: [0, 1, 0, 0, 0, 0, 0],
        },
      ]);
    },
  );

  it('counts only the outcomes of the term asked for, while selection stays that of the school year', () => {
    expect(statusOf('1111')).toEqual([
      {
        term: '1111',
        grade: 3,
        classId: 'c301',
        className: '普通三01班',
        classSize: 5,
        uploaded: 3,
        notSent: 0,
        pending: 0,
        passed: 3,
        failed: 0,
        selectedCounts: [2, 1, 1, 0, 0, 0, 1],
      },
      {
        term: '1111',
        grade: 3,
        classId: 'c302',
        className: '普通三02班',
        classSize: 1,
        uploaded: 0,
        notSent: 0,
        pending: 0,
        passed: 0,
        failed: 0,
        selectedCounts: [0, 1, 0, 0, 0, 0, 0],
      },
    ]);
  });

  it('has no classes for a school year without any', () => {
    expect(statusOf('1122')).toEqual([]);
  });

  it(
    'exports with the headers of the school-admin manual: 學年期, 年級, 班級 … 已勾選數(n件) (R-REP-2, ' + '003 3.8)',
    () => {
      expect(outcomeStatusTable('1112', statusOf('1112'))).toEqual({
        title: '1112 課程學習成果狀態統計',
        columns: [
          { key: 'term', header: '學年期' },
          { key: 'grade', header: '年級' },
          { key: 'className', header: '班級' },
          { key: 'classSize', header: '班級人數' },
          { key: 'uploaded', header: '已上傳數量' },
          { key: 'notSent', header: '未送出認證件數' },
          { key: 'pending', header: '待認證件數' },
          { key: 'passed', header: '已認證件數(通過)' },
          { key: 'failed', header: '已認證件數(不通過)' },
          { key: 'selected0', header: '已勾選數(0件)' },
          { key: 'selected1', header: '已勾選數(1件)' },
          { key: 'selected2', header: '已勾選數(2件)' },
          { key: 'selected3', header: '已勾選數(3件)' },
          { key: 'selected4', header: '已勾選數(4件)' },
          { key: 'selected5', header: '已勾選數(5件)' },
          { key: 'selected6', header: '已勾選數(6件)' },
        ],
        rows: [
          {
            term: '1112',
            grade: 3,
            className: '普通三01班',
            classSize: 5,
            uploaded: 13,
            notSent: 3,
            pending: 2,
            passed: 7,
            failed: 1,
            selected0: 2,
            selected1: 1,
            selected2: 1,
            selected3: 0,
            selected4: 0,
            selected5: 0,
            selected6: 1,
          },
          {
            term: '1112',
            grade: 3,
            className: '普通三02班',
            classSize: 1,
            uploaded: 2,
            notSent: 0,
            pending: 1,
            passed: 1,
            failed: 0,
            selected0: 0,
            selected1: 1,
            selected2: 0,
            selected3: 0,
            selected4: 0,
            selected5: 0,
            selected6: 0,
          },
        ],
        // The school's line sums every count column.
        totals: {
          className: '全校',
          classSize: 6,
          uploaded: 15,
          notSent: 3,
          pending: 3,
          passed: 8,
          failed: 1,
          selected0: 2,
          selected1: 2,
          selected2: 1,
          selected3: 0,
          selected4: 0,
          selected5: 0,
          selected6: 1,
        },
      });
    },
  );

  it('is a Left SCHOOL_NOT_REGISTERED for a school the log does not know', () => {
    const result = outcomeStatusReport(view, { schoolId: 'sch404', term: '1112' });
    expect(E.isLeft(result) && result.left.code).toBe('SCHOOL_NOT_REGISTERED');
  });
});

describe('outcome usage statistics per school and term (R-REP-4)', () => {
  it('counts students who uploaded, who sent, teachers who certified and students who selected', () => {
    // Uploaded in 1112: s1 s2 s3 s5 s6. Sent: s1 s2 s3 s6 (s2's edited o2 was sent once; s5 only has a draft).
    // Certified in 1112: t1 and t4 (t2 certified only in 1111). Selected in year 111: s1 s3 s5 s6.
    expect(outcomeUsageStatistics(view, { schoolId: 'sch1', term: '1112' })).toEqual(
      E.right({
        schoolId: 'sch1',
        schoolName: '臺北市立測試高中',
        term: '1112',
        schoolYear: 111,
        semester: 2,
        studentsUploaded: 5,
        studentsSent: 4,
        teachersCertified: 2,
        studentsSelected: 4,
      }),
    );
    // In 1111: s1 (o5, o6) and s5 (o1) uploaded and sent; t1 and t2 certified.
    expect(outcomeUsageStatistics(view, { schoolId: 'sch1', term: '1111' })).toEqual(
      E.right({
        schoolId: 'sch1',
        schoolName: '臺北市立測試高中',
        term: '1111',
        schoolYear: 111,
        semester: 1,
        studentsUploaded: 2,
        studentsSent: 2,
        teachersCertified: 2,
        studentsSelected: 4,
      }),
    );
  });

  it('exports as one row, with 學校代碼, 學校名稱, 學年度 and 學期 apart as 003 3.12 shows them (R-REP-4)', () => {
    const counts = { studentsUploaded: 5, studentsSent: 4, teachersCertified: 2, studentsSelected: 4 };
    const usage = { schoolId: '999999', schoolName: '測試高中', term: '1112', schoolYear: 111, semester: 2, ...counts };
    expect(outcomeUsageTable(usage)).toEqual({
      title: '1112 學習成果使用人數統計',
      columns: [
        { key: 'schoolId', header: '學校代碼' },
        { key: 'schoolName', header: '學校名稱' },
        { key: 'schoolYear', header: '學年度' },
        { key: 'semester', header: '學期' },
        { key: 'studentsUploaded', header: '上傳學生人數' },
        { key: 'studentsSent', header: '送出認證學生人數' },
        { key: 'teachersCertified', header: '認證教師人數' },
        { key: 'studentsSelected', header: '勾選學生人數' },
      ],
      rows: [{ schoolId: '999999', schoolName: '測試高中', schoolYear: 111, semester: 2, ...counts }],
    });
  });

  it('is a Left SCHOOL_NOT_REGISTERED for a school the log does not know', () => {
    const result = outcomeUsageStatistics(view, { schoolId: 'sch404', term: '1112' });
    expect(E.isLeft(result) && result.left.code).toBe('SCHOOL_NOT_REGISTERED');
  });
});
