import * as E from 'fp-ts/Either';
import {
  SCHOOL_COMMAND_DATA,
  schoolDecider,
  type Actor,
  type SchoolCommand,
  type SchoolCommandType,
  type SchoolContext,
} from '@licheng/domain';
import { decodeWith } from '@licheng/domain/internal';
import { admin, at, parent, schoolEvent, schoolFixture, specify, student, system, teacher, YEAR_111 } from '../testing';

/** A typed school command from loose data, validated by its codec. */
const command = <K extends SchoolCommandType>(
  type: K,
  data: Record<string, unknown>,
): Extract<SchoolCommand, { type: K }> => {
  const result = decodeWith(SCHOOL_COMMAND_DATA[type], type)({ schoolId: 'sch1', ...data });
  if (E.isLeft(result)) throw new Error(result.left.message.en);
  return { type, data: result.right } as Extract<SchoolCommand, { type: K }>;
};

const city = (): Actor => ({ id: 'tpe-edu', role: 'city' }) as Actor;
const submitter = (): Actor => ({ id: 'u9', role: 'submitter', schoolId: 'sch1' }) as Actor;
const ctx = (now: string, actor: Actor = admin()): SchoolContext => ({ now: at(now), actor });

const { events: fixture } = schoolFixture();
const given = specify(schoolDecider);
const registered = schoolEvent('SchoolRegistered', { schoolId: 'sch1', name: '臺北市立測試高中' });
const operating111 = (
  item: 'outcomes' | 'performances',
  start = '2022-08-01T00:00+08:00',
  end = '2023-10-31T00:00+08:00',
) => schoolEvent('OperatingPeriodSet', { schoolYear: 111, item, window: { start, end } });

const setWorkPeriod = (term: string, item: string, start: string, end: string) =>
  command('SetWorkPeriod', { term, item, window: { start: `${start}+08:00`, end: `${end}+08:00` } });
const workPeriodSet = (term: string, item: string, start: string, end: string) =>
  schoolEvent('WorkPeriodSet', { term, item, window: { start: `${start}+08:00`, end: `${end}+08:00` } });

