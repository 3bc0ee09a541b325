import * as E from 'fp-ts/Either';
import {
  decodeCommand,
  portfolioDecider,
  receiptKey,
  receiptPhase,
  type Actor,
  type PortfolioCommand,
  type PortfolioContext,
  type PortfolioEvent,
  type ReceiptCategory,
} from '@licheng/domain';
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
  submitter,
  system,
  teacher,
} from '../../testing';

/**
 * Receipt statements (收訖明細) and the student's answers to them: R-SUB-3, R-REC-1..6, R-AUTH-4, R-PERF-8.
 * The fixture's windows follow seed 000 for every category: confirmation 2023-04-14 08:00 until 2023-04-18 10:30,
 * re-check 2023-04-20 08:00 until 17:00; course and cadre records are keyed by term 1112, outcomes and
 * performances by school year 111 (1110).
 */

const { policy } = schoolFixture();
const given = specify(portfolioDecider);

type Item = { itemId: string; title: string };
const COURSE_ITEMS: Item[] = [
  { itemId: 'math-1112', title: '數學 4學分 72分 及格' },
  { itemId: 'phys-1112', title: '物理 2學分 82分 及格' },
];
const CORRECTED_ITEMS: Item[] = [...COURSE_ITEMS, { itemId: 'proj-1112', title: '專題研究 2學分 88分 及格' }];

const ref = (category: ReceiptCategory = 'courseRecords', period = '1112', studentId = 's1') => ({
  schoolId: 'sch1',
  studentId,
  category,
  period,
});

const issue = (
  fid: string,
  items: Item[] = COURSE_ITEMS,
  category: ReceiptCategory = 'courseRecords',
  period = '1112',
) => portfolioCommand('IssueReceiptStatement', { ...ref(category, period), fid, items });
const confirm = (category: ReceiptCategory = 'courseRecords', period = '1112', studentId = 's1') =>
  portfolioCommand('ConfirmReceipt', ref(category, period, studentId));
const report = (
  problems: ReadonlyArray<{ kind: string; reason: string }>,
  category: ReceiptCategory = 'courseRecords',
  period = '1112',
) => portfolioCommand('ReportReceiptError', { ...ref(category, period), problems });
const review = (finding: 'dataWasRight' | 'corrected', category: ReceiptCategory = 'courseRecords', period = '1112') =>
  portfolioCommand('RecordReceiptReview', { ...ref(category, period), finding });
const deem = (category: ReceiptCategory = 'courseRecords', period = '1112') =>
  portfolioCommand('DeemReceiptCorrect', ref(category, period));

const issued = (
  fid: string,
  items: Item[] = COURSE_ITEMS,
  category: ReceiptCategory = 'courseRecords',
  period = '1112',
  studentId = 's1',
) => portfolioEvent('ReceiptStatementIssued', { studentId, category, period, fid, items });
const confirmed = (stage: 'first' | 'recheck', category: ReceiptCategory = 'courseRecords', period = '1112') =>
  portfolioEvent('ReceiptConfirmed', { category, period, stage });
const reported = (
  stage: 'first' | 'recheck',
  problems: ReadonlyArray<{ kind: string; reason: string }>,
  category: ReceiptCategory = 'courseRecords',
  period = '1112',
) => portfolioEvent('ReceiptErrorReported', { category, period, stage, problems });
const reviewed = (
  finding: 'dataWasRight' | 'corrected',
  reviewerId = 'admin',
  category: ReceiptCategory = 'courseRecords',
  period = '1112',
) => portfolioEvent('ReceiptReviewRecorded', { category, period, finding, reviewerId });
const deemed = (stage: 'first' | 'recheck', category: ReceiptCategory = 'courseRecords', period = '1112') =>
  portfolioEvent('ReceiptDeemedCorrect', { category, period, stage });

