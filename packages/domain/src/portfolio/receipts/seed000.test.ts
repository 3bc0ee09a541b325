import {
  portfolioDecider,
  receiptKey,
  type Actor,
  type PortfolioCommand,
  type PortfolioContext,
  type PortfolioEvent,
  type ReceiptCategory,
} from '@licheng/domain';
import {
  admin,
  contextAt,
  portfolioCommand,
  portfolioEvent,
  schoolFixture,
  specify,
  student,
  system,
  teacher,
} from '../../testing';

/**
 * Seed 000, 臺北市立建國高中 收訖明細確認操作說明 (112年4月11日), exactly:
 *  - 111-2 高三收訖明細確認起訖時間 4月14日（週五）8:00 ~ 4月18日（週二）10:30;
 *  - 未於截止日前完成者，將視為資料與檔案正確無誤，不得異議;
 *  - 學校將於 4/18（週二）~4/19（週三）進行確認、修正與重新提交檔案;
 *  - 有狀態回報的同學務必於 4/20（週四）8:00~17:00 至系統檢核修改後之資料是否正確;
 *  - 資料狀態回報: 資料有多 多了國文 / 資料有少 少了數學 / 資料有誤 體育錯了.
 * The seed names term 1112 for 修課紀錄 and 幹部經歷 and school year 111 for 學習成果 and 多元表現; the fixture
 * gives all four the same windows.
 */

const { policy } = schoolFixture();
const given = specify(portfolioDecider);

const CATEGORIES: ReadonlyArray<[ReceiptCategory, string]> = [
  ['courseRecords', '1112'],
  ['cadreRecords', '1112'],
  ['courseOutcomes', '1110'],
  ['performances', '1110'],
];
const ITEMS = [
  { itemId: 'eng-design-1112', title: '工程設計專題 2學分 82分 及格' },
  { itemId: 'chinese-1112', title: '國語文 4學分 72分 及格' },
  { itemId: 'english-1112', title: '英語文 4學分 71分 及格' },
];
const CORRECTED = [...ITEMS, { itemId: 'math-1112', title: '數學 4學分 及格' }];
const SEED_PROBLEMS = [
  { kind: 'extra', reason: '多了國文' },
  { kind: 'missing', reason: '少了數學' },
  { kind: 'wrong', reason: '體育錯了' },
];

const at = (now: string, actor: Actor = student('s1')): PortfolioContext => contextAt(policy, now, actor);

