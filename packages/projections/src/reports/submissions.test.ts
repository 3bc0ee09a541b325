import * as E from 'fp-ts/Either';
import { schoolStreamName, submissionStreamName, type SchoolEvent, type SubmissionEvent } from '@licheng/domain';
import { schoolAggregate, submissionAggregate } from '@licheng/eventstore';
import { schoolEvent, seedEvents } from '@licheng/testing';
import { readReceptionLog, readSubmissionHistory } from '../readers/reads';
import { rebuildView, readersSchool, storeOf } from '../testing/readers';
import { receptionLog, receptionLogTable, submissionHistory, submissionHistoryTable } from './submissions';

const roster = [
  { studentId: 's1', items: [{ itemId: 'o1', title: '數學報告' }] },
  {
    studentId: 's2',
    items: [
      { itemId: 'o2', title: '物理報告' },
      { itemId: 'o3', title: '化學報告' },
    ],
  },
];

/**
 * Outcomes of 1110: F1 rejected, then F2 accepted and the period sealed; course records of 1112: F9 sent by the
 * administrator, no result yet. Each step at its own minute (R-TIME-4).
 */
const year = async () => {
  const store = await storeOf(readersSchool());
  const outcomes = submissionStreamName('sch1', 'courseOutcomes', '1110');
  const step = (streamName: string, at: string, events: SubmissionEvent[]) =>
    seedEvents(store, submissionAggregate, streamName, events, { at, commandId: `${streamName}@${at}` });
  await step(outcomes, '2023-04-13T17:10', [
    {
      type: 'RosterSubmitted',
      data: { fid: 'F1', category: 'courseOutcomes', period: '1110', submitterId: 'sub1', roster },
    } as SubmissionEvent,
  ]);
  await step(outcomes, '2023-04-13T17:15', [
    { type: 'SubmissionRejected', data: { fid: 'F1', message: '資料檢核錯誤，請重新檢查名冊欄位' } } as SubmissionEvent,
  ]);
  await step(outcomes, '2023-04-13T17:40', [
    {
      type: 'RosterSubmitted',
      data: { fid: 'F2', category: 'courseOutcomes', period: '1110', submitterId: 'sub1', roster },
    } as SubmissionEvent,
  ]);
  await step(outcomes, '2023-04-13T17:45', [
    { type: 'SubmissionAccepted', data: { fid: 'F2', message: '檢核無誤，資料已匯入' } } as SubmissionEvent,
  ]);
  const records = submissionStreamName('sch1', 'courseRecords', '1112');
  await step(records, '2023-04-13T18:00', [
    {
      type: 'RosterSubmitted',
      data: { fid: 'F9', category: 'courseRecords', period: '1112', submitterId: 'admin', roster },
    } as SubmissionEvent,
  ]);
  const sealed: SchoolEvent[] = [
    schoolEvent('PeriodSealed', { category: 'courseOutcomes', period: '1110', digest: null }),
  ];
  await seedEvents(store, schoolAggregate, schoolStreamName('sch1'), sealed, {
    at: '2023-04-20T18:00',
    commandId: 'seal',
  });
  return rebuildView(store);
};

describe('submission history per category (R-REP-7, 003 3.6 / 3.9 / 3.14)', () => {
  it('lists every FID newest first with 學年, 學期, 處理狀態, 提交人員, 提交時間, 取得結果時間 and 封存', async () => {
    const history = submissionHistory(await year(), { schoolId: 'sch1', category: 'courseOutcomes' });
    if (E.isLeft(history)) throw new Error(history.left.message.en);
    expect(submissionHistoryTable('courseOutcomes', history.right)).toEqual({
      title: '提交學習成果至中央資料庫 提交紀錄',
      columns: ['學年', '學期', 'FID', '處理狀態', '提交人員', '提交時間', '取得結果時間', '封存'].map((header, i) => ({
        key: ['schoolYear', 'semester', 'fid', 'status', 'submitterName', 'submittedAt', 'resultAt', 'sealed'][i],
        header,
      })),
      rows: [
        {
          schoolYear: 111,
          semester: 0,
          fid: 'F2',
          status: '檢核無誤，資料已匯入',
          submitterName: 'sub1',
          submittedAt: '112/04/13 17:40',
          resultAt: '112/04/13 17:45',
          sealed: '是',
        },
        {
          schoolYear: 111,
          semester: 0,
          fid: 'F1',
          status: '資料檢核錯誤，請重新檢查名冊欄位',
          submitterName: 'sub1',
          submittedAt: '112/04/13 17:10',
          resultAt: '112/04/13 17:15',
          sealed: '是',
        },
      ],
    });
  });

  it('shows an attempt without a result as 待取得結果, of its own category only', async () => {
    const history = submissionHistory(await year(), { schoolId: 'sch1', category: 'courseRecords' });
    expect(
      E.isRight(history) &&
        history.right.map((r) => [r.fid, r.semester, r.status, r.submitterName, r.resultAt, r.sealed]),
    ).toEqual([['F9', 2, '待取得結果', 'admin', null, false]]);
  });

  it(
    "is read by the administrator, S0205S/S0206S holders and the holders of the category's submit function, not by " +
      'a teacher (R-SUB-1, R-AUTH-5)',
    async () => {
      const view = await year();
      const read = (
        id: string,
        role: 'admin' | 'submitter' | 'teacher',
        category: 'courseOutcomes' | 'performances',
      ) => {
        const rows = readSubmissionHistory(view, { id, role, schoolId: 'sch1' }, { schoolId: 'sch1', category });
        return E.isRight(rows) ? rows.right.length : rows.left.code;
      };
      expect([
        read('admin', 'admin', 'courseOutcomes'),
        read('sub3', 'submitter', 'courseOutcomes'),
        read('sub3', 'submitter', 'performances'),
        read('t1', 'teacher', 'courseOutcomes'),
      ]).toEqual([2, 2, 'READ_NOT_ALLOWED', 'READ_NOT_ALLOWED']);
    },
  );
});

describe('the reception log 學校查詢接收紀錄 (R-REP-7, 003 3.10)', () => {
  it(
    'lists the course records received: 資料類型, 資料接收時間, how many students and records, and the processing ' +
      'status',
    async () => {
      const log = receptionLog(await year(), { schoolId: 'sch1' });
      if (E.isLeft(log)) throw new Error(log.left.message.en);
      expect(receptionLogTable(log.right).rows).toEqual([
        {
          category: '修課紀錄',
          fid: 'F9',
          receivedAt: '112/04/13 18:00',
          students: 2,
          items: 3,
          finishedAt: '',
          status: '處理中',
        },
      ]);
      const readByTeacher = readReceptionLog(
        await year(),
        { id: 't-home', role: 'teacher', schoolId: 'sch1' },
        { schoolId: 'sch1' },
      );
      expect(E.isLeft(readByTeacher) && readByTeacher.left.code).toBe('READ_NOT_ALLOWED');
    },
  );
});