/** Seed 000's example report: 資料有多 多了國文, 資料有少 少了數學, 資料有誤 體育錯了. */
const SEED_PROBLEMS = [
  { kind: 'extra', reason: '多了國文' },
  { kind: 'missing', reason: '少了數學' },
  { kind: 'wrong', reason: '體育錯了' },
];
const MISSING = [{ kind: 'missing', reason: '少了數學' }];

const as = (now: string, actor: Actor = student('s1')): PortfolioContext => contextAt(policy, now, actor);

/** Applies a command to a history, expecting success; returns the longer history. */
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

describe('issuing receipt statements (R-SUB-3)', () => {
  it('records the statement of an accepted submission, issued by the system (R-SUB-3)', () => {
    given().when(issue('F1'), as('2023-04-13T18:00', system())).then(issued('F1'));
  });

  it.each<[string, Actor]>([
    ['the administrator', admin()],
    ['a submitter', submitter()],
    ['the student', student('s1')],
    ['a teacher', teacher('t-home')],
  ])('refuses %s issuing a statement: statements come from the accepted submission only (R-SUB-3)', (_who, actor) => {
    given().when(issue('F1'), as('2023-04-13T18:00', actor)).thenError('ROLE_NOT_ALLOWED', 'R-SUB-3');
  });

  it('refuses the same FID twice (R-SUB-3)', () => {
    given(issued('F1'))
      .when(issue('F1'), as('2023-04-13T18:00', system()))
      .thenError('STATEMENT_ALREADY_ISSUED', 'R-SUB-3');
  });

  it(
    'refuses a late redelivery of an earlier FID after a corrected statement: the receipt must stay what the ' +
      'central database holds now (R-SUB-3)',
    () => {
      // F1 was replaced by the corrected resubmission F2; delivering F1 again would roll the student back to
      // uncorrected
      // data.
      given(issued('F1'), issued('F2', CORRECTED_ITEMS))
        .when(issue('F1'), as('2023-04-19T15:00', system()))
        .thenError('STATEMENT_ALREADY_ISSUED', 'R-SUB-3');
    },
  );

  it(
    'replaces the items and FID when a corrected resubmission is accepted, keeping the answers given (R-SUB-3, ' +
      'R-REC-2)',
    () => {
      const { state } = given(issued('F1'), reported('first', MISSING), reviewed('corrected'))
        .when(issue('F2', CORRECTED_ITEMS), as('2023-04-19T15:00', system()))
        .thenSucceeds();
      expect(state.receipts[receiptKey('courseRecords', '1112')]).toMatchObject({
        fid: 'F2',
        items: CORRECTED_ITEMS,
        answer: 'reported',
        review: 'corrected',
        recheckAnswer: null,
      });
    },
  );

  it('refuses a statement for a student not enrolled at the school (R-SUB-3, R-AUTH-1)', () => {
    given()
      .when(
        portfolioCommand('IssueReceiptStatement', {
          ...ref('courseRecords', '1112', 's9'),
          fid: 'F1',
          items: COURSE_ITEMS,
        }),
        as('2023-04-13T18:00', system()),
      )
      .thenError('STUDENT_NOT_ENROLLED');
  });

  it(
    'marks each performance in a performances statement as submitted, so the student can no longer edit or delete ' +
      'it (R-PERF-8)',
    () => {
      // The upload window of 1110 was extended (R-WIN-3) past the statement, so only R-PERF-8 stands in the way.
      const extended = schoolFixture({
        extra: [
          schoolEvent('WorkPeriodSet', {
            term: '1110',
            item: 'performanceUpload',
            window: { start: '2022-08-01T08:00+08:00', end: '2023-05-31T17:00+08:00' },
          }),
        ],
      }).policy;
      const content = {
        details: { category: 'creativeWork', name: '校刊封面設計' },
        startDate: '2022-10-01',
        endDate: '2022-10-31',
        description: '校刊封面',
        document: pdf('cover.pdf'),
      };
      const recorded = (performanceId: string) =>
        portfolioEvent('PerformanceRecorded', {
          studentId: 's1',
          performanceId,
          schoolYear: 111,
          semester: 1,
          ...content,
        });
      const edit = (performanceId: string) =>
        portfolioCommand('EditPerformance', {
          schoolId: 'sch1',
          studentId: 's1',
          performanceId,
          ...content,
          description: '校刊封面（修改）',
        });
      const history = [
        recorded('p1'),
        recorded('p2'),
        issued('F1', [{ itemId: 'p1', title: '校刊封面設計' }], 'performances', '1110'),
      ];
      const at = contextAt(extended, '2023-04-15T10:00', student('s1'));

      given(...history)
        .when(edit('p1'), at)
        .thenError('PERFORMANCE_ALREADY_SUBMITTED', 'R-PERF-8');
      given(...history)
        .when(portfolioCommand('DeletePerformance', { schoolId: 'sch1', studentId: 's1', performanceId: 'p1' }), at)
        .thenError('PERFORMANCE_ALREADY_SUBMITTED', 'R-PERF-8');
      expect(given(...history).state.performances.p1?.submitted).toBe(true);
      // p2 was not in the statement: it is still the student's to edit.
      given(...history)
        .when(edit('p2'), at)
        .thenSucceeds();
    },
  );
});