describe(
  'seed 000: 建國中學 receipt confirmation for 111-2, window 2023-04-14 08:00 until 2023-04-18 10:30, ' +
    're-check 2023-04-20 08:00–17:00',
  () => {
    describe.each(CATEGORIES)('%s %s', (category, period) => {
      const ref = { schoolId: 'sch1', studentId: 's1', category, period };
      const confirm = portfolioCommand('ConfirmReceipt', ref);
      const report = (problems = SEED_PROBLEMS) => portfolioCommand('ReportReceiptError', { ...ref, problems });
      const deem = portfolioCommand('DeemReceiptCorrect', ref);
      const review = (finding: 'dataWasRight' | 'corrected') =>
        portfolioCommand('RecordReceiptReview', { ...ref, finding });
      const issue = (fid: string, items = ITEMS) => portfolioCommand('IssueReceiptStatement', { ...ref, fid, items });

      const issued = (fid: string, items = ITEMS) =>
        portfolioEvent('ReceiptStatementIssued', { studentId: 's1', category, period, fid, items });
      const confirmed = (stage: 'first' | 'recheck') => portfolioEvent('ReceiptConfirmed', { category, period, stage });
      const reported = (stage: 'first' | 'recheck', problems = SEED_PROBLEMS) =>
        portfolioEvent('ReceiptErrorReported', { category, period, stage, problems });
      const deemed = (stage: 'first' | 'recheck') =>
        portfolioEvent('ReceiptDeemedCorrect', { category, period, stage });

      /** Each step must be accepted; returns the history after it. */
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

      /**
       * 4/14–4/17: the statement of FID F1, then a report on 4/17; the school corrects on 4/18 or 4/19 and resubmits
       * (FID
       * F2).
       */
      const reportedAndCorrected = (reviewAt: string): PortfolioEvent[] => {
        let history = step([], issue('F1'), at('2023-04-13T18:00', system()));
        history = step(history, report(), at('2023-04-17T21:15'));
        history = step(history, review('corrected'), at(reviewAt, admin()));
        return step(history, issue('F2', CORRECTED), at('2023-04-19T16:00', system()));
      };

      describe('the confirmation window (R-REC-2, R-TIME-2)', () => {
        it('counts an answer at 2023-04-18 10:29, the last minute (R-REC-2)', () => {
          given(issued('F1')).when(confirm, at('2023-04-18T10:29')).then(confirmed('first'));
        });

        it(
          'refuses an answer at 2023-04-18 10:30 with OUTSIDE_WORK_PERIOD, naming the window in both languages ' +
            '(R-REC-2, R-TIME-2)',
          () => {
            const error = given(issued('F1'))
              .when(confirm, at('2023-04-18T10:30'))
              .thenError('OUTSIDE_WORK_PERIOD', 'R-REC-2');
            expect(error.message['zh-TW']).toContain('2023-04-18T10:30');
            expect(error.message.en).toContain('2023-04-18T10:30');
            expect(error.message['zh-TW']).toContain('2023-04-14T08:00');
            expect(error.message.en).toContain('2023-04-14T08:00');
          },
        );

        it('refuses a report at 2023-04-18 10:30 as well (R-REC-2)', () => {
          given(issued('F1')).when(report(), at('2023-04-18T10:30')).thenError('OUTSIDE_WORK_PERIOD', 'R-REC-2');
        });

        it('counts an answer at 2023-04-14 08:00, the first minute (R-REC-2, R-TIME-2)', () => {
          given(issued('F1')).when(confirm, at('2023-04-14T08:00')).then(confirmed('first'));
          given(issued('F1')).when(report(), at('2023-04-14T08:00')).then(reported('first'));
        });
      });

      describe('a report, the school’s correction and the re-check on 4/20 (R-REC-2, R-REC-4)', () => {
        it.each(['2023-04-18T13:00', '2023-04-19T11:00'])(
          'accepts the report of 4/17, the review "corrected" at %s and the new statement FID F2 (R-REC-4, R-SUB-3)',
          (reviewAt) => {
            const history = reportedAndCorrected(reviewAt);
            expect(history.map((e) => e.type)).toEqual([
              'ReceiptStatementIssued',
              'ReceiptErrorReported',
              'ReceiptReviewRecorded',
              'ReceiptStatementIssued',
            ]);
            const receipt = given(...history).state.receipts[receiptKey(category, period)];
            expect(receipt).toMatchObject({
              fid: 'F2',
              items: CORRECTED,
              answer: 'reported',
              review: 'corrected',
              recheckAnswer: null,
            });
          },
        );

        it.each(['2023-04-20T08:00', '2023-04-20T16:59'])('counts the re-check answer at %s (R-REC-4)', (now) => {
          const history = reportedAndCorrected('2023-04-18T13:00');
          given(...history)
            .when(confirm, at(now))
            .then(confirmed('recheck'));
        });

        it('refuses the re-check answer at 2023-04-20 17:00 (R-REC-4, R-TIME-2)', () => {
          const error = given(...reportedAndCorrected('2023-04-19T11:00'))
            .when(confirm, at('2023-04-20T17:00'))
            .thenError('OUTSIDE_WORK_PERIOD', 'R-REC-4');
          expect(error.message['zh-TW']).toContain('2023-04-20T17:00');
          expect(error.message.en).toContain('2023-04-20T17:00');
        });

        it('refuses a re-check answer on 4/19 while the school is still fixing (R-REC-4)', () => {
          given(...reportedAndCorrected('2023-04-18T13:00'))
            .when(confirm, at('2023-04-19T20:00'))
            .thenError('OUTSIDE_WORK_PERIOD', 'R-REC-4');
        });

        it(
          'records a second report in the re-check, then refuses any further answer with RECEIPT_ALREADY_ANSWERED ' +
            '(R-REC-4)',
          () => {
            const history = reportedAndCorrected('2023-04-18T13:00');
            const secondProblems = [{ kind: 'missing', reason: '仍少了數學' }];
            const after = step(history, report(secondProblems), at('2023-04-20T09:30'));
            expect(after.at(-1)).toEqual(reported('recheck', secondProblems));
            given(...after)
              .when(confirm, at('2023-04-20T10:00'))
              .thenError('RECEIPT_ALREADY_ANSWERED', 'R-REC-4');
            given(...after)
              .when(report(), at('2023-04-20T10:00'))
              .thenError('RECEIPT_ALREADY_ANSWERED', 'R-REC-4');
            given(...after)
              .when(deem, at('2023-04-20T17:00', system()))
              .thenError('RECEIPT_NOTHING_TO_DEEM', 'R-REC-5');
          },
        );
      });

      describe('no answer at all: deemed correct (視為正確無誤，不得異議) (R-REC-5, R-AUTH-4)', () => {
        it('refuses DeemReceiptCorrect by the system at 2023-04-18 10:29 (DEADLINE_NOT_PASSED, R-AUTH-4)', () => {
          given(issued('F1')).when(deem, at('2023-04-18T10:29', system())).thenError('DEADLINE_NOT_PASSED', 'R-AUTH-4');
        });

        it.each<[string, Actor]>([
          ['the administrator', admin()],
          ['the student', student('s1')],
          ['the homeroom teacher', teacher('t-home')],
        ])('refuses DeemReceiptCorrect by %s at 10:30 (SYSTEM_ACTOR_ONLY, R-AUTH-4)', (_who, actor) => {
          given(issued('F1')).when(deem, at('2023-04-18T10:30', actor)).thenError('SYSTEM_ACTOR_ONLY', 'R-AUTH-4');
        });

        it('accepts DeemReceiptCorrect by the system at 2023-04-18 10:30 (R-REC-5)', () => {
          given(issued('F1')).when(deem, at('2023-04-18T10:30', system())).then(deemed('first'));
        });

        it('refuses DeemReceiptCorrect a second time (RECEIPT_NOTHING_TO_DEEM, R-REC-5)', () => {
          given(issued('F1'), deemed('first'))
            .when(deem, at('2023-04-18T10:31', system()))
            .thenError('RECEIPT_NOTHING_TO_DEEM', 'R-REC-5');
        });

        it('refuses any answer after it: no objection is accepted (R-REC-5)', () => {
          given(issued('F1'), deemed('first'))
            .when(confirm, at('2023-04-18T10:31'))
            .thenError('RECEIPT_ALREADY_ANSWERED');
          given(issued('F1'), deemed('first'))
            .when(report(), at('2023-04-18T10:31'))
            .thenError('RECEIPT_ALREADY_ANSWERED');
          given(issued('F1'), deemed('first'))
            .when(report(), at('2023-04-20T09:00'))
            .thenError('RECEIPT_ALREADY_ANSWERED');
        });
      });
    });
  },
);
