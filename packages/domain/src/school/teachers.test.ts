import * as E from 'fp-ts/Either';
import {
  portfolioDecider,
  SCHOOL_COMMAND_DATA,
  schoolDecider,
  teacherNameOf,
  type Actor,
  type SchoolCommand,
  type SchoolCommandType,
} from '@licheng/domain';
import { decodeWith } from '@licheng/domain/internal';
import {
  admin,
  at,
  contextAt,
  portfolioCommand,
  schoolEvent,
  schoolFixture,
  specify,
  student,
  system,
  teacher,
} from '../testing';

/**
 * The teacher registry (R-AUTH-3, R-REP-6; seed 003 §2 syncs 教師人員資料 and 3.3 picks teachers from its
 * 教師清單): homeroom teachers, course teachers, reviewers, proxies and plan advisors are registered teachers.
 */
const command = <K extends SchoolCommandType>(
  type: K,
  data: Record<string, unknown>,
): Extract<SchoolCommand, { type: K }> => {
  const result = decodeWith(SCHOOL_COMMAND_DATA[type], type)({ schoolId: 'sch1', ...data });
  if (E.isLeft(result)) throw new Error(result.left.message.en);
  return { type, data: result.right } as Extract<SchoolCommand, { type: K }>;
};
const ctx = (now: string, actor: Actor = admin()) => ({ now: at(now), actor });
const given = specify(schoolDecider);
const { events: fixture, policy } = schoolFixture();
const NOW = '2022-08-20T10:00';

describe('registering teachers (R-AUTH-3)', () => {
  it(
    "records a teacher from the administrator or the school's records system, and refuses a teacher " + '(R-AUTH-3)',
    () => {
      const register = command('RegisterTeacher', { teacherId: 't-new', name: '謝庭豐' });
      given(...fixture)
        .when(register, ctx(NOW))
        .then(schoolEvent('TeacherRegistered', { teacherId: 't-new', name: '謝庭豐' }));
      given(...fixture)
        .when(register, ctx(NOW, system()))
        .thenSucceeds();
      given(...fixture)
        .when(register, ctx(NOW, teacher('t1')))
        .thenError('NOT_SCHOOL_ADMINISTRATOR', 'R-AUTH-3');
    },
  );

  it('refuses registering the same teacher twice (R-AUTH-3)', () => {
    given(...fixture)
      .when(command('RegisterTeacher', { teacherId: 't1', name: '王建民' }), ctx(NOW))
      .thenError('ALREADY_EXISTS', 'R-AUTH-3');
  });

  it('keeps, per teacher, the courses they teach and the classes they are homeroom teacher of (R-AUTH-3)', () => {
    expect(policy.teachers['t3']).toEqual({ teacherId: 't3', name: '張文華', courseIds: ['proj-1112'], classIds: [] });
    expect(policy.teachers['t-home']).toMatchObject({ name: '郭美玲', classIds: ['c301'] });
    expect(policy.teachers['t1']?.courseIds).toEqual(['math-1111', 'math-1112']);
  });
});

describe('only registered teachers are named (R-AUTH-3, R-AUTH-2, R-OUT-7)', () => {
  it('refuses a class whose homeroom teacher is not registered, citing R-AUTH-2, in both languages', () => {
    const error = given(...fixture)
      .when(
        command('RegisterClass', { classId: 'c302', schoolYear: 111, name: '普通三02班', homeroomTeacherId: 'nobody' }),
        ctx(NOW),
      )
      .thenError('TEACHER_NOT_REGISTERED', 'R-AUTH-2');
    expect(error.message['zh-TW']).toContain('nobody');
    expect(error.message.en).toContain('homeroom teacher');
  });

  it('refuses a course naming a teacher who is not registered (R-OUT-7)', () => {
    given(...fixture)
      .when(
        command('OpenCourse', {
          courseId: 'chem-1112',
          term: '1112',
          subject: '化學',
          name: '化學',
          credits: 2,
          teacherIds: ['t1', 'nobody'],
        }),
        ctx(NOW),
      )
      .thenError('TEACHER_NOT_REGISTERED', 'R-OUT-7');
  });

  it('refuses a proxy who is not a registered teacher (R-OUT-7)', () => {
    given(...fixture)
      .when(command('AppointCertificationProxy', { courseId: 'math-1111', teacherId: 's1' }), ctx(NOW))
      .thenError('TEACHER_NOT_REGISTERED', 'R-OUT-7');
  });
});