describe('which receipts apply (R-REC-1)', () => {
  it('refuses an answer in a category with no statement: it does not apply to the student (R-REC-1)', () => {
    given().when(confirm(), as('2023-04-15T10:00')).thenError('RECEIPT_NOT_APPLICABLE', 'R-REC-1');
    given().when(report(MISSING), as('2023-04-15T10:00')).thenError('RECEIPT_NOT_APPLICABLE', 'R-REC-1');
  });

  it('keeps the four categories apart: a course-records statement does not make cadre records apply (R-REC-1)', () => {
    given(issued('F1'))
      .when(confirm('cadreRecords', '1112'), as('2023-04-15T10:00'))
      .thenError('RECEIPT_NOT_APPLICABLE', 'R-REC-1');
    given(issued('F1')).when(confirm('courseRecords', '1112'), as('2023-04-15T10:00')).then(confirmed('first'));
  });

  it('keeps periods apart: a 1112 statement does not make 1111 apply (R-REC-1)', () => {
    const { policy: with1111 } = schoolFixture({
      extra: [
        schoolEvent('WorkPeriodSet', {
          term: '1111',
          item: 'courseRecordsConfirmation',
          window: { start: '2023-04-14T08:00+08:00', end: '2023-04-18T10:30+08:00' },
        }),
      ],
    });
    given(issued('F1'))
      .when(confirm('courseRecords', '1111'), contextAt(with1111, '2023-04-15T10:00', student('s1')))
      .thenError('RECEIPT_NOT_APPLICABLE', 'R-REC-1');
  });

  it('treats a statement that lists no item as not applicable: the student submitted no data in it (R-REC-1)', () => {
    given(issued('F1', [])).when(confirm(), as('2023-04-15T10:00')).thenError('RECEIPT_NOT_APPLICABLE', 'R-REC-1');
  });

  it('refuses a deemed-correct for a category that does not apply (R-REC-1)', () => {
    given().when(deem(), as('2023-04-18T10:30', system())).thenError('RECEIPT_NOT_APPLICABLE', 'R-REC-1');
  });

  it.each<[ReceiptCategory, string]>([
    ['courseRecords', '1110'],
    ['cadreRecords', '1110'],
    ['courseOutcomes', '1112'],
    ['performances', '1111'],
  ])(
    'refuses %s keyed by %s: records are per semester, outcomes and performances per school year (R-REC-1)',
    (category, period) => {
      given()
        .when(issue('F1', COURSE_ITEMS, category, period), as('2023-04-13T18:00', system()))
        .thenError('SUBMISSION_PERIOD_MISMATCH', 'R-REC-1');
      given()
        .when(confirm(category, period), as('2023-04-15T10:00'))
        .thenError('SUBMISSION_PERIOD_MISMATCH', 'R-REC-1');
    },
  );
});