describe('who may set what in the school (R-AUTH-3)', () => {
  it('lets the administrator set a work period', () => {
    given(registered, operating111('outcomes'))
      .when(setWorkPeriod('1111', 'outcomeUpload', '2022-09-01T08:00', '2023-01-20T17:00'), ctx('2022-08-15T09:00'))
      .then(workPeriodSet('1111', 'outcomeUpload', '2022-09-01T08:00', '2023-01-20T17:00'));
  });

  it.each<[string, Actor]>([
    ['a teacher', teacher('t1')],
    ['a student', student('s1')],
    ['a parent', parent('p1')],
    ['a submitter', submitter()],
    ['the system', system()],
    ['the city', city()],
  ])('refuses %s in no role group setting a work period (R-AUTH-3, R-AUTH-5)', (_who, actor) => {
    given(registered, operating111('outcomes'))
      .when(
        setWorkPeriod('1111', 'outcomeUpload', '2022-09-01T08:00', '2023-01-20T17:00'),
        ctx('2022-08-15T09:00', actor),
      )
      .thenError('FUNCTION_NOT_HELD', 'R-AUTH-5');
  });

  it.each<[string, SchoolCommand]>([
    [
      'set a parameter (S0203S)',
      command('SetParameter', { parameter: 'outcomeUploadQuota', value: 8, effectiveFromSchoolYear: 111 }),
    ],
    ['mark a co-taught reviewer (S0209S)', command('MarkCourseReviewer', { courseId: 'proj-1112', teacherId: 't3' })],
  ])(
    'refuses a teacher in no role group who tries to %s, and lets the administrator do it (R-AUTH-3, R-AUTH-5)',
    (_what, cmd) => {
      given(...fixture)
        .when(cmd, ctx('2022-10-01T10:00', teacher('t1')))
        .thenError('FUNCTION_NOT_HELD', 'R-AUTH-5');
      given(...fixture)
        .when(cmd, ctx('2022-10-01T10:00', admin()))
        .thenSucceeds();
    },
  );

  it.each<[string, SchoolCommand]>([
    ['appoint a certification proxy', command('AppointCertificationProxy', { courseId: 'math-1111', teacherId: 't9' })],
    ['define a role group', command('DefineRoleGroup', { groupId: 'g1', name: '成果提交', functionCodes: ['S0205S'] })],
  ])('refuses a teacher who tries to %s, and lets the administrator do it (R-AUTH-3)', (_what, cmd) => {
    given(...fixture)
      .when(cmd, ctx('2022-10-01T10:00', teacher('t1')))
      .thenError('NOT_SCHOOL_ADMINISTRATOR', 'R-AUTH-3');
    given(...fixture)
      .when(cmd, ctx('2022-10-01T10:00', admin()))
      .thenSucceeds();
  });

  it(
    'refuses the system setting a parameter: parameters are the administrator’s or a S0203S member’s (R-AUTH-3, ' +
      'R-AUTH-5)',
    () => {
      given(...fixture)
        .when(
          command('SetParameter', { parameter: 'outcomeUploadQuota', value: 8, effectiveFromSchoolYear: 111 }),
          ctx('2022-10-01T10:00', system()),
        )
        .thenError('FUNCTION_NOT_HELD', 'R-AUTH-5');
    },
  );

  it("lets the school's records system sync a course roster, but not a student (R-AUTH-3)", () => {
    const sync = command('SyncCourseRoster', { courseId: 'math-1111', studentIds: ['s1'] });
    given(...fixture)
      .when(sync, ctx('2022-10-01T10:00', system()))
      .then(schoolEvent('CourseRosterSynced', { courseId: 'math-1111', studentIds: ['s1'] }));
    given(...fixture)
      .when(sync, ctx('2022-10-01T10:00', student('s1')))
      .thenError('NOT_SCHOOL_ADMINISTRATOR', 'R-AUTH-3');
  });

  it('refuses any fact for a school not yet registered', () => {
    given()
      .when(
        command('SetParameter', { parameter: 'outcomeUploadQuota', value: 8, effectiveFromSchoolYear: 111 }),
        ctx('2022-10-01T10:00'),
      )
      .thenError('SCHOOL_NOT_REGISTERED', 'R-AUTH-3');
  });

  it('registers a school once only', () => {
    const register = { type: 'RegisterSchool', data: { schoolId: 'sch1', name: '臺北市立測試高中' } } as SchoolCommand;
    given().when(register, ctx('2022-07-01T10:00')).then(registered);
    given(registered).when(register, ctx('2022-07-01T10:00')).thenError('SCHOOL_ALREADY_REGISTERED', 'R-AUTH-3');
  });
});

