import * as E from 'fp-ts/Either';
import { foldEvents, portfolioDecider, schoolDecider, type SchoolCommand } from '@licheng/domain';
import {
  admin,
  at,
  contextAt,
  pdf,
  portfolioCommand,
  portfolioEvent,
  schoolEvent,
  schoolFixture,
  specify,
  student,
  teacher,
} from '../testing';

const given = specify(portfolioDecider);
const { policy, events: schoolEvents } = schoolFixture();
const s1 = student('s1');

const upload = (outcomeId = 'o1') =>
  portfolioCommand('UploadCourseOutcome', {
    schoolId: 'sch1',
    studentId: 's1',
    outcomeId,
    courseId: 'math-1111',
    description: '報告',
    document: pdf(),
  });
const uploaded = (outcomeId = 'o1') =>
  portfolioEvent('CourseOutcomeUploaded', {
    studentId: 's1',
    outcomeId,
    courseId: 'math-1111',
    term: '1111',
    subject: '數學',
    description: '報告',
    document: pdf(),
  });
const uploadPeriod = (end: string) =>
  schoolEvent('WorkPeriodSet', {
    term: '1111',
    item: 'outcomeUpload',
    window: { start: '2022-09-01T08:00+08:00', end: `${end}+08:00` },
  });

describe('actions are judged by the work period as it stood (R-WIN-3)', () => {
  const extended = schoolFixture({ extra: [uploadPeriod('2023-01-31T17:00')] }).policy;

  it('accepts an upload after the original end while an extension is in force (R-WIN-3)', () => {
    given()
      .when(upload(), contextAt(extended, '2023-01-25T10:00', s1))
      .thenSucceeds();
  });

  it(
    'refuses the same upload judged by the period as it stood before the extension: a later change does not reach ' +
      'back (R-WIN-3)',
    () => {
      given()
        .when(upload(), contextAt(policy, '2023-01-25T10:00', s1))
        .thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-5');
    },
  );

  it(
    'follows an extension the administrator records while the period is open, from school command to upload ' +
      '(R-WIN-3)',
    () => {
      const extend = {
        type: 'SetWorkPeriod',
        data: { schoolId: 'sch1', ...uploadPeriod('2023-01-31T17:00').data },
      } as SchoolCommand;
      const schoolState = foldEvents(schoolDecider.evolve, schoolDecider.initialState(), schoolEvents);
      const decision = schoolDecider.decide(extend, schoolState, { now: at('2023-01-20T16:59'), actor: admin() });
      if (E.isLeft(decision)) throw new Error(decision.left.message.en);
      const after = foldEvents(schoolDecider.evolve, schoolState, decision.right);
      given()
        .when(upload(), contextAt(after, '2023-01-25T10:00', s1))
        .thenSucceeds();
      given()
        .when(upload(), contextAt(after, '2023-01-31T17:00', s1))
        .thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-5');
    },
  );

  it(
    'keeps an upload accepted before a period was shortened; only later actions meet the shorter period ' + '(R-WIN-3)',
    () => {
      const shortened = schoolFixture({ extra: [uploadPeriod('2023-01-16T17:00')] }).policy;
      const spec = given(uploaded('o1'));
      spec.when(upload('o2'), contextAt(shortened, '2023-01-17T10:00', s1)).thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-5');
      expect(Object.keys(spec.state.outcomes)).toEqual(['o1']);
      spec.when(upload('o2'), contextAt(shortened, '2023-01-16T16:59', s1)).thenSucceeds();
    },
  );
});

describe('nothing retroactive after a student window closes (R-WIN-4)', () => {
  const closed = contextAt(policy, '2023-01-20T17:00', s1);
  const ref = { schoolId: 'sch1', studentId: 's1', outcomeId: 'o1' };

  it('refuses upload, edit, delete and send for a term whose window has closed (R-WIN-4)', () => {
    given().when(upload(), closed).thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-5');
    given(uploaded())
      .when(portfolioCommand('EditCourseOutcome', { ...ref, description: '補交', document: pdf() }), closed)
      .thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-5');
    given(uploaded())
      .when(portfolioCommand('DeleteCourseOutcome', ref), closed)
      .thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-5');
    given(uploaded())
      .when(portfolioCommand('SendCourseOutcomeForCertification', ref), closed)
      .thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-5');
  });

  it('refuses a selection after its window has closed (R-WIN-4)', () => {
    const passed = [
      uploaded(),
      portfolioEvent('CourseOutcomeSentForCertification', { outcomeId: 'o1' }),
      portfolioEvent('CourseOutcomeCertified', { outcomeId: 'o1', teacherId: 't1', result: 'passed' }),
    ];
    given(...passed)
      .when(portfolioCommand('SelectCourseOutcome', ref), contextAt(policy, '2023-05-01T10:00', s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-SEL-2');
  });
});

describe('the instant the command carries, not the clock (R-TIME-3)', () => {
  afterEach(() => jest.useRealTimers());

  it('accepts an upload whose `now` is inside the window although the clock reads 2030 (R-TIME-3)', () => {
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    given()
      .when(upload(), contextAt(policy, '2022-10-01T10:00', s1))
      .thenSucceeds();
  });

  it('refuses an upload whose `now` is after the window although the clock reads a time inside it (R-TIME-3)', () => {
    jest.useFakeTimers({ now: new Date('2022-10-01T02:00:00Z') });
    given()
      .when(upload(), contextAt(policy, '2023-02-01T10:00', s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-5');
  });

  it('judges certification by the command instant, not the clock (R-TIME-3)', () => {
    jest.useFakeTimers({ now: new Date('2022-10-01T02:00:00Z') });
    const pending = [uploaded(), portfolioEvent('CourseOutcomeSentForCertification', { outcomeId: 'o1' })];
    const certify = portfolioCommand('CertifyCourseOutcome', {
      schoolId: 'sch1',
      studentId: 's1',
      outcomeId: 'o1',
      result: 'passed',
    });
    given(...pending)
      .when(certify, contextAt(policy, '2023-01-25T09:00', teacher('t1')))
      .thenSucceeds();
  });

  it('applies the file limit of the school year of the command instant, not of the clock (R-TIME-3, R-FILE-1)', () => {
    jest.useFakeTimers({ now: new Date('2019-10-01T02:00:00Z') });
    given()
      .when(
        portfolioCommand('UploadCourseOutcome', { ...upload().data, document: pdf('big.pdf', 4 * 1_048_576) }),
        contextAt(policy, '2022-10-01T10:00', s1),
      )
      .thenSucceeds();
  });

  it('gives the same decision for the same command, state and context, whenever it runs (R-TIME-3)', () => {
    const ctx = contextAt(policy, '2022-10-01T10:00', s1);
    const first = portfolioDecider.decide(upload(), portfolioDecider.initialState(), ctx);
    jest.useFakeTimers({ now: new Date('2031-05-05T05:05:00Z') });
    expect(portfolioDecider.decide(upload(), portfolioDecider.initialState(), ctx)).toEqual(first);
  });
});