describe('the first answer inside the confirmation window (R-REC-2)', () => {
  it.each<[ReceiptCategory, string]>([
    ['courseRecords', '1112'],
    ['cadreRecords', '1112'],
    ['courseOutcomes', '1110'],
    ['performances', '1110'],
  ])('records a confirmation (資料正確無誤) of %s %s inside the window (R-REC-2)', (category, period) => {
    given(issued('F1', COURSE_ITEMS, category, period))
      .when(confirm(category, period), as('2023-04-16T20:00'))
      .then(confirmed('first', category, period));
  });

  it('records an error report (資料狀態回報) with each problem and its reason (R-REC-2)', () => {
    given(issued('F1')).when(report(SEED_PROBLEMS), as('2023-04-16T20:00')).then(reported('first', SEED_PROBLEMS));
  });

  it('refuses a confirmation before the window opens, one minute early (R-REC-2, R-TIME-2)', () => {
    given(issued('F1')).when(confirm(), as('2023-04-14T07:59')).thenError('OUTSIDE_WORK_PERIOD', 'R-REC-2');
  });

  it('refuses a report after the window closed (R-REC-2)', () => {
    given(issued('F1')).when(report(MISSING), as('2023-04-19T09:00')).thenError('OUTSIDE_WORK_PERIOD', 'R-REC-2');
  });

  it('makes a confirmation final: neither a second confirmation nor a later report is accepted (R-REC-2)', () => {
    given(issued('F1'), confirmed('first'))
      .when(confirm(), as('2023-04-16T20:00'))
      .thenError('RECEIPT_ALREADY_ANSWERED', 'R-REC-2');
    given(issued('F1'), confirmed('first'))
      .when(report(MISSING), as('2023-04-16T20:00'))
      .thenError('RECEIPT_ALREADY_ANSWERED', 'R-REC-2');
  });

  it(
    'makes a report final: the student cannot take it back by confirming while the school reviews (R-REC-2, ' +
      'R-REC-4)',
    () => {
      given(issued('F1'), reported('first', MISSING))
        .when(confirm(), as('2023-04-16T20:00'))
        .thenError('RECEIPT_AWAITING_SCHOOL_REVIEW', 'R-REC-4');
      given(issued('F1'), reported('first', MISSING))
        .when(report(SEED_PROBLEMS), as('2023-04-16T20:00'))
        .thenError('RECEIPT_AWAITING_SCHOOL_REVIEW', 'R-REC-4');
    },
  );

  it('keeps answers per category: confirming course records leaves cadre records pending (R-REC-2)', () => {
    const history = [
      issued('F1'),
      issued('F7', [{ itemId: 'cadre-1', title: '班長' }], 'cadreRecords', '1112'),
      confirmed('first'),
    ];
    given(...history)
      .when(confirm('cadreRecords', '1112'), as('2023-04-16T20:00'))
      .then(confirmed('first', 'cadreRecords', '1112'));
  });

  it(
    'refuses a report with no problem, and a problem with no reason, as malformed before any rule runs ' + '(R-REC-2)',
    () => {
      const envelope = (problems: unknown) => ({
        commandId: 'cmd-1',
        now: '2023-04-16T20:00+08:00',
        actor: { id: 's1', role: 'student', schoolId: 'sch1' },
        type: 'ReportReceiptError',
        data: { ...ref(), problems },
      });
      const codeOf = (input: unknown) => {
        const result = decodeCommand(input);
        return E.isLeft(result) ? result.left.code : 'accepted';
      };
      expect(codeOf(envelope([]))).toBe('INVALID_INPUT');
      expect(codeOf(envelope([{ kind: 'missing', reason: '   ' }]))).toBe('INVALID_INPUT');
      expect(codeOf(envelope([{ kind: 'missing' }]))).toBe('INVALID_INPUT');
      expect(codeOf(envelope([{ kind: 'lost', reason: '少了數學' }]))).toBe('INVALID_INPUT');
      expect(codeOf(envelope(MISSING))).toBe('accepted');
    },
  );

  it('refuses another student answering (R-AUTH-1)', () => {
    given(issued('F1'))
      .when(confirm(), as('2023-04-16T20:00', student('s2')))
      .thenError('NOT_OWN_PORTFOLIO', 'R-AUTH-1');
  });

  it.each<[string, Actor]>([
    ['a parent', parent('p1')],
    ['the homeroom teacher', teacher('t-home')],
    ['the administrator', admin()],
    ['the system', system()],
  ])('refuses %s answering for the student (R-AUTH-1)', (_who, actor) => {
    given(issued('F1')).when(confirm(), as('2023-04-16T20:00', actor)).thenError('ROLE_NOT_ALLOWED', 'R-AUTH-1');
  });
});

