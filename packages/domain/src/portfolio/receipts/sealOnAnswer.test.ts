import {
  foldEvents,
  portfolioDecider,
  submissionDecider,
  type PortfolioEvent,
  type SubmissionCommand,
} from '@licheng/domain';
import { admin, at, contextAt, portfolioCommand, portfolioEvent, schoolFixture, specify, system } from '../../testing';

/**
 * R-SEAL-3: a student's answer seals that student's data of that category and round at once. Seed 001:
 * "點選「資料正確無誤」資料將封存於國教署中央資料庫", "確認資料送出之後，無法再修改". After a report, only the
 * school's correction of the reported data and the re-check follow (seed 000: school fixes 4/18 – 4/19,
 * students re-check 4/20 08:00 – 17:00).
 */
const { policy } = schoolFixture();
const given = specify(portfolioDecider);
const ITEMS = [{ itemId: 'math-1112', title: '數學 4 學分' }];
const FIXED = [{ itemId: 'math-1112', title: '數學 4 學分（補考及格）' }];
const receipt = { category: 'courseRecords', period: '1112' } as const;
const issued = (studentId: string) =>
  portfolioEvent('ReceiptStatementIssued', { studentId, ...receipt, fid: 'F1', items: ITEMS });
const answer = (type: 'ReceiptConfirmed' | 'ReceiptDeemedCorrect', stage: 'first' | 'recheck' = 'first') =>
  portfolioEvent(type, { ...receipt, stage });
const reported = portfolioEvent('ReceiptErrorReported', {
  ...receipt,
  stage: 'first',
  problems: [{ kind: 'wrong', reason: '數學補考成績有誤' }],
});
const reviewed = (finding: 'corrected' | 'dataWasRight') =>
  portfolioEvent('ReceiptReviewRecorded', { ...receipt, finding, reviewerId: 'admin' });
const correction = (studentId = 's1') =>
  portfolioCommand('IssueReceiptStatement', { schoolId: 'sch1', studentId, ...receipt, fid: 'F2', items: FIXED });
const at419 = contextAt(policy, '2023-04-19T10:00', system());

describe("a student's answer seals their data (R-SEAL-3)", () => {
  it(
    'refuses a corrected statement after the student confirmed, naming the student (RECEIPT_SEALED_BY_ANSWER, ' +
      'R-SEAL-3)',
    () => {
      const error = given(issued('s1'), answer('ReceiptConfirmed'))
        .when(correction(), at419)
        .thenError('RECEIPT_SEALED_BY_ANSWER', 'R-SEAL-3');
      expect(error.details).toEqual({ studentId: 's1', ...receipt, seal: 'confirmed' });
      expect(error.message['zh-TW']).toContain('學生 s1');
      expect(error.message.en).toContain('Student s1');
    },
  );

  it('refuses it after the data was deemed correct (視為正確無誤) as well (R-SEAL-3, R-REC-5)', () => {
    given(issued('s1'), answer('ReceiptDeemedCorrect'))
      .when(correction(), at419)
      .thenError('RECEIPT_SEALED_BY_ANSWER', 'R-SEAL-3');
  });

  it(
    "accepts the school's correction after a report, and nothing more once the re-check is answered (R-SEAL-3, " +
      'R-REC-4)',
    () => {
      given(issued('s1'), reported, reviewed('corrected')).when(correction(), at419).thenSucceeds();
      given(issued('s1'), reported).when(correction(), at419).thenSucceeds();
      const history: PortfolioEvent[] = [
        issued('s1'),
        reported,
        reviewed('corrected'),
        portfolioEvent('ReceiptStatementIssued', { studentId: 's1', ...receipt, fid: 'F2', items: FIXED }),
        answer('ReceiptConfirmed', 'recheck'),
      ];
      const later = portfolioCommand('IssueReceiptStatement', {
        schoolId: 'sch1',
        studentId: 's1',
        ...receipt,
        fid: 'F3',
        items: ITEMS,
      });
      given(...history)
        .when(later, contextAt(policy, '2023-04-21T10:00', system()))
        .thenError('RECEIPT_SEALED_BY_ANSWER', 'R-SEAL-3');
    },
  );

  it(
    'refuses a new statement after a report the school found right: only the re-check remains (R-SEAL-3, ' + 'R-REC-4)',
    () => {
      given(issued('s1'), reported, reviewed('dataWasRight'))
        .when(correction(), at419)
        .thenError('RECEIPT_SEALED_BY_ANSWER', 'R-SEAL-3');
    },
  );

  it('keeps the confirmed data as it was: the status stays 已確認 on what the student confirmed (R-SEAL-3)', () => {
    const { state } = given(issued('s1'), answer('ReceiptConfirmed'));
    expect(state.receipts['courseRecords:1112']).toMatchObject({ fid: 'F1', items: ITEMS, answer: 'confirmed' });
  });
});

describe('a resubmission naming a student whose answer sealed their data (R-SEAL-3)', () => {
  const portfolio = (...events: PortfolioEvent[]) =>
    foldEvents(portfolioDecider.evolve, portfolioDecider.initialState(), events);
  const portfolios = {
    s1: portfolio(issued('s1'), answer('ReceiptConfirmed')),
    s2: portfolio(issued('s2'), reported, reviewed('corrected')),
  };
  const resubmit = (studentIds: string[]) =>
    ({
      type: 'SubmitRoster',
      data: {
        schoolId: 'sch1',
        ...receipt,
        fid: 'F2',
        roster: studentIds.map((studentId) => ({ studentId, items: FIXED })),
      },
    }) as SubmissionCommand;
  const accepted = [
    {
      type: 'RosterSubmitted',
      data: {
        fid: 'F1',
        ...receipt,
        submitterId: 'admin',
        roster: [
          { studentId: 's1', items: ITEMS },
          { studentId: 's2', items: ITEMS },
        ],
      },
    },
    { type: 'SubmissionAccepted', data: { fid: 'F1', message: '檢核無誤，資料已匯入' } },
  ] as never[];
  const ctx = { now: at('2023-04-19T10:00'), actor: admin(), policy, portfolios };

  it(
    'refuses the corrected roster before it reaches the central database, naming the confirmed student ' + '(R-SEAL-3)',
    () => {
      const error = specify(submissionDecider)(...accepted)
        .when(resubmit(['s2', 's1']), ctx)
        .thenError('RECEIPT_SEALED_BY_ANSWER', 'R-SEAL-3');
      expect(error.details).toMatchObject({ studentId: 's1' });
    },
  );

  it('accepts a corrected roster of the student who reported (R-SEAL-3, R-REC-4)', () => {
    specify(submissionDecider)(...accepted)
      .when(resubmit(['s2']), ctx)
      .thenSucceeds();
  });
});
