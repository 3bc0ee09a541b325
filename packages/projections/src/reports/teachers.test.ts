import * as E from 'fp-ts/Either';
import { portfolioStreamName, schoolStreamName, type PortfolioEvent } from '@licheng/domain';
import { InMemoryEventStore, portfolioAggregate, schoolAggregate } from '@licheng/eventstore';
import { portfolioEvent, schoolEvent, schoolFixture, seedEvents } from '@licheng/testing';
import { reportsProjection, type ReportsView } from '../reportsView';
import { createProjectionRunner } from '../runner';
import { inMemoryViewStore } from '../viewStore';
import { UNASSIGNED, uncertifiedTeacherReport, uncertifiedTeacherTable } from './teachers';

/**
 * Courses of the fixture: math-1112 (t1 王建民), phys-1112 (t2 李安心), proj-1112 co-taught by t3 and t4, who
 * both start at 審核=是. The administrator sets t3 to 否, so only t4 (陳怡君) reviews proj-1112, and appoints
 * t7 (吳明哲) proxy for phys-1112 (R-OUT-7).
 */
const school = schoolFixture({
  students: [
    { id: 's1', name: '黃盛', seat: 3 },
    { id: 's2', name: '林廷', seat: 1 },
    { id: 's3', name: '洪堯', seat: 2 },
    { id: 's4', name: '黃聰', seat: 5 },
    { id: 's5', name: '王美', seat: 4 },
  ],
  extra: [
    schoolEvent('CourseReviewerUnmarked', { courseId: 'proj-1112', teacherId: 't3' }),
    schoolEvent('CertificationProxyAppointed', { courseId: 'phys-1112', teacherId: 't7' }),
    schoolEvent('TeacherRegistered', { teacherId: 't-home2', name: '周佳蓉' }),
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
    description: '成果',
  });
const send = (outcomeId: string): PortfolioEvent => portfolioEvent('CourseOutcomeSentForCertification', { outcomeId });
const pending = (studentId: string, outcomeId: string, courseId: string) => [
  upload(studentId, outcomeId, courseId),
  send(outcomeId),
];

/**
 * Pending in 1112: s1 math and proj; s2 phys and proj; s3 math; s6 (普通三02班) math. Not pending: s3's
 * draft and passed math, s4's math of 1111. s6 is written first so that the report has to sort.
 */
const HISTORY: Array<[string, PortfolioEvent[]]> = [
  ['s6', pending('s6', 'o-s6-math', 'math-1112')],
  ['s1', [...pending('s1', 'o-s1-math', 'math-1112'), ...pending('s1', 'o-s1-proj', 'proj-1112')]],
  ['s2', [...pending('s2', 'o-s2-phys', 'phys-1112'), ...pending('s2', 'o-s2-proj', 'proj-1112')]],
  [
    's3',
    [
      ...pending('s3', 'o-s3-math', 'math-1112'),
      upload('s3', 'o-s3-draft', 'math-1112'),
      ...pending('s3', 'o-s3-done', 'math-1112'),
      portfolioEvent('CourseOutcomeCertified', { outcomeId: 'o-s3-done', teacherId: 't1', result: 'passed' }),
    ],
  ],
  ['s4', pending('s4', 'o-s4-old', 'math-1111')],
];

let view: ReportsView;
beforeAll(async () => {
  const store = new InMemoryEventStore();
  await seedEvents(store, schoolAggregate, schoolStreamName('sch1'), school.events);
  for (const [studentId, events] of HISTORY)
    await seedEvents(store, portfolioAggregate, portfolioStreamName('sch1', studentId), events);
  const rebuilt = await createProjectionRunner(store, reportsProjection, inMemoryViewStore()).rebuild();
  if (E.isLeft(rebuilt)) throw new Error(rebuilt.left.message.en);
  view = rebuilt.right.view;
});

const S1_MATH = { className: '普通三01班', seatNumber: 3, name: '黃盛', subject: '數學', outcomeId: 'o-s1-math' };
const S1_PROJ = { className: '普通三01班', seatNumber: 3, name: '黃盛', subject: '專題研究', outcomeId: 'o-s1-proj' };
const S2_PHYS = { className: '普通三01班', seatNumber: 1, name: '林廷', subject: '物理', outcomeId: 'o-s2-phys' };
const S2_PROJ = { className: '普通三01班', seatNumber: 1, name: '林廷', subject: '專題研究', outcomeId: 'o-s2-proj' };
const S3_MATH = { className: '普通三01班', seatNumber: 2, name: '洪堯', subject: '數學', outcomeId: 'o-s3-math' };
const S6_MATH = { className: '普通三02班', seatNumber: 1, name: '周杰', subject: '數學', outcomeId: 'o-s6-math' };

describe('the uncertified-teacher report (R-REP-3, R-OUT-7, R-OUT-11)', () => {
  it('lists per certifying teacher the pending outcomes of the term by class and seat, most waiting first', () => {
    expect(uncertifiedTeacherReport(view, { schoolId: 'sch1', term: '1112' })).toEqual(
      E.right([
        { teacherId: 't1', teacherName: '王建民', waiting: 3, outcomes: [S3_MATH, S1_MATH, S6_MATH] },
        // proj-1112 is co-taught: only t4, still at 審核=是, waits for it; t3, set to 否, does not.
        { teacherId: 't4', teacherName: '陳怡君', waiting: 2, outcomes: [S2_PROJ, S1_PROJ] },
        // phys-1112 waits for its teacher and for the appointed proxy.
        { teacherId: 't2', teacherName: '李安心', waiting: 1, outcomes: [S2_PHYS] },
        { teacherId: 't7', teacherName: '吳明哲', waiting: 1, outcomes: [S2_PHYS] },
        // Teachers in full (003 3.11): t5 may certify a course of the term and has nothing waiting.
        { teacherId: 't5', teacherName: '林志成', waiting: 0, outcomes: [] },
      ]),
    );
  });

  it(
    'lists an outcome no teacher may certify (both co-teachers set to 否) under 未指定, so it is not lost ' +
      '(R-OUT-11)',
    async () => {
      const store = new InMemoryEventStore();
      const unmarked = schoolFixture({
        extra: ['t3', 't4'].map((teacherId) =>
          schoolEvent('CourseReviewerUnmarked', { courseId: 'proj-1112', teacherId }),
        ),
      });
      await seedEvents(store, schoolAggregate, schoolStreamName('sch1'), unmarked.events);
      await seedEvents(
        store,
        portfolioAggregate,
        portfolioStreamName('sch1', 's1'),
        pending('s1', 'o-orphan', 'proj-1112'),
      );
      const rebuilt = await createProjectionRunner(store, reportsProjection, inMemoryViewStore()).rebuild();
      if (E.isLeft(rebuilt)) throw new Error(rebuilt.left.message.en);
      expect(uncertifiedTeacherReport(rebuilt.right.view, { schoolId: 'sch1', term: '1112' })).toEqual(
        E.right([
          {
            teacherId: UNASSIGNED,
            teacherName: UNASSIGNED,
            waiting: 1,
            outcomes: [
              { className: '普通三01班', seatNumber: 1, name: '林小明', subject: '專題研究', outcomeId: 'o-orphan' },
            ],
          },
          ...['t1', 't2', 't5'].map((teacherId) => ({
            teacherId,
            teacherName: expect.any(String),
            waiting: 0,
            outcomes: [],
          })),
        ]),
      );
    },
  );

  it("orders teachers with as much waiting by id in code-unit order, the same whatever the machine's locale", async () => {
    // localeCompare without a locale put t1 before T9 (case second in every locale); code units put T9 first.
    const store = new InMemoryEventStore();
    const withT9 = schoolFixture({
      extra: [
        schoolEvent('TeacherRegistered', { teacherId: 'T9', name: '許雅婷' }),
        schoolEvent('CourseOpened', {
          courseId: 'art-1112',
          term: '1112',
          subject: '美術',
          name: '美術 1112',
          credits: 1,
          teacherIds: ['T9'],
        }),
      ],
    });
    await seedEvents(store, schoolAggregate, schoolStreamName('sch1'), withT9.events);
    const rebuilt = await createProjectionRunner(store, reportsProjection, inMemoryViewStore()).rebuild();
    if (E.isLeft(rebuilt)) throw new Error(rebuilt.left.message.en);
    const report = uncertifiedTeacherReport(rebuilt.right.view, { schoolId: 'sch1', term: '1112' });
    expect(E.isRight(report) && report.right.map((row) => row.teacherId)).toEqual(['T9', 't1', 't2', 't3', 't4', 't5']);
  });

  it('lists only the term asked for', () => {
    expect(uncertifiedTeacherReport(view, { schoolId: 'sch1', term: '1111' })).toEqual(
      E.right([
        {
          teacherId: 't1',
          teacherName: '王建民',
          waiting: 1,
          outcomes: [{ className: '普通三01班', seatNumber: 5, name: '黃聰', subject: '數學', outcomeId: 'o-s4-old' }],
        },
        { teacherId: 't2', teacherName: '李安心', waiting: 0, outcomes: [] },
      ]),
    );
    expect(uncertifiedTeacherReport(view, { schoolId: 'sch1', term: '1121' })).toEqual(E.right([]));
  });

  it(
    'exports one row per waiting outcome with 班級, 座號, 姓名, 科目, a teacher with none on a row of their own, ' +
      'and the print time (R-REP-6)',
    () => {
      const report = uncertifiedTeacherReport(view, { schoolId: 'sch1', term: '1112' });
      if (E.isLeft(report)) throw new Error(report.left.message.en);
      expect(uncertifiedTeacherTable('1112', report.right, '2019-11-28T15:55+08:00')).toEqual({
        title: '1112 未認證教師狀況表 印列時間：108/11/28 15:55',
        columns: [
          { key: 'teacherName', header: '教師姓名' },
          { key: 'waiting', header: '待認證件數' },
          { key: 'className', header: '班級' },
          { key: 'seatNumber', header: '座號' },
          { key: 'name', header: '姓名' },
          { key: 'subject', header: '科目' },
        ],
        rows: [
          { teacherName: '王建民', waiting: 3, className: '普通三01班', seatNumber: 2, name: '洪堯', subject: '數學' },
          { teacherName: '王建民', waiting: 3, className: '普通三01班', seatNumber: 3, name: '黃盛', subject: '數學' },
          { teacherName: '王建民', waiting: 3, className: '普通三02班', seatNumber: 1, name: '周杰', subject: '數學' },
          {
            teacherName: '陳怡君',
            waiting: 2,
            className: '普通三01班',
            seatNumber: 1,
            name: '林廷',
            subject: '專題研究',
          },
          {
            teacherName: '陳怡君',
            waiting: 2,
            className: '普通三01班',
            seatNumber: 3,
            name: '黃盛',
            subject: '專題研究',
          },
          { teacherName: '李安心', waiting: 1, className: '普通三01班', seatNumber: 1, name: '林廷', subject: '物理' },
          { teacherName: '吳明哲', waiting: 1, className: '普通三01班', seatNumber: 1, name: '林廷', subject: '物理' },
          { teacherName: '林志成', waiting: 0, className: '', seatNumber: '', name: '', subject: '' },
        ],
      });
    },
  );

  it(
    'shows the id of a teacher known only from records written before the registry, as the report always did ' +
      '(R-REP-6)',
    async () => {
      const store = new InMemoryEventStore();
      const old = [
        schoolEvent('SchoolRegistered', { schoolId: 'sch1', name: '臺北市立舊校' }),
        schoolEvent('ClassRegistered', {
          classId: 'c301',
          schoolYear: 111,
          name: '普通三01班',
          homeroomTeacherId: 't-home',
        }),
        schoolEvent('StudentEnrolled', {
          studentId: 's1',
          studentNumber: '109001',
          name: '林小明',
          entrySchoolYear: 109,
        }),
        schoolEvent('StudentPlaced', { studentId: 's1', schoolYear: 111, classId: 'c301', seatNumber: 1 }),
        schoolEvent('CourseOpened', {
          courseId: 'math-1112',
          term: '1112',
          subject: '數學',
          name: '數學',
          credits: 4,
          teacherIds: ['t-math'],
        }),
      ];
      await seedEvents(store, schoolAggregate, schoolStreamName('sch1'), old);
      await seedEvents(store, portfolioAggregate, portfolioStreamName('sch1', 's1'), pending('s1', 'o1', 'math-1112'));
      const rebuilt = await createProjectionRunner(store, reportsProjection, inMemoryViewStore()).rebuild();
      if (E.isLeft(rebuilt)) throw new Error(rebuilt.left.message.en);
      const report = uncertifiedTeacherReport(rebuilt.right.view, { schoolId: 'sch1', term: '1112' });
      expect(E.isRight(report) && report.right.map((r) => [r.teacherId, r.teacherName])).toEqual([
        ['t-math', 't-math'],
      ]);
    },
  );

  it('is a Left SCHOOL_NOT_REGISTERED for a school the log does not know', () => {
    const result = uncertifiedTeacherReport(view, { schoolId: 'sch404', term: '1112' });
    expect(E.isLeft(result) && result.left.code).toBe('SCHOOL_NOT_REGISTERED');
  });
});
