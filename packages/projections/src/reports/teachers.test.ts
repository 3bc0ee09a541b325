import * as E from 'fp-ts/Either';
import { portfolioStreamName, schoolStreamName, type PortfolioEvent } from '@licheng/domain';
import { InMemoryEventStore, portfolioAggregate, schoolAggregate } from '@licheng/eventstore';
import { portfolioEvent, schoolEvent, schoolFixture, seedEvents } from '@licheng/testing';
import { reportsProjection, type ReportsView } from '../reportsView';
import { createProjectionRunner } from '../runner';
import { inMemoryViewStore } from '../viewStore';
import { UNASSIGNED, uncertifiedTeacherReport, uncertifiedTeacherTable } from './teachers';

/**
 * Courses of the fixture: math-1112 (t1), phys-1112 (t2), proj-1112 co-taught by t3 and t4. The
 * administrator marks only t4 as reviewer (審核=是) of proj-1112 and appoints t7 proxy for phys-1112 (R-OUT-7).
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
    schoolEvent('CourseReviewerMarked', { courseId: 'proj-1112', teacherId: 't4' }),
    schoolEvent('CertificationProxyAppointed', { courseId: 'phys-1112', teacherId: 't7' }),
    schoolEvent('ClassRegistered', { classId: 'c302', schoolYear: 111, name: '普通三02班', homeroomTeacherId: 't-home2' }),
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
  portfolioEvent('CourseOutcomeUploaded', { studentId, outcomeId, courseId, ...COURSES[courseId], description: '成果' });
const send = (outcomeId: string): PortfolioEvent => portfolioEvent('CourseOutcomeSentForCertification', { outcomeId });
const pending = (studentId: string, outcomeId: string, courseId: string) => [upload(studentId, outcomeId, courseId), send(outcomeId)];

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
  for (const [studentId, events] of HISTORY) await seedEvents(store, portfolioAggregate, portfolioStreamName('sch1', studentId), events);
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
        { teacherId: 't1', waiting: 3, outcomes: [S3_MATH, S1_MATH, S6_MATH] },
        // proj-1112 is co-taught: only t4, the teacher marked reviewer, waits for it; t3 does not.
        { teacherId: 't4', waiting: 2, outcomes: [S2_PROJ, S1_PROJ] },
        // phys-1112 waits for its teacher and for the appointed proxy.
        { teacherId: 't2', waiting: 1, outcomes: [S2_PHYS] },
        { teacherId: 't7', waiting: 1, outcomes: [S2_PHYS] },
      ]),
    );
  });

  it('lists an outcome no teacher may certify under 未指定, so it is not lost (R-OUT-11)', async () => {
    const store = new InMemoryEventStore();
    const unmarked = schoolFixture();
    await seedEvents(store, schoolAggregate, schoolStreamName('sch1'), unmarked.events);
    await seedEvents(store, portfolioAggregate, portfolioStreamName('sch1', 's1'), pending('s1', 'o-orphan', 'proj-1112'));
    const rebuilt = await createProjectionRunner(store, reportsProjection, inMemoryViewStore()).rebuild();
    if (E.isLeft(rebuilt)) throw new Error(rebuilt.left.message.en);
    expect(uncertifiedTeacherReport(rebuilt.right.view, { schoolId: 'sch1', term: '1112' })).toEqual(
      E.right([{ teacherId: UNASSIGNED, waiting: 1, outcomes: [{ className: '普通三01班', seatNumber: 1, name: '林小明', subject: '專題研究', outcomeId: 'o-orphan' }] }]),
    );
  });

  it('lists only the term asked for', () => {
    expect(uncertifiedTeacherReport(view, { schoolId: 'sch1', term: '1111' })).toEqual(
      E.right([{ teacherId: 't1', waiting: 1, outcomes: [{ className: '普通三01班', seatNumber: 5, name: '黃聰', subject: '數學', outcomeId: 'o-s4-old' }] }]),
    );
    expect(uncertifiedTeacherReport(view, { schoolId: 'sch1', term: '1121' })).toEqual(E.right([]));
  });

  it('exports one row per waiting outcome with 班級, 座號, 姓名, 科目', () => {
    const report = uncertifiedTeacherReport(view, { schoolId: 'sch1', term: '1112' });
    if (E.isLeft(report)) throw new Error(report.left.message.en);
    expect(uncertifiedTeacherTable('1112', report.right)).toEqual({
      title: '1112 未認證教師狀況表',
      columns: [
        { key: 'teacherId', header: '教師' },
        { key: 'waiting', header: '待認證件數' },
        { key: 'className', header: '班級' },
        { key: 'seatNumber', header: '座號' },
        { key: 'name', header: '姓名' },
        { key: 'subject', header: '科目' },
      ],
      rows: [
        { teacherId: 't1', waiting: 3, className: '普通三01班', seatNumber: 2, name: '洪堯', subject: '數學' },
        { teacherId: 't1', waiting: 3, className: '普通三01班', seatNumber: 3, name: '黃盛', subject: '數學' },
        { teacherId: 't1', waiting: 3, className: '普通三02班', seatNumber: 1, name: '周杰', subject: '數學' },
        { teacherId: 't4', waiting: 2, className: '普通三01班', seatNumber: 1, name: '林廷', subject: '專題研究' },
        { teacherId: 't4', waiting: 2, className: '普通三01班', seatNumber: 3, name: '黃盛', subject: '專題研究' },
        { teacherId: 't2', waiting: 1, className: '普通三01班', seatNumber: 1, name: '林廷', subject: '物理' },
        { teacherId: 't7', waiting: 1, className: '普通三01班', seatNumber: 1, name: '林廷', subject: '物理' },
      ],
    });
  });

  it('is a Left SCHOOL_NOT_REGISTERED for a school the log does not know', () => {
    const result = uncertifiedTeacherReport(view, { schoolId: 'sch404', term: '1112' });
    expect(E.isLeft(result) && result.left.code).toBe('SCHOOL_NOT_REGISTERED');
  });
});
