import * as E from 'fp-ts/Either';
import { decodeCommand, portfolioDecider, type PortfolioEvent } from '@licheng/domain';
import {
  admin,
  contextAt,
  parent,
  pdf,
  portfolioCommand,
  portfolioEvent,
  schoolEvent,
  schoolFixture,
  specify,
  student,
  teacher,
} from '../../testing';

const given = specify(portfolioDecider);
const { policy } = schoolFixture();
/** The fixture after the administrator's 審核 choices on proj-1112, in order: [teacherId, 是 or 否]. */
const withReview = (...choices: Array<[string, '是' | '否']>) =>
  schoolFixture({
    extra: choices.map(([teacherId, choice]) =>
      schoolEvent(choice === '是' ? 'CourseReviewerMarked' : 'CourseReviewerUnmarked', {
        courseId: 'proj-1112',
        teacherId,
      }),
    ),
  }).policy;

const IN_CERT_1111 = '2023-01-25T09:00';
const IN_CERT_1112 = '2023-04-05T09:00';

const uploaded = (outcomeId = 'o1', courseId = 'math-1111', subject = '數學'): PortfolioEvent =>
  portfolioEvent('CourseOutcomeUploaded', {
    studentId: 's1',
    outcomeId,
    courseId,
    term: courseId.slice(-4),
    subject,
    description: '報告',
    document: pdf(),
  });
const sent = (outcomeId = 'o1') => portfolioEvent('CourseOutcomeSentForCertification', { outcomeId });
const pending = (outcomeId = 'o1', courseId = 'math-1111', subject = '數學') => [
  uploaded(outcomeId, courseId, subject),
  sent(outcomeId),
];

const certify = (result: 'passed' | 'failed', extra: Record<string, unknown> = {}, outcomeId = 'o1') =>
  portfolioCommand('CertifyCourseOutcome', { schoolId: 'sch1', studentId: 's1', outcomeId, result, ...extra });
const certified = (
  result: 'passed' | 'failed',
  teacherId = 't1',
  extra: Record<string, unknown> = {},
  outcomeId = 'o1',
) => portfolioEvent('CourseOutcomeCertified', { outcomeId, teacherId, result, ...extra });

