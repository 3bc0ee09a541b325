import { portfolioDecider, type Actor, type PortfolioCommand, type PortfolioEvent } from '@licheng/domain';
import {
  admin,
  contextAt,
  mp4,
  parent,
  pdf,
  portfolioCommand,
  portfolioEvent,
  schoolFixture,
  specify,
  student,
  system,
  teacher,
} from '../testing';

/**
 * R-AUTH-1 across every student command: each is given a state and an instant where the student
 * may act, so that the only thing that changes between the rows is who acts.
 */
const given = specify(portfolioDecider);
const { policy } = schoolFixture();
const ref = { schoolId: 'sch1', studentId: 's1' };

const draft = portfolioEvent('CourseOutcomeUploaded', {
  studentId: 's1',
  outcomeId: 'o1',
  courseId: 'math-1111',
  term: '1111',
  subject: '數學',
  description: '報告',
  document: pdf(),
});
const passed: PortfolioEvent[] = [
  portfolioEvent('CourseOutcomeUploaded', {
    studentId: 's1',
    outcomeId: 'o2',
    courseId: 'math-1111',
    term: '1111',
    subject: '數學',
    description: '報告',
    document: pdf(),
  }),
  portfolioEvent('CourseOutcomeSentForCertification', { outcomeId: 'o2' }),
  portfolioEvent('CourseOutcomeCertified', { outcomeId: 'o2', teacherId: 't1', result: 'passed' }),
];
const performance = portfolioEvent('PerformanceRecorded', {
  studentId: 's1',
  performanceId: 'p1',
  schoolYear: 111,
  semester: 1,
  details: { category: 'creativeWork', name: '作品' },
  startDate: '2022-10-01',
  endDate: '2022-10-01',
  description: '作品',
  document: pdf(),
});
const cadre = portfolioEvent('CadreRecordSynced', {
  studentId: 's1',
  performanceId: 'c1',
  schoolYear: 111,
  semester: 1,
  unit: '普通三01班',
  position: '班長',
  level: '班級',
  startDate: '2022-08-30',
  endDate: '2023-01-20',
});

const ROWS: ReadonlyArray<[string, PortfolioCommand, ReadonlyArray<PortfolioEvent>, string]> = [
  [
    'UploadCourseOutcome',
    portfolioCommand('UploadCourseOutcome', {
      ...ref,
      outcomeId: 'o9',
      courseId: 'math-1111',
      description: '報告',
      document: pdf(),
    }),
    [],
    '2022-10-01T10:00',
  ],
  [
    'EditCourseOutcome',
    portfolioCommand('EditCourseOutcome', { ...ref, outcomeId: 'o1', description: '改', document: pdf() }),
    [draft],
    '2022-10-01T10:00',
  ],
  [
    'DeleteCourseOutcome',
    portfolioCommand('DeleteCourseOutcome', { ...ref, outcomeId: 'o1' }),
    [draft],
    '2022-10-01T10:00',
  ],
  [
    'SendCourseOutcomeForCertification',
    portfolioCommand('SendCourseOutcomeForCertification', { ...ref, outcomeId: 'o1' }),
    [draft],
    '2022-10-01T10:00',
  ],
  [
    'RecordPerformance',
    portfolioCommand('RecordPerformance', {
      ...ref,
      performanceId: 'p9',
      schoolYear: 111,
      semester: 1,
      details: { category: 'creativeWork', name: '作品' },
      startDate: '2022-10-01',
      endDate: '2022-10-01',
      description: '作品',
      media: mp4(),
    }),
    [],
    '2022-10-01T10:00',
  ],
  [
    'EditPerformance',
    portfolioCommand('EditPerformance', {
      ...ref,
      performanceId: 'p1',
      details: { category: 'creativeWork', name: '作品二' },
      startDate: '2022-10-01',
      endDate: '2022-10-01',
      description: '作品',
      document: pdf(),
    }),
    [performance],
    '2022-10-01T10:00',
  ],
  [
    'DeletePerformance',
    portfolioCommand('DeletePerformance', { ...ref, performanceId: 'p1' }),
    [performance],
    '2022-10-01T10:00',
  ],
  [
    'AttachCadreProof',
    portfolioCommand('AttachCadreProof', { ...ref, performanceId: 'c1', description: '聘書', document: pdf() }),
    [cadre],
    '2022-10-01T10:00',
  ],
  [
    'SelectCourseOutcome',
    portfolioCommand('SelectCourseOutcome', { ...ref, outcomeId: 'o2' }),
    passed,
    '2023-04-12T10:00',
  ],
  [
    'DeselectCourseOutcome',
    portfolioCommand('DeselectCourseOutcome', { ...ref, outcomeId: 'o2' }),
    [...passed, portfolioEvent('CourseOutcomeSelected', { outcomeId: 'o2', schoolYear: 111 })],
    '2023-04-12T10:00',
  ],
  [
    'SelectPerformance',
    portfolioCommand('SelectPerformance', { ...ref, performanceId: 'p1' }),
    [performance],
    '2023-04-12T10:00',
  ],
  [
    'DeselectPerformance',
    portfolioCommand('DeselectPerformance', { ...ref, performanceId: 'p1' }),
    [performance, portfolioEvent('PerformanceSelected', { performanceId: 'p1', schoolYear: 111 })],
    '2023-04-12T10:00',
  ],
];

describe('a student acts only on their own portfolio (R-AUTH-1)', () => {
  it.each(ROWS)('lets the student %s on their own portfolio (R-AUTH-1)', (_type, command, events, now) => {
    given(...events)
      .when(command, contextAt(policy, now, student('s1')))
      .thenSucceeds();
  });

  it.each(ROWS)(
    "refuses another student who tries to %s on s1's portfolio (R-AUTH-1)",
    (_type, command, events, now) => {
      given(...events)
        .when(command, contextAt(policy, now, student('s2')))
        .thenError('NOT_OWN_PORTFOLIO', 'R-AUTH-1');
    },
  );

  it.each(ROWS)('refuses a parent who tries to %s: a parent only reads (R-AUTH-1)', (_type, command, events, now) => {
    given(...events)
      .when(command, contextAt(policy, now, parent('p1')))
      .thenError('ROLE_NOT_ALLOWED', 'R-AUTH-1');
  });

  const others: ReadonlyArray<[string, Actor]> = [
    ['a teacher', teacher('t1')],
    ['the administrator', admin()],
    ['the system', system()],
  ];
  it.each(others)('refuses %s acting as the student on every student command (R-AUTH-1)', (_who, actor) => {
    for (const [, command, events, now] of ROWS) {
      given(...events)
        .when(command, contextAt(policy, now, actor))
        .thenError('ROLE_NOT_ALLOWED', 'R-AUTH-1');
    }
  });

  it('refuses a student whose id is not enrolled, even on a portfolio of that id (R-AUTH-1)', () => {
    const [, command, events, now] = ROWS[0]!;
    given(...events)
      .when(
        { ...command, data: { ...command.data, studentId: 's9' } } as PortfolioCommand,
        contextAt(policy, now, student('s9')),
      )
      .thenError('STUDENT_NOT_ENROLLED', 'R-AUTH-1');
  });
});