describe("the city's operating periods (R-WIN-1)", () => {
  const setOperating = (schoolYear: number, item: string, start: string, end: string) =>
    command('SetOperatingPeriod', { schoolYear, item, window: { start: `${start}+08:00`, end: `${end}+08:00` } });

  it('lets the city set an operating period that runs past the school year, as for 109 (R-WIN-1)', () => {
    given(registered)
      .when(setOperating(109, 'outcomes', '2020-08-01T00:00', '2021-10-31T00:00'), ctx('2020-07-01T10:00', city()))
      .then(
        schoolEvent('OperatingPeriodSet', {
          schoolYear: 109,
          item: 'outcomes',
          window: { start: '2020-08-01T00:00+08:00', end: '2021-10-31T00:00+08:00' },
        }),
      );
  });

  it(
    "refuses the school administrator setting the city's operating period: the school's periods must lie inside the " +
      "city's (R-WIN-1, R-AUTH-3)",
    () => {
      // The error code is the fix's to choose; the refusal must cite who sets what.
      const { state } = given(registered);
      const result = schoolDecider.decide(
        setOperating(109, 'outcomes', '2020-08-01T00:00', '2021-10-31T00:00'),
        state,
        ctx('2020-07-01T10:00', admin()),
      );
      expect(E.isLeft(result) ? result.left.rule : 'accepted').toMatch(/^R-(WIN-1|AUTH-3)$/);
    },
  );

  it('refuses a teacher setting an operating period (R-WIN-1, R-AUTH-3)', () => {
    given(registered)
      .when(setOperating(109, 'outcomes', '2020-08-01T00:00', '2021-10-31T00:00'), ctx('2020-07-01T10:00', teacher()))
      .thenError('ROLE_NOT_ALLOWED', 'R-WIN-1');
  });

  it('refuses a work period while the operating period of that school year is not set (R-WIN-1)', () => {
    given(registered, operating111('outcomes'))
      .when(setWorkPeriod('1121', 'outcomeUpload', '2023-09-01T08:00', '2024-01-20T17:00'), ctx('2023-08-01T10:00'))
      .thenError('OPERATING_PERIOD_NOT_SET', 'R-WIN-1');
  });

  it('accepts a work period of the school year that runs past 31 July, inside the operating period (R-WIN-1)', () => {
    given(
      registered,
      schoolEvent('OperatingPeriodSet', {
        schoolYear: 109,
        item: 'outcomes',
        window: { start: '2020-08-01T00:00+08:00', end: '2021-10-31T00:00+08:00' },
      }),
    )
      .when(setWorkPeriod('1092', 'outcomeUpload', '2021-08-02T08:00', '2021-10-30T17:00'), ctx('2021-07-01T10:00'))
      .thenSucceeds();
  });

  it('judges performance work periods by the performances operating period, not the outcomes one (R-WIN-1)', () => {
    const narrow = operating111('performances', '2022-08-01T00:00+08:00', '2023-03-01T00:00+08:00');
    given(registered, operating111('outcomes'), narrow)
      .when(
        setWorkPeriod('1110', 'performanceSelection', '2023-04-11T08:00', '2023-04-13T17:00'),
        ctx('2022-07-20T10:00'),
      )
      .thenError('WORK_PERIOD_OUTSIDE_OPERATING_PERIOD', 'R-WIN-2');
    given(registered, operating111('outcomes'))
      .when(
        setWorkPeriod('1110', 'performanceSelection', '2023-04-11T08:00', '2023-04-13T17:00'),
        ctx('2022-07-20T10:00'),
      )
      .thenError('OPERATING_PERIOD_NOT_SET', 'R-WIN-1');
  });
});

