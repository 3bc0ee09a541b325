import {
  portfolioDecider,
  schoolDecider,
  submissionDecider,
  type Actor,
  type PortfolioCommand,
  type SchoolCommand,
  type SubmissionCommand,
} from '@licheng/domain';
import { admin, at, contextAt, schoolEvent, schoolFixture, specify, student, submitter, system } from '../testing';

// R-AUTH-1 / R-AUTH-3: a school member acts only on the school the embedding service bound them to.

const { events: fixture, policy } = schoolFixture();
const elsewhere = (actor: Actor): Actor => ({ ...actor, schoolId: 'tp_other' }) as Actor;

describe('actors bound to their school (R-AUTH-1, R-AUTH-3)', () => {
  it("refuses school B's administrator changing school A's work period", () => {
    const command = {
      type: 'SetWorkPeriod',
      data: {
        schoolId: 'sch1',
        term: '1112',
        item: 'outcomeUpload',
        window: { start: at('2023-02-13T08:00'), end: at('2023-04-07T17:00') },
      },
    } as SchoolCommand;
    specify(schoolDecider)(...fixture)
      .when(command, { now: at('2022-09-01T09:00'), actor: elsewhere(admin()) })
      .thenError('ACTOR_NOT_OF_SCHOOL', 'R-AUTH-3');
  });

  it("refuses school B's administrator registering school A, and lets A's own do it", () => {
    const command = { type: 'RegisterSchool', data: { schoolId: 'sch1', name: '臺北市立測試高中' } } as SchoolCommand;
    specify(schoolDecider)()
      .when(command, { now: at('2022-08-01T09:00'), actor: elsewhere(admin()) })
      .thenError('ACTOR_NOT_OF_SCHOOL', 'R-AUTH-3');
    specify(schoolDecider)()
      .when(command, { now: at('2022-08-01T09:00'), actor: admin() })
      .then(schoolEvent('SchoolRegistered', { schoolId: 'sch1', name: '臺北市立測試高中' }));
  });

  it('refuses a student number that exists in two schools acting in the other one (R-AUTH-1)', () => {
    const command = {
      type: 'DeselectCourseOutcome',
      data: { schoolId: 'sch1', studentId: 's1', outcomeId: 'o1' },
    } as PortfolioCommand;
    specify(portfolioDecider)()
      .when(command, contextAt(policy, '2023-04-12T09:00', elsewhere(student('s1'))))
      .thenError('ACTOR_NOT_OF_SCHOOL', 'R-AUTH-1');
  });

  it("refuses another school's submitter before any role group is looked at", () => {
    const command = {
      type: 'RecordSubmissionResult',
      data: {
        schoolId: 'sch1',
        category: 'courseOutcomes',
        period: '1110',
        fid: 'F-1',
        accepted: true,
        message: '檢核無誤',
      },
    } as unknown as SubmissionCommand;
    specify(submissionDecider)()
      .when(command, { now: at('2023-04-13T09:00'), actor: elsewhere(submitter()), policy, portfolios: {} })
      .thenError('ACTOR_NOT_OF_SCHOOL', 'R-AUTH-3');
  });

  it('judges the system by its role alone: it belongs to no school, so no school refuses it', () => {
    const command = { type: 'RegisterSchool', data: { schoolId: 'sch1', name: '臺北市立測試高中' } } as SchoolCommand;
    specify(schoolDecider)()
      .when(command, { now: at('2022-08-01T09:00'), actor: system() })
      .thenError('NOT_SCHOOL_ADMINISTRATOR', 'R-AUTH-3');
  });
});
