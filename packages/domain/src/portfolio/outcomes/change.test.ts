import { portfolioDecider, type PortfolioEvent } from '@licheng/domain';
import {
  contextAt,
  mp4,
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

const MiB = 1_048_576;
const given = specify(portfolioDecider);
const { policy } = schoolFixture();
/**
 * The 1112 upload window extended to the end of April, so that it overlaps the 1112 certification window (4/1–4/10).
 */
const overlapping = schoolFixture({
  extra: [
    schoolEvent('WorkPeriodSet', {
      term: '1112',
      item: 'outcomeUpload',
      window: { start: '2023-02-13T08:00+08:00', end: '2023-04-30T17:00+08:00' },
    }),
  ],
}).policy;

const s1 = student('s1');
const IN_1111 = '2022-10-01T10:00';
const AFTER_1111 = '2023-01-20T17:00';
const BOTH_OPEN_1112 = '2023-04-05T10:00';

const ref = (outcomeId = 'o1') => ({ schoolId: 'sch1', studentId: 's1', outcomeId });
const edit = (overrides: Record<string, unknown> = {}) =>
  portfolioCommand('EditCourseOutcome', {
    ...ref(),
    description: '修改後的報告',
    document: pdf('v2.pdf', 600_000),
    ...overrides,
  });
const del = (outcomeId = 'o1') => portfolioCommand('DeleteCourseOutcome', ref(outcomeId));
const send = (outcomeId = 'o1') => portfolioCommand('SendCourseOutcomeForCertification', ref(outcomeId));

const uploaded = (outcomeId = 'o1', courseId = 'math-1111'): PortfolioEvent =>
  portfolioEvent('CourseOutcomeUploaded', {
    studentId: 's1',
    outcomeId,
    courseId,
    term: courseId.slice(-4),
    subject: courseId.startsWith('math') ? '數學' : '物理',
    description: '函數報告',
    document: pdf(),
  });
const sent = (outcomeId = 'o1') => portfolioEvent('CourseOutcomeSentForCertification', { outcomeId });
const passed = (outcomeId = 'o1', teacherId = 't1') =>
  portfolioEvent('CourseOutcomeCertified', { outcomeId, teacherId, result: 'passed' });
const failed = (outcomeId = 'o1', teacherId = 't1') =>
  portfolioEvent('CourseOutcomeCertified', { outcomeId, teacherId, result: 'failed', reason: '檔案無法開啟' });
const edited = (outcomeId = 'o1') =>
  portfolioEvent('CourseOutcomeEdited', { outcomeId, description: '修改後的報告', document: pdf('v2.pdf', 600_000) });

describe('editing, deleting and sending a draft (R-OUT-6)', () => {
  it('lets the student edit a draft, replacing its content (R-OUT-6)', () => {
    const { events, state } = given(uploaded())
      .when(edit(), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
    expect(events).toEqual([edited()]);
    expect(state.outcomes['o1']).toMatchObject({
      description: '修改後的報告',
      document: pdf('v2.pdf', 600_000),
      status: 'draft',
    });
  });

  it('lets the student delete a draft (R-OUT-6)', () => {
    given(uploaded())
      .when(del(), contextAt(policy, IN_1111, s1))
      .then(portfolioEvent('CourseOutcomeDeleted', { outcomeId: 'o1' }));
  });

  it('makes a sent outcome pending (待認證) (R-OUT-6)', () => {
    const { events, state } = given(uploaded())
      .when(send(), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
    expect(events).toEqual([sent()]);
    expect(state.outcomes['o1']?.status).toBe('pending');
  });

  it('refuses editing a pending outcome (R-OUT-6)', () => {
    given(uploaded(), sent())
      .when(edit(), contextAt(policy, IN_1111, s1))
      .thenError('OUTCOME_PENDING_CERTIFICATION', 'R-OUT-6');
  });

  it('refuses deleting a pending outcome (R-OUT-6)', () => {
    given(uploaded(), sent())
      .when(del(), contextAt(policy, IN_1111, s1))
      .thenError('OUTCOME_PENDING_CERTIFICATION', 'R-OUT-6');
  });

  it('refuses sending a pending outcome again (R-OUT-6)', () => {
    given(uploaded(), sent())
      .when(send(), contextAt(policy, IN_1111, s1))
      .thenError('OUTCOME_PENDING_CERTIFICATION', 'R-OUT-6');
  });

  it('refuses changes to an outcome that does not exist, or was deleted', () => {
    given()
      .when(edit(), contextAt(policy, IN_1111, s1))
      .thenError('ITEM_NOT_FOUND');
    given(uploaded(), portfolioEvent('CourseOutcomeDeleted', { outcomeId: 'o1' }))
      .when(send(), contextAt(policy, IN_1111, s1))
      .thenError('ITEM_NOT_FOUND');
  });
});

describe("changes only inside the term's upload window (R-OUT-5, R-WIN-4)", () => {
  it('refuses editing a draft at the instant the upload window ends (R-OUT-5, R-WIN-4)', () => {
    given(uploaded())
      .when(edit(), contextAt(policy, AFTER_1111, s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-5');
  });

  it('refuses deleting a draft after the upload window closed (R-OUT-5, R-WIN-4)', () => {
    given(uploaded())
      .when(del(), contextAt(policy, '2023-03-01T10:00', s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-5');
  });

  it('refuses sending a draft for certification after the upload window closed (R-OUT-5, R-WIN-4)', () => {
    given(uploaded())
      .when(send(), contextAt(policy, AFTER_1111, s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-5');
  });

  it('accepts sending in the last minute of the upload window (R-OUT-5)', () => {
    given(uploaded())
      .when(send(), contextAt(policy, '2023-01-20T16:59', s1))
      .thenSucceeds();
  });

  it("judges a 1111 outcome by 1111's window even while 1112's is open (R-WIN-4)", () => {
    given(uploaded())
      .when(send(), contextAt(policy, '2023-03-01T10:00', s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-5');
  });
});

describe('a passed outcome never changes (R-OUT-9)', () => {
  const passedIn1112 = [uploaded('o1', 'math-1112'), sent(), passed()];

  it('refuses editing a passed outcome even while the upload window is open (R-OUT-9)', () => {
    given(...passedIn1112)
      .when(edit(), contextAt(overlapping, BOTH_OPEN_1112, s1))
      .thenError('OUTCOME_ALREADY_PASSED', 'R-OUT-9');
  });

  it('refuses deleting a passed outcome even while the upload window is open (R-OUT-9)', () => {
    given(...passedIn1112)
      .when(del(), contextAt(overlapping, BOTH_OPEN_1112, s1))
      .thenError('OUTCOME_ALREADY_PASSED', 'R-OUT-9');
  });

  it('refuses sending a passed outcome again (R-OUT-9)', () => {
    given(...passedIn1112)
      .when(send(), contextAt(overlapping, BOTH_OPEN_1112, s1))
      .thenError('OUTCOME_ALREADY_PASSED', 'R-OUT-9');
  });

  it('refuses certifying a passed outcome again, even as failed (R-OUT-9, R-OUT-8)', () => {
    given(...passedIn1112)
      .when(
        portfolioCommand('CertifyCourseOutcome', { ...ref(), result: 'failed', reason: '重新審查' }),
        contextAt(overlapping, BOTH_OPEN_1112, teacher('t1')),
      )
      .thenError('OUTCOME_NOT_PENDING', 'R-OUT-8');
  });
});

describe('a failed outcome may be edited and sent again (R-OUT-10)', () => {
  const failedIn1112 = [uploaded('o1', 'math-1112'), sent(), failed()];

  it(
    'lets the student edit a failed outcome while the upload window is open, making it a draft again ' + '(R-OUT-10)',
    () => {
      const { state } = given(...failedIn1112)
        .when(edit(), contextAt(overlapping, BOTH_OPEN_1112, s1))
        .thenSucceeds();
      expect(state.outcomes['o1']?.status).toBe('draft');
    },
  );

  it('lets the student send the edited outcome again, pending once more (R-OUT-10)', () => {
    const { state } = given(...failedIn1112, edited())
      .when(send(), contextAt(overlapping, BOTH_OPEN_1112, s1))
      .thenSucceeds();
    expect(state.outcomes['o1']?.status).toBe('pending');
  });

  it('refuses editing a failed outcome once the upload window has closed (R-OUT-10, R-WIN-4)', () => {
    given(...failedIn1112)
      .when(edit(), contextAt(overlapping, '2023-04-30T17:00', s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-5');
    given(...failedIn1112)
      .when(edit(), contextAt(policy, BOTH_OPEN_1112, s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-5');
  });

  it(
    'counts a failed, edited and re-sent outcome once toward the upload quota: the 10th upload still passes ' +
      '(R-OUT-10, R-OUT-3)',
    () => {
      const withMoreSubjects = schoolFixture({
        extra: [
          schoolEvent('WorkPeriodSet', {
            term: '1112',
            item: 'outcomeUpload',
            window: { start: '2023-02-13T08:00+08:00', end: '2023-04-30T17:00+08:00' },
          }),
          schoolEvent('ParameterSet', { parameter: 'outcomePerSubjectQuota', value: 10, effectiveFromSchoolYear: 111 }),
        ],
      }).policy;
      const others = Array.from({ length: 8 }, (_, i) => uploaded(`g${i}`, 'phys-1112'));
      given(...others, ...failedIn1112, edited(), sent())
        .when(
          portfolioCommand('UploadCourseOutcome', {
            ...ref('o10'),
            courseId: 'math-1112',
            description: '第十件',
            document: pdf(),
          }),
          contextAt(withMoreSubjects, BOTH_OPEN_1112, s1),
        )
        .thenSucceeds();
    },
  );

  it('counts a failed outcome once toward the subject quota (R-OUT-10, R-OUT-4)', () => {
    given(uploaded('m1', 'math-1112'), ...failedIn1112, edited(), sent())
      .when(
        portfolioCommand('UploadCourseOutcome', {
          ...ref('m3'),
          courseId: 'math-1112',
          description: '第三件',
          document: pdf(),
        }),
        contextAt(overlapping, BOTH_OPEN_1112, s1),
      )
      .thenSucceeds();
  });
});

describe('file and text rules on edit (R-OUT-2, R-FILE-1, R-FILE-2, R-FILE-3)', () => {
  it('refuses an edit that leaves no file (R-OUT-2)', () => {
    given(uploaded())
      .when(
        portfolioCommand('EditCourseOutcome', { ...ref(), description: '沒有檔案' }),
        contextAt(policy, IN_1111, s1),
      )
      .thenError('FILE_REQUIRED', 'R-OUT-2');
  });

  it('refuses an edit with a document of 4 MiB and one byte, and accepts exactly 4 MiB (R-FILE-1)', () => {
    given(uploaded())
      .when(edit({ document: pdf('v2.pdf', 4 * MiB + 1) }), contextAt(policy, IN_1111, s1))
      .thenError('FILE_TOO_LARGE', 'R-FILE-1');
    given(uploaded())
      .when(edit({ document: pdf('v2.pdf', 4 * MiB) }), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
  });

  it('refuses an edit whose description has 101 characters (R-FILE-2)', () => {
    given(uploaded())
      .when(edit({ description: '字'.repeat(101) }), contextAt(policy, IN_1111, s1))
      .thenError('DESCRIPTION_TOO_LONG', 'R-FILE-2');
  });

  it("accounts for the replaced file's size in storage (R-FILE-3)", () => {
    const { state } = given(uploaded())
      .when(edit({ media: mp4('t.mp4', 2_000_000) }), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
    expect(state.storageBytes).toBe(600_000 + 2_000_000);
  });

  it('lets an edit replace a file when storage is full, since the old file is freed (R-FILE-3)', () => {
    const tight = schoolFixture({
      extra: [
        schoolEvent('ParameterSet', { parameter: 'storageMaxBytes', value: 600_000, effectiveFromSchoolYear: 111 }),
      ],
    }).policy;
    given(uploaded())
      .when(edit(), contextAt(tight, IN_1111, s1))
      .thenSucceeds();
    given(uploaded())
      .when(edit({ document: pdf('v2.pdf', 600_001) }), contextAt(tight, IN_1111, s1))
      .thenError('STORAGE_QUOTA_EXCEEDED', 'R-FILE-3');
  });

  it('frees the storage of a deleted outcome (R-FILE-3)', () => {
    const { state } = given(uploaded(), uploaded('o2', 'phys-1111'))
      .when(del(), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
    expect(state.storageBytes).toBe(500_000);
  });
});

describe('who may change an outcome (R-AUTH-1)', () => {
  it('refuses another student editing, deleting or sending (R-AUTH-1)', () => {
    given(uploaded())
      .when(edit(), contextAt(policy, IN_1111, student('s2')))
      .thenError('NOT_OWN_PORTFOLIO', 'R-AUTH-1');
    given(uploaded())
      .when(del(), contextAt(policy, IN_1111, student('s2')))
      .thenError('NOT_OWN_PORTFOLIO', 'R-AUTH-1');
    given(uploaded())
      .when(send(), contextAt(policy, IN_1111, student('s2')))
      .thenError('NOT_OWN_PORTFOLIO', 'R-AUTH-1');
  });

  it("refuses a parent editing or sending their child's outcome (R-AUTH-1)", () => {
    given(uploaded())
      .when(edit(), contextAt(policy, IN_1111, parent('p1')))
      .thenError('ROLE_NOT_ALLOWED', 'R-AUTH-1');
    given(uploaded())
      .when(send(), contextAt(policy, IN_1111, parent('p1')))
      .thenError('ROLE_NOT_ALLOWED', 'R-AUTH-1');
  });

  it("refuses the course teacher editing the student's outcome (R-AUTH-1)", () => {
    given(uploaded())
      .when(edit(), contextAt(policy, IN_1111, teacher('t1')))
      .thenError('ROLE_NOT_ALLOWED', 'R-AUTH-1');
  });
});