describe('setting work periods (R-WIN-2)', () => {
  const base = [registered, operating111('outcomes'), operating111('performances')];

  it('refuses a work period that ends when it starts (R-WIN-2)', () => {
    given(...base)
      .when(setWorkPeriod('1111', 'outcomeUpload', '2022-09-01T08:00', '2022-09-01T08:00'), ctx('2022-08-15T09:00'))
      .thenError('WORK_PERIOD_EMPTY', 'R-WIN-2');
  });

  it('refuses a work period that ends before it starts (R-WIN-2)', () => {
    given(...base)
      .when(setWorkPeriod('1111', 'outcomeUpload', '2023-01-20T17:00', '2022-09-01T08:00'), ctx('2022-08-15T09:00'))
      .thenError('WORK_PERIOD_EMPTY', 'R-WIN-2');
  });

  it('accepts a work period one minute long (R-WIN-2)', () => {
    given(...base)
      .when(setWorkPeriod('1111', 'outcomeUpload', '2022-09-01T08:00', '2022-09-01T08:01'), ctx('2022-08-15T09:00'))
      .thenSucceeds();
  });

  it('accepts a work period that ends exactly when the operating period ends (R-WIN-2)', () => {
    given(...base)
      .when(setWorkPeriod('1112', 'outcomeUpload', '2023-02-13T08:00', '2023-10-31T00:00'), ctx('2022-08-15T09:00'))
      .thenSucceeds();
  });

  it('refuses a work period that ends one minute after the operating period (R-WIN-2)', () => {
    given(...base)
      .when(setWorkPeriod('1112', 'outcomeUpload', '2023-02-13T08:00', '2023-10-31T00:01'), ctx('2022-08-15T09:00'))
      .thenError('WORK_PERIOD_OUTSIDE_OPERATING_PERIOD', 'R-WIN-2');
  });

  it('refuses a work period that starts one minute before the operating period (R-WIN-2)', () => {
    given(...base)
      .when(setWorkPeriod('1111', 'outcomeUpload', '2022-07-31T23:59', '2022-09-01T08:00'), ctx('2022-07-15T09:00'))
      .thenError('WORK_PERIOD_OUTSIDE_OPERATING_PERIOD', 'R-WIN-2');
  });

  it('accepts a work period that starts exactly when the operating period starts (R-WIN-2)', () => {
    given(...base)
      .when(setWorkPeriod('1111', 'outcomeUpload', '2022-08-01T00:00', '2022-09-01T08:00'), ctx('2022-07-15T09:00'))
      .thenSucceeds();
  });

  it('refuses an upload period keyed by semester 0: uploads are per semester (R-WIN-2)', () => {
    given(...base)
      .when(setWorkPeriod('1110', 'outcomeUpload', '2022-09-01T08:00', '2023-01-20T17:00'), ctx('2022-08-15T09:00'))
      .thenError('WORK_PERIOD_SEMESTER_MISMATCH', 'R-WIN-2');
  });

  it('refuses a certification period keyed by semester 0 (R-WIN-2)', () => {
    given(...base)
      .when(
        setWorkPeriod('1110', 'outcomeCertification', '2023-01-21T08:00', '2023-02-10T17:00'),
        ctx('2022-08-15T09:00'),
      )
      .thenError('WORK_PERIOD_SEMESTER_MISMATCH', 'R-WIN-2');
  });

  it('refuses a selection period keyed by semester 1: selection is per school year (R-WIN-2)', () => {
    given(...base)
      .when(setWorkPeriod('1111', 'outcomeSelection', '2023-04-11T08:00', '2023-04-13T17:00'), ctx('2022-08-15T09:00'))
      .thenError('WORK_PERIOD_SEMESTER_MISMATCH', 'R-WIN-2');
    given(...base)
      .when(
        setWorkPeriod('1112', 'performanceSelection', '2023-04-11T08:00', '2023-04-13T17:00'),
        ctx('2022-08-15T09:00'),
      )
      .thenError('WORK_PERIOD_SEMESTER_MISMATCH', 'R-WIN-2');
  });

  it('accepts selection periods keyed by semester 0 (R-WIN-2)', () => {
    given(...base)
      .when(setWorkPeriod('1110', 'outcomeSelection', '2023-04-11T08:00', '2023-04-13T17:00'), ctx('2022-08-15T09:00'))
      .thenSucceeds();
    given(...base)
      .when(
        setWorkPeriod('1110', 'performanceSelection', '2023-04-11T08:00', '2023-04-13T17:00'),
        ctx('2022-08-15T09:00'),
      )
      .thenSucceeds();
  });

  it('keeps the period it recorded, keyed by term and item (R-WIN-2)', () => {
    const { state } = given(...base)
      .when(
        setWorkPeriod('1112', 'outcomeCertification', '2023-04-01T08:00', '2023-04-10T17:00'),
        ctx('2022-08-15T09:00'),
      )
      .thenSucceeds();
    expect(state.workPeriods['1112:outcomeCertification']).toEqual({
      start: '2023-04-01T08:00+08:00',
      end: '2023-04-10T17:00+08:00',
    });
  });
});