describe('who may certify (R-OUT-7, R-AUTH-2)', () => {
  it("lets the course's teacher pass a pending outcome (R-OUT-7, R-AUTH-2)", () => {
    given(...pending())
      .when(certify('passed'), contextAt(policy, IN_CERT_1111, teacher('t1')))
      .then(certified('passed'));
  });

  it("refuses another course's teacher (R-OUT-7, R-AUTH-2)", () => {
    given(...pending())
      .when(certify('passed'), contextAt(policy, IN_CERT_1111, teacher('t2')))
      .thenError('NOT_COURSE_CERTIFIER', 'R-OUT-7');
  });

  it('refuses the homeroom teacher, who does not teach the course (R-OUT-7, R-AUTH-2)', () => {
    given(...pending())
      .when(certify('passed'), contextAt(policy, IN_CERT_1111, teacher('t-home')))
      .thenError('NOT_COURSE_CERTIFIER', 'R-OUT-7');
  });

  it(
    'lets every co-teacher of a co-taught course certify from the start: seed 003 3.4 lists them all at 審核=是 ' +
      '(R-OUT-7)',
    () => {
      const proj = pending('o1', 'proj-1112', '專題研究');
      given(...proj)
        .when(certify('passed'), contextAt(policy, IN_CERT_1112, teacher('t3')))
        .then(certified('passed', 't3'));
      given(...proj)
        .when(certify('passed'), contextAt(policy, IN_CERT_1112, teacher('t4')))
        .then(certified('passed', 't4'));
    },
  );

  it('refuses a co-teacher the administrator set to 否 (無法認證), and not the other (R-OUT-7)', () => {
    const proj = pending('o1', 'proj-1112', '專題研究');
    given(...proj)
      .when(certify('passed'), contextAt(withReview(['t4', '否']), IN_CERT_1112, teacher('t4')))
      .thenError('NOT_COURSE_CERTIFIER', 'R-OUT-7');
    given(...proj)
      .when(certify('passed'), contextAt(withReview(['t4', '否']), IN_CERT_1112, teacher('t3')))
      .then(certified('passed', 't3'));
  });

  it('lets a co-teacher set to 否 and then back to 是 certify again (R-OUT-7)', () => {
    const proj = pending('o1', 'proj-1112', '專題研究');
    given(...proj)
      .when(certify('passed'), contextAt(withReview(['t4', '否'], ['t4', '是']), IN_CERT_1112, teacher('t4')))
      .then(certified('passed', 't4'));
  });

  it(
    'keeps a course opened under the old rule (CourseOpened v1, upcast with reviewers "marked") at 否 until marked ' +
      '(R-OUT-7)',
    () => {
      const old = schoolFixture({
        extra: [
          schoolEvent('CourseOpened', {
            courseId: 'old-1112',
            term: '1112',
            subject: '專題研究',
            name: '專題研究（舊）',
            credits: 2,
            teacherIds: ['t3', 't4'],
            reviewers: 'marked',
          }),
          schoolEvent('CourseReviewerMarked', { courseId: 'old-1112', teacherId: 't3' }),
        ],
      }).policy;
      const proj = pending('o1', 'old-1112', '專題研究');
      given(...proj)
        .when(certify('passed'), contextAt(old, IN_CERT_1112, teacher('t3')))
        .then(certified('passed', 't3'));
      given(...proj)
        .when(certify('passed'), contextAt(old, IN_CERT_1112, teacher('t4')))
        .thenError('NOT_COURSE_CERTIFIER', 'R-OUT-7');
    },
  );

  it('lets a proxy the administrator appointed certify (R-OUT-7)', () => {
    const proxied = schoolFixture({
      extra: [schoolEvent('CertificationProxyAppointed', { courseId: 'math-1111', teacherId: 't9' })],
    }).policy;
    given(...pending())
      .when(certify('passed'), contextAt(proxied, IN_CERT_1111, teacher('t9')))
      .then(certified('passed', 't9'));
    given(...pending())
      .when(certify('passed'), contextAt(policy, IN_CERT_1111, teacher('t9')))
      .thenError('NOT_COURSE_CERTIFIER', 'R-OUT-7');
  });

  it('lets a proxy certify a co-taught course whatever its co-teachers’ 審核 (R-OUT-7)', () => {
    const proxied = schoolFixture({
      extra: [schoolEvent('CertificationProxyAppointed', { courseId: 'proj-1112', teacherId: 't9' })],
    }).policy;
    given(...pending('o1', 'proj-1112', '專題研究'))
      .when(certify('passed'), contextAt(proxied, IN_CERT_1112, teacher('t9')))
      .thenSucceeds();
  });

  it.each([
    ['the student', student('s1')],
    ['a parent', parent('p1')],
    ['the administrator', admin('t1')],
  ])('refuses %s certifying, even with a teacher id (R-OUT-7, R-AUTH-2)', (_who, actor) => {
    given(...pending())
      .when(certify('passed'), contextAt(policy, IN_CERT_1111, actor))
      .thenError('NOT_COURSE_CERTIFIER', 'R-OUT-7');
  });
});

