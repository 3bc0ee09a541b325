import * as E from 'fp-ts/Either';
import {
  decodeCommand,
  foldEvents,
  portfolioDecider,
  schoolDecider,
  type Actor,
  type PortfolioCommand,
  type PortfolioContext,
  type PortfolioEvent,
  type SchoolEvent,
  type SchoolState,
} from '@licheng/domain';
import {
  admin,
  at,
  contextAt,
  parent,
  portfolioCommand,
  portfolioEvent,
  schoolEvent,
  schoolFixture,
  specify,
  student,
  teacher,
} from '../../testing';

/**
 * Self-directed learning plans (自主學習計畫), R-PLAN-1: approved in the stages the school ordered — here the
 * custom group g-plan (member t-plan), then the plan's advisor t-adv, then the homeroom teacher t-home of c301.
 */

const STAGES = [{ kind: 'roleGroup', groupId: 'g-plan' }, { kind: 'advisor' }, { kind: 'homeroom' }];
const planGroup: SchoolEvent[] = [
  // R-AUTH-3: the advisor a student names is a registered teacher.
  schoolEvent('TeacherRegistered', { teacherId: 't-adv', name: '謝庭豐' }),
  schoolEvent('RoleGroupDefined', { groupId: 'g-plan', name: '自主學習審查小組', functionCodes: ['S0302S'] }),
  schoolEvent('RoleGroupMemberAdded', { groupId: 'g-plan', userId: 't-plan' }),
];
const { events: schoolEvents } = schoolFixture({
  extra: [...planGroup, schoolEvent('PlanApprovalOrderSet', { stages: STAGES })],
});
const policy: SchoolState = foldEvents(schoolDecider.evolve, schoolDecider.initialState(), schoolEvents);
const noOrder = schoolFixture({ extra: planGroup }).policy;

const given = specify(portfolioDecider);
const NOW = '2023-02-20T10:00';
const as = (actor: Actor, p: SchoolState = policy, now = NOW): PortfolioContext => contextAt(p, now, actor);

const content = {
  schoolYear: 111,
  semester: 2,
  title: '機器學習入門',
  description: '每週閱讀一章並完成實作',
  periodsPerWeek: 2,
  weeks: 18,
  startDate: '2023-02-20',
  endDate: '2023-06-30',
  advisorId: 't-adv',
};
const submit = (overrides: Record<string, unknown> = {}, planId = 'plan1') =>
  portfolioCommand('SubmitLearningPlan', { schoolId: 'sch1', studentId: 's1', planId, ...content, ...overrides });
const submitted = (
  stages: ReadonlyArray<unknown> = STAGES,
  overrides: Record<string, unknown> = {},
  planId = 'plan1',
) => portfolioEvent('LearningPlanSubmitted', { studentId: 's1', planId, ...content, ...overrides, stages });
const pass = (planId = 'plan1') =>
  portfolioCommand('ReviewLearningPlan', { schoolId: 'sch1', studentId: 's1', planId, decision: 'pass' });
const giveBack = (reason?: string) =>
  portfolioCommand('ReviewLearningPlan', {
    schoolId: 'sch1',
    studentId: 's1',
    planId: 'plan1',
    decision: 'return',
    ...(reason === undefined ? {} : { reason }),
  });
const passed = (stage: number, reviewerId: string) =>
  portfolioEvent('LearningPlanStagePassed', { planId: 'plan1', stage, reviewerId });
const returned = (stage: number, reviewerId: string, reason: string) =>
  portfolioEvent('LearningPlanReturned', { planId: 'plan1', stage, reviewerId, reason });
const approved = portfolioEvent('LearningPlanApproved', { planId: 'plan1', performanceId: 'plan1' });
const selfDirected = portfolioEvent('PerformanceRecorded', {
  studentId: 's1',
  performanceId: 'plan1',
  schoolYear: 111,
  semester: 2,
  details: { category: 'flexibleLearning', kind: '自主學習', name: '機器學習入門', periodsPerWeek: 2, weeks: 18 },
  startDate: '2023-02-20',
  endDate: '2023-06-30',
  description: '每週閱讀一章並完成實作',
});