describe('changing a work period (R-WIN-3)', () => {
  // Fixture: 1111 outcomeUpload runs 2022-09-01 08:00 until 2023-01-20 17:00.
  const extend = setWorkPeriod('1111', 'outcomeUpload', '2022-09-01T08:00', '2023-01-31T17:00');

  it('accepts an extension of an open period, as a new event (R-WIN-3)', () => {
    const { events, state } = given(...fixture)
      .when(extend, ctx('2023-01-20T16:59'))
      .thenSucceeds();
    expect(events).toEqual([workPeriodSet('1111', 'outcomeUpload', '2022-09-01T08:00', '2023-01-31T17:00')]);
    expect(state.workPeriods['1111:outcomeUpload']?.end).toBe('2023-01-31T17:00+08:00');
  });

  it('accepts a change of a period that has not started yet (R-WIN-3)', () => {
    given(...fixture)
      .when(setWorkPeriod('1110', 'outcomeSelection', '2023-04-12T08:00', '2023-04-14T17:00'), ctx('2023-01-05T10:00'))
      .thenSucceeds();
  });

  it('refuses a change at the instant the period ends: it has closed (R-WIN-3, R-TIME-2)', () => {
    given(...fixture)
      .when(extend, ctx(YEAR_111.outcomeUpload1.end))
      .thenError('WORK_PERIOD_ALREADY_CLOSED', 'R-WIN-3');
  });

  it('refuses a change of a period that closed long ago, even to extend it (R-WIN-3, R-WIN-4)', () => {
    given(...fixture)
      .when(extend, ctx('2023-03-01T10:00'))
      .thenError('WORK_PERIOD_ALREADY_CLOSED', 'R-WIN-3');
  });

  it('judges closure by the period as last changed: an extended period can be extended again (R-WIN-3)', () => {
    given(...fixture, workPeriodSet('1111', 'outcomeUpload', '2022-09-01T08:00', '2023-01-31T17:00'))
      .when(setWorkPeriod('1111', 'outcomeUpload', '2022-09-01T08:00', '2023-02-05T17:00'), ctx('2023-01-25T10:00'))
      .thenSucceeds();
  });

  it('judges closure by the instant the command carries, not the clock (R-WIN-3, R-TIME-3)', () => {
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    try {
      given(...fixture)
        .when(extend, ctx('2023-01-20T16:59'))
        .thenSucceeds();
    } finally {
      jest.useRealTimers();
    }
  });

  it('still checks a changed period against the operating period (R-WIN-2, R-WIN-3)', () => {
    given(...fixture)
      .when(setWorkPeriod('1111', 'outcomeUpload', '2022-09-01T08:00', '2023-11-01T17:00'), ctx('2023-01-20T16:59'))
      .thenError('WORK_PERIOD_OUTSIDE_OPERATING_PERIOD', 'R-WIN-2');
  });
});