describe("a learning plan's advisor is a registered teacher (R-PLAN-1, R-AUTH-3)", () => {
  const withAdvisorStage = schoolFixture({
    extra: [schoolEvent('PlanApprovalOrderSet', { stages: [{ kind: 'advisor' }, { kind: 'homeroom' }] })],
  }).policy;
  const plan = (advisorId: string) =>
    portfolioCommand('SubmitLearningPlan', {
      schoolId: 'sch1',
      studentId: 's1',
      planId: 'plan1',
      schoolYear: 111,
      semester: 1,
      title: '以 Python 分析空氣品質',
      description: '自主學習計畫',
      periodsPerWeek: 2,
      weeks: 9,
      startDate: '2022-09-05',
      endDate: '2022-12-30',
      advisorId,
    });
  const submit = specify(portfolioDecider);

  it('accepts a registered teacher as advisor (R-PLAN-1)', () => {
    submit()
      .when(plan('t1'), contextAt(withAdvisorStage, '2022-09-01T10:00', student('s1')))
      .thenSucceeds();
  });

  it.each([
    ['their own id', 's1'],
    ['a classmate', 's2'],
    ['an id nobody holds', 't-ghost'],
  ])('refuses a student naming %s as advisor (R-PLAN-1, R-AUTH-3)', (_who, advisorId) => {
    const error = submit()
      .when(plan(advisorId), contextAt(withAdvisorStage, '2022-09-01T10:00', student('s1')))
      .thenError('TEACHER_NOT_REGISTERED', 'R-PLAN-1');
    expect(error.message.en).toContain("learning plan's advisor");
  });
});

describe('streams written before the registry (R-AUTH-3, R-REP-6)', () => {
  // A school stream of the release before the registry: no TeacherRegistered at all.
  const old = [
    schoolEvent('SchoolRegistered', { schoolId: 'sch1', name: '臺北市立舊校' }),
    schoolEvent('ClassRegistered', {
      classId: 'c301',
      schoolYear: 111,
      name: '普通三01班',
      homeroomTeacherId: 't-home',
    }),
    schoolEvent('CourseOpened', {
      courseId: 'math-1111',
      term: '1111',
      subject: '數學',
      name: '數學',
      credits: 4,
      teacherIds: ['t1'],
    }),
    schoolEvent('CertificationProxyAppointed', { courseId: 'math-1111', teacherId: 't-proxy' }),
  ];

  it('knows the teachers its records name, unnamed, so reports show their ids as before (R-REP-6)', () => {
    const { state } = given(...old);
    expect(Object.keys(state.teachers).sort()).toEqual(['t-home', 't-proxy', 't1']);
    expect(state.teachers['t1']).toEqual({ teacherId: 't1', name: null, courseIds: ['math-1111'], classIds: [] });
    expect(teacherNameOf(state, 't1')).toBe('t1');
  });

  it('lets later commands name those teachers, and registering one gives them a name (R-AUTH-3, R-REP-6)', () => {
    given(...old)
      .when(command('AppointCertificationProxy', { courseId: 'math-1111', teacherId: 't1' }), ctx(NOW))
      .thenSucceeds();
    const { state } = given(...old)
      .when(command('RegisterTeacher', { teacherId: 't1', name: '王建民' }), ctx(NOW))
      .thenSucceeds();
    expect(state.teachers['t1']).toEqual({ teacherId: 't1', name: '王建民', courseIds: ['math-1111'], classIds: [] });
    expect(teacherNameOf(state, 't1')).toBe('王建民');
  });
});