const step = (
  history: ReadonlyArray<PortfolioEvent>,
  command: PortfolioCommand,
  context: PortfolioContext,
): PortfolioEvent[] => [
  ...history,
  ...given(...history)
    .when(command, context)
    .thenSucceeds().events,
];

describe('submitting a learning plan (R-PLAN-1)', () => {
  it('records the plan with the approval stages in force when it is submitted (R-PLAN-1)', () => {
    given()
      .when(submit(), as(student('s1')))
      .then(submitted());
    const { state } = given()
      .when(submit(), as(student('s1')))
      .thenSucceeds();
    expect(state.plans.plan1).toMatchObject({ stageIndex: 0, status: 'inReview', stages: STAGES });
  });

  it('refuses a plan while the school has set no approval order (R-PLAN-1)', () => {
    given()
      .when(submit(), as(student('s1'), noOrder))
      .thenError('PLAN_APPROVAL_ORDER_NOT_SET', 'R-PLAN-1');
  });

  it('refuses a plan without an advisor when the order has an advisor stage (R-PLAN-1)', () => {
    const { advisorId: _advisor, ...withoutAdvisor } = content;
    given()
      .when(
        portfolioCommand('SubmitLearningPlan', {
          schoolId: 'sch1',
          studentId: 's1',
          planId: 'plan1',
          ...withoutAdvisor,
        }),
        as(student('s1')),
      )
      .thenError('PLAN_ADVISOR_REQUIRED', 'R-PLAN-1');
  });

  it('refuses submitting again a plan that is in review or approved: only a returned plan goes back (R-PLAN-1)', () => {
    given(submitted())
      .when(submit(), as(student('s1')))
      .thenError('PLAN_NOT_RETURNED', 'R-PLAN-1');
    given(submitted(), passed(0, 't-plan'), passed(1, 't-adv'), passed(2, 't-home'), approved, selfDirected)
      .when(submit(), as(student('s1')))
      .thenError('PLAN_NOT_RETURNED', 'R-PLAN-1');
  });

  it("refuses a student submitting another student's plan, and a parent (R-AUTH-1)", () => {
    given()
      .when(submit(), as(student('s2')))
      .thenError('NOT_OWN_PORTFOLIO', 'R-AUTH-1');
    given().when(submit(), as(parent())).thenError('ROLE_NOT_ALLOWED', 'R-AUTH-1');
  });

  it('refuses 19 weeks: flexible learning runs 1 to 18 weeks (R-PERF-5)', () => {
    const result = decodeCommand({
      commandId: 'c1',
      now: '2023-02-20T10:00+08:00',
      actor: { id: 's1', role: 'student', schoolId: 'sch1' },
      type: 'SubmitLearningPlan',
      data: { schoolId: 'sch1', studentId: 's1', planId: 'plan1', ...content, weeks: 19 },
    });
    expect(E.isLeft(result) ? result.left.code : 'accepted').toBe('INVALID_INPUT');
  });

  it('refuses a role-group stage naming a group the school never defined (R-PLAN-1)', () => {
    specify(schoolDecider)(...schoolEvents)
      .when(
        {
          type: 'SetPlanApprovalOrder',
          data: { schoolId: 'sch1', stages: [{ kind: 'roleGroup', groupId: 'g-none' }] },
        } as never,
        { now: at(NOW), actor: admin() },
      )
      .thenError('UNKNOWN_REFERENCE', 'R-PLAN-1');
  });
});