describe('school parameters (R-OUT-3, R-AUTH-3)', () => {
  const setParameter = (parameter: string, value: number | null, effectiveFromSchoolYear = 111) =>
    command('SetParameter', { parameter, value, effectiveFromSchoolYear });

  it('accepts an upload quota of 6, the MOE floor (R-OUT-3)', () => {
    given(...fixture)
      .when(setParameter('outcomeUploadQuota', 6), ctx('2022-08-15T09:00'))
      .then(schoolEvent('ParameterSet', { parameter: 'outcomeUploadQuota', value: 6, effectiveFromSchoolYear: 111 }));
  });

  it('refuses an upload quota of 5, below the MOE floor (R-OUT-3)', () => {
    const error = given(...fixture)
      .when(setParameter('outcomeUploadQuota', 5), ctx('2022-08-15T09:00'))
      .thenError('PARAMETER_BELOW_MINIMUM', 'R-OUT-3');
    expect(error.details).toMatchObject({ parameter: 'outcomeUploadQuota', limit: 6, actual: 5 });
  });

  it('refuses an unlimited upload quota (R-OUT-3)', () => {
    given(...fixture)
      .when(setParameter('outcomeUploadQuota', null), ctx('2022-08-15T09:00'))
      .thenError('PARAMETER_BELOW_MINIMUM', 'R-OUT-3');
  });

  it('accepts a yearly performance cap of 20, as seed 004, and no cap at all (R-PERF-2)', () => {
    given(...fixture)
      .when(setParameter('performanceYearCap', 20), ctx('2022-08-15T09:00'))
      .thenSucceeds();
    given(...fixture)
      .when(setParameter('performanceYearCap', null), ctx('2022-08-15T09:00'))
      .thenSucceeds();
  });

  it.each(['outcomePerSubjectQuota', 'documentMaxBytes', 'mediaMaxBytes', 'storageMaxBytes'])(
    'refuses %s set to no limit (R-AUTH-3)',
    (parameter) => {
      given(...fixture)
        .when(setParameter(parameter, null), ctx('2022-08-15T09:00'))
        .thenError('PARAMETER_BELOW_MINIMUM', 'R-AUTH-3');
    },
  );

  it('refuses a per-subject quota of 0 and accepts 1 (R-OUT-4)', () => {
    const zero = {
      type: 'SetParameter',
      data: { schoolId: 'sch1', parameter: 'outcomePerSubjectQuota', value: 0, effectiveFromSchoolYear: 111 },
    } as unknown as SchoolCommand;
    given(...fixture)
      .when(zero, ctx('2022-08-15T09:00'))
      .thenError('PARAMETER_BELOW_MINIMUM');
    given(...fixture)
      .when(setParameter('outcomePerSubjectQuota', 1), ctx('2022-08-15T09:00'))
      .thenSucceeds();
  });

  it(
    "takes the teachers' reminder hour from 0 to 23, or blank for no mail, and reminder days from 1 " + '(R-NOTE-1)',
    () => {
      const zeroHour = {
        type: 'SetParameter',
        data: { schoolId: 'sch1', parameter: 'teacherReminderHour', value: 0, effectiveFromSchoolYear: 111 },
      } as unknown as SchoolCommand;
      given(...fixture)
        .when(zeroHour, ctx('2022-08-15T09:00'))
        .then(
          schoolEvent('ParameterSet', { parameter: 'teacherReminderHour', value: 0, effectiveFromSchoolYear: 111 }),
        );
      given(...fixture)
        .when(setParameter('teacherReminderHour', 23), ctx('2022-08-15T09:00'))
        .thenSucceeds();
      given(...fixture)
        .when(setParameter('teacherReminderHour', null), ctx('2022-08-15T09:00'))
        .thenSucceeds();
      const late = given(...fixture)
        .when(setParameter('teacherReminderHour', 24), ctx('2022-08-15T09:00'))
        .thenError('PARAMETER_ABOVE_MAXIMUM', 'R-NOTE-1');
      expect(late.details).toMatchObject({ parameter: 'teacherReminderHour', limit: 23, actual: 24 });
      for (const days of [
        'outcomeSelectionReminderDays',
        'performanceSelectionReminderDays',
        'certificationReminderDays',
      ]) {
        const zero = {
          type: 'SetParameter',
          data: { schoolId: 'sch1', parameter: days, value: 0, effectiveFromSchoolYear: 111 },
        } as unknown as SchoolCommand;
        given(...fixture)
          .when(zero, ctx('2022-08-15T09:00'))
          .thenError('PARAMETER_BELOW_MINIMUM');
        given(...fixture)
          .when(setParameter(days, null), ctx('2022-08-15T09:00'))
          .thenError('PARAMETER_BELOW_MINIMUM');
        given(...fixture)
          .when(setParameter(days, 5), ctx('2022-08-15T09:00'))
          .thenSucceeds();
      }
    },
  );

  /** The error code is the fix's to choose; the refusal must cite the rule that sets the national limit. */
  const refusalRule = (parameter: string, value: number) => {
    const { state } = given(...fixture);
    const result = schoolDecider.decide(setParameter(parameter, value), state, ctx('2022-08-15T09:00'));
    return E.isLeft(result) ? result.left.rule : 'accepted';
  };

  it('accepts a document limit of exactly 4 MiB and refuses one above the national 4 MB (R-FILE-1)', () => {
    expect(refusalRule('documentMaxBytes', 4 * 1_048_576)).toBe('accepted');
    expect(refusalRule('documentMaxBytes', 4 * 1_048_576 + 1)).toBe('R-FILE-1');
  });

  it('refuses a media limit above the national 10 MB (R-FILE-1)', () => {
    expect(refusalRule('mediaMaxBytes', 10 * 1_048_576)).toBe('accepted');
    expect(refusalRule('mediaMaxBytes', 10 * 1_048_576 + 1)).toBe('R-FILE-1');
  });

  it('refuses a storage limit above the national 200 MB (R-FILE-3)', () => {
    expect(refusalRule('storageMaxBytes', 200 * 1_048_576)).toBe('accepted');
    expect(refusalRule('storageMaxBytes', 200 * 1_048_576 + 1)).toBe('R-FILE-3');
  });

  it('records the school year from which the value is in force', () => {
    const { state } = given(...fixture)
      .when(setParameter('outcomeUploadQuota', 6, 112), ctx('2023-06-01T09:00'))
      .thenSucceeds();
    expect(state.parameters.outcomeUploadQuota).toEqual([{ effectiveFromSchoolYear: 112, value: 6 }]);
  });
});

