import { portfolioDecider, type PortfolioEvent } from '@licheng/domain';
import { contextAt, pdf, schoolFixture, specify, student, teacher } from '../../testing';

const { policy } = schoolFixture();
const given = specify(portfolioDecider);
const upload = {
  type: 'UploadCourseOutcome',
  data: {
    schoolId: 'sch1',
    studentId: 's1',
    outcomeId: 'o1',
    courseId: 'math-1111',
    description: '函數報告',
    document: pdf(),
  },
} as const;
const uploaded = {
  type: 'CourseOutcomeUploaded',
  data: {
    studentId: 's1',
    outcomeId: 'o1',
    courseId: 'math-1111',
    description: '函數報告',
    document: pdf(),
    term: '1111',
    subject: '數學',
  },
} as PortfolioEvent;

describe('uploading a course outcome', () => {
  it('records an upload inside the upload window (R-OUT-5)', () => {
    given()
      .when(upload as never, contextAt(policy, '2022-10-01T10:00', student('s1')))
      .then(uploaded);
  });

  it('refuses an upload at the instant the window ends: windows are half-open (R-TIME-2, R-OUT-5)', () => {
    given()
      .when(upload as never, contextAt(policy, '2023-01-20T17:00', student('s1')))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-5');
  });

  it('accepts an upload at the instant the window opens (R-TIME-2)', () => {
    given()
      .when(upload as never, contextAt(policy, '2022-09-01T08:00', student('s1')))
      .then(uploaded);
  });

  it("refuses a student acting on another student's portfolio (R-AUTH-1)", () => {
    given()
      .when(upload as never, contextAt(policy, '2022-10-01T10:00', student('s2')))
      .thenError('NOT_OWN_PORTFOLIO', 'R-AUTH-1');
  });

  it('lets the course teacher pass a pending outcome (R-OUT-7, R-OUT-8)', () => {
    const sent = { type: 'CourseOutcomeSentForCertification', data: { outcomeId: 'o1' } } as PortfolioEvent;
    given(uploaded, sent)
      .when(
        {
          type: 'CertifyCourseOutcome',
          data: { schoolId: 'sch1', studentId: 's1', outcomeId: 'o1', result: 'passed' },
        } as never,
        contextAt(policy, '2023-01-25T09:00', teacher('t1')),
      )
      .then({
        type: 'CourseOutcomeCertified',
        data: { outcomeId: 'o1', teacherId: 't1', result: 'passed' },
      } as PortfolioEvent);
  });
});