describe('review stage by stage, in the order set (R-PLAN-1)', () => {
  it('passes stage 1 by a member of the role group, then stage 2 by the advisor (R-PLAN-1)', () => {
    given(submitted())
      .when(pass(), as(teacher('t-plan')))
      .then(passed(0, 't-plan'));
    given(submitted(), passed(0, 't-plan'))
      .when(pass(), as(teacher('t-adv')))
      .then(passed(1, 't-adv'));
  });

  it.each<[string, Actor]>([
    ['the advisor', teacher('t-adv')],
    ['the homeroom teacher', teacher('t-home')],
    ['another teacher', teacher('t1')],
    ['the administrator outside the group', admin()],
    ['the student', student('s1')],
  ])('refuses %s at stage 1, which is the role group’s (NOT_STAGE_REVIEWER, R-PLAN-1)', (_who, actor) => {
    given(submitted()).when(pass(), as(actor)).thenError('NOT_STAGE_REVIEWER', 'R-PLAN-1');
  });

  it('refuses the role group’s member while the group is not in use (是否使用=否) (R-PLAN-1, R-AUTH-5)', () => {
    const notInUse = schoolFixture({
      extra: [
        ...planGroup,
        schoolEvent('RoleGroupDefined', {
          groupId: 'g-plan',
          name: '自主學習審查小組',
          functionCodes: ['S0302S'],
          inUse: false,
        }),
        schoolEvent('PlanApprovalOrderSet', { stages: STAGES }),
      ],
    }).policy;
    given(submitted())
      .when(pass(), as(teacher('t-plan'), notInUse))
      .thenError('NOT_STAGE_REVIEWER', 'R-PLAN-1');
  });

  it.each<[string, Actor]>([
    ['the role group member, whose stage is over', teacher('t-plan')],
    ['the homeroom teacher, whose stage is next', teacher('t-home')],
  ])('refuses %s at stage 2, which is the advisor’s (R-PLAN-1)', (_who, actor) => {
    given(submitted(), passed(0, 't-plan')).when(pass(), as(actor)).thenError('NOT_STAGE_REVIEWER', 'R-PLAN-1');
  });

  it('refuses the advisor at stage 3, which is the homeroom teacher’s (R-PLAN-1)', () => {
    given(submitted(), passed(0, 't-plan'), passed(1, 't-adv'))
      .when(pass(), as(teacher('t-adv')))
      .thenError('NOT_STAGE_REVIEWER', 'R-PLAN-1');
  });

  it(
    'approves on the last stage and records a flexible-learning performance of category 自主學習 with the plan’s id ' +
      '(R-PLAN-1, R-PERF-5)',
    () => {
      given(submitted(), passed(0, 't-plan'), passed(1, 't-adv'))
        .when(pass(), as(teacher('t-home')))
        .then(passed(2, 't-home'), approved, selfDirected);
    },
  );

  it('walks all three stages and leaves an approved plan and its performance in the portfolio (R-PLAN-1)', () => {
    let history = step([], submit(), as(student('s1')));
    history = step(history, pass(), as(teacher('t-plan')));
    history = step(history, pass(), as(teacher('t-adv')));
    history = step(history, pass(), as(teacher('t-home')));
    expect(history.map((e) => e.type)).toEqual([
      'LearningPlanSubmitted',
      'LearningPlanStagePassed',
      'LearningPlanStagePassed',
      'LearningPlanStagePassed',
      'LearningPlanApproved',
      'PerformanceRecorded',
    ]);
    const { state } = given(...history);
    expect(state.plans.plan1).toMatchObject({ status: 'approved', stageIndex: 3 });
    expect(state.performances.plan1).toMatchObject({
      details: { category: 'flexibleLearning', kind: '自主學習' },
      schoolYear: 111,
      semester: 2,
      submitted: false,
    });
    given(...history)
      .when(pass(), as(teacher('t-home')))
      .thenError('PLAN_NOT_IN_REVIEW', 'R-PLAN-1');
  });

  it('refuses reviewing a plan that was never submitted (R-PLAN-1)', () => {
    given()
      .when(pass(), as(teacher('t-plan')))
      .thenError('PLAN_NOT_IN_REVIEW', 'R-PLAN-1');
  });
});