describe('co-taught reviewers and proxies (R-OUT-7, R-AUTH-3)', () => {
  it('marks a co-teacher of a co-taught course as reviewer (R-OUT-7)', () => {
    given(...fixture)
      .when(command('MarkCourseReviewer', { courseId: 'proj-1112', teacherId: 't3' }), ctx('2023-02-01T10:00'))
      .then(schoolEvent('CourseReviewerMarked', { courseId: 'proj-1112', teacherId: 't3' }));
  });

  it('refuses a reviewer for a course the school never opened (R-OUT-7)', () => {
    given(...fixture)
      .when(command('MarkCourseReviewer', { courseId: 'art-1112', teacherId: 't3' }), ctx('2023-02-01T10:00'))
      .thenError('UNKNOWN_REFERENCE', 'R-OUT-7');
  });

  it('refuses to mark as reviewer (審核=是) a teacher who does not teach the co-taught course (R-OUT-7)', () => {
    // A teacher outside the course can certify it only as an appointed proxy.
    // The error code is the fix's to choose; the rule it cites is R-OUT-7.
    const { state } = given(...fixture);
    const result = schoolDecider.decide(
      command('MarkCourseReviewer', { courseId: 'proj-1112', teacherId: 't9' }),
      state,
      ctx('2023-02-01T10:00'),
    );
    expect(E.isLeft(result) ? result.left.rule : 'accepted').toBe('R-OUT-7');
  });

  it('refuses a proxy for a course the school never opened (R-OUT-7)', () => {
    given(...fixture)
      .when(command('AppointCertificationProxy', { courseId: 'art-1112', teacherId: 't9' }), ctx('2023-02-01T10:00'))
      .thenError('UNKNOWN_REFERENCE', 'R-OUT-7');
  });

  it('refuses opening a course twice (R-OUT-1)', () => {
    given(...fixture)
      .when(
        command('OpenCourse', {
          courseId: 'math-1111',
          term: '1111',
          subject: '數學',
          name: '數學',
          credits: 4,
          teacherIds: ['t1'],
        }),
        ctx('2022-08-15T10:00'),
      )
      .thenError('ALREADY_EXISTS', 'R-OUT-1');
  });
});

describe('events the school decider emits', () => {
  it('drops the routing schoolId from the recorded fact', () => {
    const { events } = given(...fixture)
      .when(command('AppointCertificationProxy', { courseId: 'math-1111', teacherId: 't9' }), ctx('2023-02-01T10:00'))
      .thenSucceeds();
    expect(events).toEqual([schoolEvent('CertificationProxyAppointed', { courseId: 'math-1111', teacherId: 't9' })]);
    expect(events[0]?.data).not.toHaveProperty('schoolId');
  });
});