describe('what an error report may say (R-REC-3)', () => {
  it('records a report exactly as the student gave it, whatever the reason: judging it is for people (R-REC-3)', () => {
    // A "mistake" inside content the student chose is not a reportable error, but the library records the report.
    const problems = [
      { kind: 'wrong', reason: '我上傳的報告有錯字，想換一份' },
      { kind: 'extra', reason: '這件不是我勾選的作品' },
    ];
    given(issued('F1', [{ itemId: 'p1', title: '校刊封面設計' }], 'performances', '1110'))
      .when(report(problems, 'performances', '1110'), as('2023-04-16T20:00'))
      .then(reported('first', problems, 'performances', '1110'));
  });
});

describe("the school's review and the re-check (R-REC-4)", () => {
  const afterReport = [issued('F1'), reported('first', MISSING)];

  it.each<[string, Actor]>([
    ['the administrator', admin()],
    ['a submitter', submitter()],
  ])('lets %s record the review of a report (R-REC-4)', (_who, actor) => {
    given(...afterReport)
      .when(review('dataWasRight'), as('2023-04-18T14:00', actor))
      .then(reviewed('dataWasRight', actor.id));
  });

  it.each<[string, Actor]>([
    ['the student', student('s1')],
    ['a teacher', teacher('t-home')],
    ['the system', system()],
  ])('refuses %s recording the review (R-REC-4)', (_who, actor) => {
    given(...afterReport)
      .when(review('corrected'), as('2023-04-18T14:00', actor))
      .thenError('ROLE_NOT_ALLOWED', 'R-REC-4');
  });

  it('refuses a review when nothing was reported (R-REC-4)', () => {
    given(issued('F1'))
      .when(review('corrected'), as('2023-04-18T14:00', admin()))
      .thenError('RECEIPT_NOT_REPORTED', 'R-REC-4');
    given(issued('F1'), confirmed('first'))
      .when(review('corrected'), as('2023-04-18T14:00', admin()))
      .thenError('RECEIPT_NOT_REPORTED', 'R-REC-4');
  });

  it('refuses a second review of the same report (R-REC-4)', () => {
    given(...afterReport, reviewed('corrected'))
      .when(review('dataWasRight'), as('2023-04-19T10:00', admin()))
      .thenError('RECEIPT_NOT_REPORTED', 'R-REC-4');
  });

  it('refuses a review once the re-check window has closed (R-REC-4)', () => {
    given(...afterReport)
      .when(review('corrected'), as('2023-04-20T17:00', admin()))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-REC-4');
  });

  it('refuses a re-check answer before the school has reviewed the report (R-REC-4)', () => {
    given(...afterReport)
      .when(confirm(), as('2023-04-20T09:00'))
      .thenError('RECEIPT_AWAITING_SCHOOL_REVIEW', 'R-REC-4');
  });

  it('records a re-check confirmation after the school found the data right (R-REC-4)', () => {
    given(...afterReport, reviewed('dataWasRight'))
      .when(confirm(), as('2023-04-20T09:00'))
      .then(confirmed('recheck'));
  });

  it('records a re-check confirmation of the corrected statement after a correction (R-REC-4)', () => {
    given(...afterReport, reviewed('corrected'), issued('F2', CORRECTED_ITEMS))
      .when(confirm(), as('2023-04-20T09:00'))
      .then(confirmed('recheck'));
  });

  it('refuses a re-check answer after a correction until the corrected statement has arrived (R-REC-4)', () => {
    // The school "corrects and resubmits and the student re-checks": before the new FID's statement arrives the
    // student would be confirming the very data they reported. The refusal's code is the fix's to choose.
    const { state } = given(...afterReport, reviewed('corrected'));
    const result = portfolioDecider.decide(confirm(), state, as('2023-04-20T09:00'));
    expect(E.isLeft(result) ? result.left.rule : 'accepted').toBe('R-REC-4');
  });

  it('refuses a re-check answer before the re-check window opens, even after the review (R-REC-4)', () => {
    given(...afterReport, reviewed('dataWasRight'))
      .when(confirm(), as('2023-04-19T16:00'))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-REC-4');
  });

  it(
    'records a second report in the re-check, and then accepts nothing further: the rest is handled outside the ' +
      'system (R-REC-4)',
    () => {
      const history = [...afterReport, reviewed('dataWasRight'), reported('recheck', SEED_PROBLEMS)];
      given(...afterReport, reviewed('dataWasRight'))
        .when(report(SEED_PROBLEMS), as('2023-04-20T10:00'))
        .then(reported('recheck', SEED_PROBLEMS));
      given(...history)
        .when(confirm(), as('2023-04-20T11:00'))
        .thenError('RECEIPT_ALREADY_ANSWERED', 'R-REC-4');
      given(...history)
        .when(report(MISSING), as('2023-04-20T11:00'))
        .thenError('RECEIPT_ALREADY_ANSWERED', 'R-REC-4');
      given(...history)
        .when(review('corrected'), as('2023-04-20T11:00', admin()))
        .thenError('RECEIPT_NOT_REPORTED', 'R-REC-4');
      given(...history)
        .when(deem(), as('2023-04-20T17:00', system()))
        .thenError('RECEIPT_NOTHING_TO_DEEM', 'R-REC-5');
    },
  );

  it(
    'walks a receipt through its phases: awaiting answer, awaiting review, awaiting re-check, closed ' + '(R-REC-4)',
    () => {
      const phaseAfter = (...events: PortfolioEvent[]) =>
        receiptPhase(given(...events).state.receipts[receiptKey('courseRecords', '1112')]!);
      expect(phaseAfter(issued('F1'))).toBe('awaitingAnswer');
      expect(phaseAfter(...afterReport)).toBe('awaitingReview');
      expect(phaseAfter(...afterReport, reviewed('corrected'))).toBe('awaitingRecheck');
      expect(phaseAfter(...afterReport, reviewed('corrected'), confirmed('recheck'))).toBe('closed');
      expect(phaseAfter(issued('F1'), confirmed('first'))).toBe('closed');
      expect(phaseAfter(issued('F1'), deemed('first'))).toBe('closed');
    },
  );
});