describe('certification inside the teacher window, pass or fail (R-OUT-8)', () => {
  it('accepts a certification at 08:00 exactly, when the window opens (R-OUT-8, R-TIME-2)', () => {
    given(...pending())
      .when(certify('passed'), contextAt(policy, '2023-01-21T08:00', teacher('t1')))
      .thenSucceeds();
  });

  it('refuses a certification during the upload window, before the teacher window opens (R-OUT-8)', () => {
    given(...pending())
      .when(certify('passed'), contextAt(policy, '2023-01-20T10:00', teacher('t1')))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-8');
  });

  it('refuses a certification at the instant the window ends (R-OUT-8, R-TIME-2)', () => {
    given(...pending())
      .when(certify('passed'), contextAt(policy, '2023-02-10T17:00', teacher('t1')))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-8');
  });

  it("judges a 1111 outcome by 1111's teacher window, not 1112's (R-OUT-8)", () => {
    given(...pending())
      .when(certify('passed'), contextAt(policy, IN_CERT_1112, teacher('t1')))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-8');
  });

  it('records a fail with its reason (R-OUT-8)', () => {
    const { state } = given(...pending())
      .when(certify('failed', { reason: '檔案無法開啟' }), contextAt(policy, IN_CERT_1111, teacher('t1')))
      .thenSucceeds();
    expect(state.outcomes['o1']).toMatchObject({
      status: 'failed',
      certifiedBy: 't1',
      certificationReason: '檔案無法開啟',
    });
  });

  it('refuses a fail without a reason (R-OUT-8)', () => {
    given(...pending())
      .when(certify('failed'), contextAt(policy, IN_CERT_1111, teacher('t1')))
      .thenError('FAIL_REASON_REQUIRED', 'R-OUT-8');
  });

  it('accepts a pass with a reason, and records it (R-OUT-8)', () => {
    given(...pending())
      .when(certify('passed', { reason: '內容完整' }), contextAt(policy, IN_CERT_1111, teacher('t1')))
      .then(certified('passed', 't1', { reason: '內容完整' }));
  });

  it('refuses a blank reason as input: a reason is text (R-OUT-8)', () => {
    expect(() => certify('failed', { reason: '   ' })).toThrow();
  });

  it('refuses certifying a draft that was never sent (R-OUT-8)', () => {
    given(uploaded())
      .when(certify('passed'), contextAt(policy, IN_CERT_1111, teacher('t1')))
      .thenError('OUTCOME_NOT_PENDING', 'R-OUT-8');
  });

  it('refuses certifying a failed outcome again (R-OUT-8)', () => {
    given(...pending(), certified('failed', 't1', { reason: '不完整' }))
      .when(certify('passed'), contextAt(policy, IN_CERT_1111, teacher('t1')))
      .thenError('OUTCOME_NOT_PENDING', 'R-OUT-8');
  });

  it('refuses certifying an outcome not in the portfolio (R-OUT-8)', () => {
    given()
      .when(certify('passed'), contextAt(policy, IN_CERT_1111, teacher('t1')))
      .thenError('ITEM_NOT_FOUND', 'R-OUT-8');
  });

  it('does not grade the work: a score in the input is not recorded (R-OUT-8)', () => {
    const decoded = decodeCommand({
      commandId: 'cmd-1',
      now: '2023-01-25T09:00+08:00',
      actor: { id: 't1', role: 'teacher', schoolId: 'sch1' },
      type: 'CertifyCourseOutcome',
      data: { schoolId: 'sch1', studentId: 's1', outcomeId: 'o1', result: 'passed', score: 95, grade: 'A' },
    });
    if (E.isLeft(decoded)) throw new Error(decoded.left.message.en);
    given(...pending())
      .when(decoded.right.command as never, contextAt(policy, IN_CERT_1111, teacher('t1')))
      .then(certified('passed'));
  });
});

describe('an outcome pending when the teacher window closes (R-OUT-11)', () => {
  it('stays pending: no certification is accepted after the window, and the outcome is unchanged (R-OUT-11)', () => {
    const spec = given(...pending());
    spec
      .when(certify('passed'), contextAt(policy, '2023-02-10T17:00', teacher('t1')))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-8');
    expect(spec.state.outcomes['o1']?.status).toBe('pending');
  });

  it('cannot be selected (R-OUT-11)', () => {
    given(...pending())
      .when(
        portfolioCommand('SelectCourseOutcome', { schoolId: 'sch1', studentId: 's1', outcomeId: 'o1' }),
        contextAt(policy, '2023-04-12T10:00', student('s1')),
      )
      .thenError('OUTCOME_NOT_PASSED', 'R-OUT-11');
  });

  it('cannot be edited or deleted by the student either (R-OUT-11, R-OUT-6)', () => {
    given(...pending())
      .when(
        portfolioCommand('DeleteCourseOutcome', { schoolId: 'sch1', studentId: 's1', outcomeId: 'o1' }),
        contextAt(policy, '2023-03-01T10:00', student('s1')),
      )
      .thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-5');
  });
});