describe('returning a plan (R-PLAN-1)', () => {
  it('refuses a return without a reason (R-PLAN-1)', () => {
    given(submitted(), passed(0, 't-plan'))
      .when(giveBack(), as(teacher('t-adv')))
      .thenError('RETURN_REASON_REQUIRED', 'R-PLAN-1');
  });

  it('records a return with its reason at the current stage (R-PLAN-1)', () => {
    given(submitted(), passed(0, 't-plan'))
      .when(giveBack('請補充每週進度'), as(teacher('t-adv')))
      .then(returned(1, 't-adv', '請補充每週進度'));
  });

  it('refuses a return by someone who is not the current stage’s reviewer (R-PLAN-1)', () => {
    given(submitted(), passed(0, 't-plan'))
      .when(giveBack('不同意'), as(teacher('t-home')))
      .thenError('NOT_STAGE_REVIEWER', 'R-PLAN-1');
  });

  it('refuses reviewing a returned plan until it is submitted again (R-PLAN-1)', () => {
    given(submitted(), passed(0, 't-plan'), returned(1, 't-adv', '請補充每週進度'))
      .when(pass(), as(teacher('t-adv')))
      .thenError('PLAN_NOT_IN_REVIEW', 'R-PLAN-1');
  });

  it('lets a returned plan be submitted again, restarting at stage 1 (R-PLAN-1)', () => {
    const history = [submitted(), passed(0, 't-plan'), returned(1, 't-adv', '請補充每週進度')];
    const revised = { description: '每週閱讀一章、完成實作並寫週誌' };
    const { state } = given(...history)
      .when(submit(revised), as(student('s1')))
      .thenSucceeds();
    expect(state.plans.plan1).toMatchObject({
      stageIndex: 0,
      status: 'inReview',
      description: '每週閱讀一章、完成實作並寫週誌',
    });

    const again = [...history, submitted(STAGES, revised)];
    given(...again)
      .when(pass(), as(teacher('t-adv')))
      .thenError('NOT_STAGE_REVIEWER', 'R-PLAN-1');
    given(...again)
      .when(pass(), as(teacher('t-plan')))
      .then(passed(0, 't-plan'));
  });
});

describe('the order in force at submission (R-PLAN-1)', () => {
  /** The administrator later changes the order to the homeroom teacher alone. */
  const reordered: SchoolState = specify(schoolDecider)(...schoolEvents)
    .when({ type: 'SetPlanApprovalOrder', data: { schoolId: 'sch1', stages: [{ kind: 'homeroom' }] } } as never, {
      now: at('2023-03-01T09:00'),
      actor: admin(),
    })
    .thenSucceeds().state;

  it('keeps a plan in review on the stages it was submitted with (R-PLAN-1)', () => {
    given(submitted())
      .when(pass(), as(teacher('t-home'), reordered, '2023-03-02T10:00'))
      .thenError('NOT_STAGE_REVIEWER', 'R-PLAN-1');
    given(submitted())
      .when(pass(), as(teacher('t-plan'), reordered, '2023-03-02T10:00'))
      .then(passed(0, 't-plan'));
    given(submitted(), passed(0, 't-plan'), passed(1, 't-adv'))
      .when(pass(), as(teacher('t-home'), reordered, '2023-03-02T10:00'))
      .then(passed(2, 't-home'), approved, selfDirected);
  });

  it('gives a plan submitted after the change the new stages (R-PLAN-1)', () => {
    given()
      .when(submit(), as(student('s1'), reordered, '2023-03-02T10:00'))
      .then(submitted([{ kind: 'homeroom' }]));
    given(submitted([{ kind: 'homeroom' }]))
      .when(pass(), as(teacher('t-home'), reordered))
      .then(passed(0, 't-home'), approved, selfDirected);
  });
});