describe('deemed correct when the window closes with no answer (R-REC-5, R-AUTH-4)', () => {
  it('lets the system deem an unanswered receipt correct at the instant the window closes (R-REC-5)', () => {
    given(issued('F1')).when(deem(), as('2023-04-18T10:30', system())).then(deemed('first'));
  });

  it('refuses deeming one minute before the deadline (R-AUTH-4)', () => {
    given(issued('F1')).when(deem(), as('2023-04-18T10:29', system())).thenError('DEADLINE_NOT_PASSED', 'R-AUTH-4');
  });

  it.each<[string, Actor]>([
    ['the administrator', admin()],
    ['the student', student('s1')],
    ['a submitter', submitter()],
    ['the homeroom teacher', teacher('t-home')],
  ])('refuses %s deeming a receipt correct: deadline effects are the system’s (R-AUTH-4)', (_who, actor) => {
    given(issued('F1')).when(deem(), as('2023-04-18T10:30', actor)).thenError('SYSTEM_ACTOR_ONLY', 'R-AUTH-4');
  });

  it('refuses deeming an answered receipt (R-REC-5)', () => {
    given(issued('F1'), confirmed('first'))
      .when(deem(), as('2023-04-18T10:30', system()))
      .thenError('RECEIPT_NOTHING_TO_DEEM', 'R-REC-5');
    given(issued('F1'), reported('first', MISSING))
      .when(deem(), as('2023-04-18T10:30', system()))
      .thenError('RECEIPT_NOTHING_TO_DEEM', 'R-REC-5');
  });

  it('accepts no objection once deemed correct (R-REC-5)', () => {
    given(issued('F1'), deemed('first'))
      .when(report(MISSING), as('2023-04-18T10:31'))
      .thenError('RECEIPT_ALREADY_ANSWERED');
    given(issued('F1'), deemed('first'))
      .when(deem(), as('2023-04-18T10:31', system()))
      .thenError('RECEIPT_NOTHING_TO_DEEM', 'R-REC-5');
  });

  it(
    'deems the re-check correct when the re-check window closes with no second answer, and not before (R-REC-5, ' +
      'R-AUTH-4)',
    () => {
      const history = [issued('F1'), reported('first', MISSING), reviewed('dataWasRight')];
      given(...history)
        .when(deem(), as('2023-04-20T16:59', system()))
        .thenError('DEADLINE_NOT_PASSED', 'R-AUTH-4');
      given(...history)
        .when(deem(), as('2023-04-20T17:00', system()))
        .then(deemed('recheck'));
      given(...history, deemed('recheck'))
        .when(confirm(), as('2023-04-20T17:05'))
        .thenError('RECEIPT_ALREADY_ANSWERED', 'R-REC-4');
    },
  );

  it('judges the deadline by the instant the command carries (R-AUTH-4, R-TIME-3)', () => {
    const { state } = given(issued('F1'));
    expect(E.isRight(portfolioDecider.decide(deem(), state, as('2023-04-18T10:30', system())))).toBe(true);
    expect(E.isLeft(portfolioDecider.decide(deem(), state, as('2023-04-18T10:29', system())))).toBe(true);
  });
});

// What the homeroom teacher reads of the class (R-REC-6, R-AUTH-2) is tested where it is computed, through the
// service, the projection and the scoped read: packages/projections/src/readers/classView.test.ts.
describe("the homeroom teacher and the class's receipts (R-REC-6)", () => {
  const s2History = step(
    [],
    portfolioCommand('IssueReceiptStatement', {
      ...ref('courseRecords', '1112', 's2'),
      fid: 'F1',
      items: COURSE_ITEMS,
    }),
    as('2023-04-13T18:00', system()),
  );

  it('lets the homeroom teacher read, never answer or review for the class (R-REC-6, R-AUTH-1)', () => {
    given(...s2History)
      .when(confirm('courseRecords', '1112', 's2'), as('2023-04-15T09:00', teacher('t-home')))
      .thenError('ROLE_NOT_ALLOWED', 'R-AUTH-1');
    given(issued('F1'), reported('first', MISSING))
      .when(review('dataWasRight'), as('2023-04-18T14:00', teacher('t-home')))
      .thenError('ROLE_NOT_ALLOWED', 'R-REC-4');
  });
});
