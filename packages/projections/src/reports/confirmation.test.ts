import * as E from 'fp-ts/Either';
import { portfolioStreamName, schoolStreamName, type PortfolioEvent, type ReceiptState } from '@licheng/domain';
import { InMemoryEventStore, portfolioAggregate, schoolAggregate } from '@licheng/eventstore';
import { portfolioEvent, schoolEvent, schoolFixture, seedEvents } from '@licheng/testing';
import { reportsProjection, type ReportsView } from '../reportsView';
import { createProjectionRunner } from '../runner';
import { inMemoryViewStore } from '../viewStore';
import {
  classConfirmationReport,
  FILTER_STATUSES,
  classConfirmationTable,
  receiptStatusOf,
  type ClassConfirmationReport,
} from './confirmation';
import { confirmationProgress, confirmationProgressTable } from './progress';

/**
 * Seed 001's homeroom screen (導師 5.1 查看收訖明細確認統計) for a small class: five students in 普通三01班,
 * seated in an order that differs from their ids, and one student of another class who must not appear.
 */
const school = schoolFixture({
  students: [
    { id: 's1', name: '黃盛', seat: 3 },
    { id: 's2', name: '林廷', seat: 1 },
    { id: 's3', name: '洪堯', seat: 2 },
    { id: 's4', name: '黃聰', seat: 5 },
    { id: 's5', name: '王美', seat: 4 },
  ],
  extra: [
    schoolEvent('ClassRegistered', {
      classId: 'c302',
      schoolYear: 111,
      name: '普通三02班',
      homeroomTeacherId: 't-home2',
    }),
    schoolEvent('StudentEnrolled', { studentId: 's6', studentNumber: '109101', name: '周杰', entrySchoolYear: 109 }),
    schoolEvent('StudentPlaced', { studentId: 's6', schoolYear: 111, classId: 'c302', seatNumber: 1 }),
  ],
});

type Category = 'courseRecords' | 'cadreRecords' | 'courseOutcomes' | 'performances';
const statement = (studentId: string, category: Category, period: string, fid = '57170'): PortfolioEvent =>
  portfolioEvent('ReceiptStatementIssued', {
    studentId,
    category,
    period,
    fid,
    items: [{ itemId: `${category}-${studentId}`, title: '提交資料' }],
  });
const confirmed = (category: Category, period: string, stage = 'first'): PortfolioEvent =>
  portfolioEvent('ReceiptConfirmed', { category, period, stage });
const deemed = (category: Category, period: string, stage = 'first'): PortfolioEvent =>
  portfolioEvent('ReceiptDeemedCorrect', { category, period, stage });
const reported = (category: Category, period: string, stage = 'first'): PortfolioEvent =>
  portfolioEvent('ReceiptErrorReported', {
    category,
    period,
    stage,
    problems: [{ kind: 'missing', reason: '少了社團幹部' }],
  });
const reviewed = (category: Category, period: string, finding: 'dataWasRight' | 'corrected'): PortfolioEvent =>
  portfolioEvent('ReceiptReviewRecorded', { category, period, finding, reviewerId: 'sub1' });

/**
 * Term 1112 confirms 1112 course and cadre records and school year 111 (period 1110) outcomes and performances.
 *
 * | seat | student | 修課紀錄 1112                      | 學習成果 1110 | 多元表現 1110                       |
 * 幹部經歷 1112 |
 * | 1    | s2 林廷 | confirmed                          | reported      | reported, data right, re-check OK  | —  
 * |
 * | 2    | s3 洪堯 | deemed                             | confirmed     | confirmed                          |
 * confirmed     |
 * | 3    | s1 黃盛 | no answer                          | confirmed     | —                                  | deemed  
 * |
 * | 4    | s5 王美 | reported, not yet reviewed         | —             | no answer                          | —  
 * |
 * | 5    | s4 黃聰 | reported, corrected, deemed at re-check | —        | —                                  | —  
 * |
 *
 * s4 also holds statements of term 1111 (records confirmed, cadre unanswered), which term 1112 ignores.
 */
const HISTORY: Record<string, PortfolioEvent[]> = {
  s1: [
    statement('s1', 'courseRecords', '1112'),
    statement('s1', 'courseOutcomes', '1110'),
    confirmed('courseOutcomes', '1110'),
    statement('s1', 'cadreRecords', '1112'),
    deemed('cadreRecords', '1112'),
  ],
  s2: [
    statement('s2', 'courseRecords', '1112'),
    confirmed('courseRecords', '1112'),
    statement('s2', 'courseOutcomes', '1110'),
    reported('courseOutcomes', '1110'),
    statement('s2', 'performances', '1110'),
    reported('performances', '1110'),
    reviewed('performances', '1110', 'dataWasRight'),
    confirmed('performances', '1110', 'recheck'),
  ],
  s3: [
    statement('s3', 'courseRecords', '1112'),
    deemed('courseRecords', '1112'),
    statement('s3', 'courseOutcomes', '1110'),
    confirmed('courseOutcomes', '1110'),
    statement('s3', 'performances', '1110'),
    confirmed('performances', '1110'),
    statement('s3', 'cadreRecords', '1112'),
    confirmed('cadreRecords', '1112'),
  ],
  s4: [
    statement('s4', 'courseRecords', '1111', '50001'),
    confirmed('courseRecords', '1111'),
    statement('s4', 'cadreRecords', '1111', '50002'),
    statement('s4', 'courseRecords', '1112'),
    reported('courseRecords', '1112'),
    reviewed('courseRecords', '1112', 'corrected'),
    statement('s4', 'courseRecords', '1112', '57171'),
    deemed('courseRecords', '1112', 'recheck'),
  ],
  s5: [
    statement('s5', 'courseRecords', '1112'),
    reported('courseRecords', '1112'),
    statement('s5', 'performances', '1110'),
  ],
  s6: [statement('s6', 'courseRecords', '1112')],
};

let view: ReportsView;
beforeAll(async () => {
  const store = new InMemoryEventStore();
  await seedEvents(store, schoolAggregate, schoolStreamName('sch1'), school.events);
  for (const [studentId, events] of Object.entries(HISTORY)) {
    await seedEvents(store, portfolioAggregate, portfolioStreamName('sch1', studentId), events);
  }
  const rebuilt = await createProjectionRunner(store, reportsProjection, inMemoryViewStore()).rebuild();
  if (E.isLeft(rebuilt)) throw new Error(rebuilt.left.message.en);
  view = rebuilt.right.view;
});

const CLASS_SIZE = 5;

const reportOf = (query: Partial<Parameters<typeof classConfirmationReport>[1]> = {}): ClassConfirmationReport => {
  const result = classConfirmationReport(view, { schoolId: 'sch1', classId: 'c301', term: '1112', ...query });
  if (E.isLeft(result)) throw new Error(result.left.message.en);
  return result.right;
};

const ROW_LIN = {
  className: '普通三01班',
  seatNumber: 1,
  studentNumber: '109002',
  name: '林廷',
  statuses: {
    courseRecords: 'confirmed',
    courseOutcomes: 'reported',
    performances: 'confirmed',
    cadreRecords: 'notApplicable',
  },
};
const ROW_HONG = {
  className: '普通三01班',
  seatNumber: 2,
  studentNumber: '109003',
  name: '洪堯',
  statuses: {
    courseRecords: 'deemed',
    courseOutcomes: 'confirmed',
    performances: 'confirmed',
    cadreRecords: 'confirmed',
  },
};
const ROW_HUANG_SHENG = {
  className: '普通三01班',
  seatNumber: 3,
  studentNumber: '109001',
  name: '黃盛',
  statuses: {
    courseRecords: 'pending',
    courseOutcomes: 'confirmed',
    performances: 'notApplicable',
    cadreRecords: 'deemed',
  },
};
const ROW_WANG = {
  className: '普通三01班',
  seatNumber: 4,
  studentNumber: '109005',
  name: '王美',
  statuses: {
    courseRecords: 'reported',
    courseOutcomes: 'notApplicable',
    performances: 'pending',
    cadreRecords: 'notApplicable',
  },
};
const ROW_HUANG_CONG = {
  className: '普通三01班',
  seatNumber: 5,
  studentNumber: '109004',
  name: '黃聰',
  statuses: {
    courseRecords: 'deemed',
    courseOutcomes: 'notApplicable',
    performances: 'notApplicable',
    cadreRecords: 'notApplicable',
  },
};

/** Confirmed counts 已確認 and 視為確認; 已回報 and 待確認 apply but are not confirmed; 不適用 does not apply. */
const TOTALS_1112 = [
  { category: 'courseRecords', confirmed: 3, applicable: 5, classSize: CLASS_SIZE },
  { category: 'courseOutcomes', confirmed: 2, applicable: 3, classSize: CLASS_SIZE },
  { category: 'performances', confirmed: 2, applicable: 3, classSize: CLASS_SIZE },
  { category: 'cadreRecords', confirmed: 2, applicable: 2, classSize: CLASS_SIZE },
];

describe('the class receipt-confirmation report (R-REP-1, R-REC-6, seed 001)', () => {
  it('lists every student of the class by seat with a status per category and confirmed/applicable totals', () => {
    expect(reportOf()).toEqual({
      classId: 'c301',
      className: '普通三01班',
      term: '1112',
      totals: TOTALS_1112,
      rows: [ROW_LIN, ROW_HONG, ROW_HUANG_SHENG, ROW_WANG, ROW_HUANG_CONG],
    });
  });

  it(
    'lists under 待確認 the students with a category 待確認 or 已回報 (pending until the re-check is answered), ' +
      'keeping the class totals (R-REP-6)',
    () => {
      expect(FILTER_STATUSES.pending).toEqual(['pending', 'reported']);
      expect(reportOf({ filter: 'pending' })).toEqual({
        classId: 'c301',
        className: '普通三01班',
        term: '1112',
        totals: TOTALS_1112,
        rows: [ROW_LIN, ROW_HUANG_SHENG, ROW_WANG],
      });
    },
  );

  it(
    'lists under 已確認 the students whose applicable categories are all 已確認 or 視為確認; 不適用 alone is in ' +
      'neither list (R-REP-6)',
    () => {
      expect(FILTER_STATUSES.confirmed).toEqual(['confirmed', 'deemed']);
      expect(reportOf({ filter: 'confirmed' })).toEqual({
        classId: 'c301',
        className: '普通三01班',
        term: '1112',
        totals: TOTALS_1112,
        rows: [ROW_HONG, ROW_HUANG_CONG],
      });
    },
  );

  it('reads course and cadre records of the term itself but outcomes and performances of its school year', () => {
    const report = reportOf({ term: '1111' });
    expect(report.totals).toEqual([
      { category: 'courseRecords', confirmed: 1, applicable: 1, classSize: CLASS_SIZE },
      { category: 'courseOutcomes', confirmed: 2, applicable: 3, classSize: CLASS_SIZE },
      { category: 'performances', confirmed: 2, applicable: 3, classSize: CLASS_SIZE },
      { category: 'cadreRecords', confirmed: 0, applicable: 1, classSize: CLASS_SIZE },
    ]);
    expect(report.rows.map((row) => [row.seatNumber, row.statuses])).toEqual([
      [
        1,
        {
          courseRecords: 'notApplicable',
          courseOutcomes: 'reported',
          performances: 'confirmed',
          cadreRecords: 'notApplicable',
        },
      ],
      [
        2,
        {
          courseRecords: 'notApplicable',
          courseOutcomes: 'confirmed',
          performances: 'confirmed',
          cadreRecords: 'notApplicable',
        },
      ],
      [
        3,
        {
          courseRecords: 'notApplicable',
          courseOutcomes: 'confirmed',
          performances: 'notApplicable',
          cadreRecords: 'notApplicable',
        },
      ],
      [
        4,
        {
          courseRecords: 'notApplicable',
          courseOutcomes: 'notApplicable',
          performances: 'pending',
          cadreRecords: 'notApplicable',
        },
      ],
      [
        5,
        {
          courseRecords: 'confirmed',
          courseOutcomes: 'notApplicable',
          performances: 'notApplicable',
          cadreRecords: 'pending',
        },
      ],
    ]);
  });

  it('shows only the students of the class asked for', () => {
    const report = reportOf({ classId: 'c302' });
    expect(report).toEqual({
      classId: 'c302',
      className: '普通三02班',
      term: '1112',
      totals: [
        { category: 'courseRecords', confirmed: 0, applicable: 1, classSize: 1 },
        { category: 'courseOutcomes', confirmed: 0, applicable: 0, classSize: 1 },
        { category: 'performances', confirmed: 0, applicable: 0, classSize: 1 },
        { category: 'cadreRecords', confirmed: 0, applicable: 0, classSize: 1 },
      ],
      rows: [
        {
          className: '普通三02班',
          seatNumber: 1,
          studentNumber: '109101',
          name: '周杰',
          statuses: {
            courseRecords: 'pending',
            courseOutcomes: 'notApplicable',
            performances: 'notApplicable',
            cadreRecords: 'notApplicable',
          },
        },
      ],
    });
  });

  it(
    'exports as the homeroom screen shows it: 班級, 座號, 學號, 姓名 and the four categories with status ' + 'labels',
    () => {
      expect(classConfirmationTable(reportOf())).toEqual({
        title: '普通三01班 1112 收訖明細確認統計',
        columns: [
          { key: 'className', header: '班級' },
          { key: 'seatNumber', header: '座號' },
          { key: 'studentNumber', header: '學號' },
          { key: 'name', header: '姓名' },
          { key: 'courseRecords', header: '修課紀錄' },
          { key: 'courseOutcomes', header: '學習成果' },
          { key: 'performances', header: '多元表現' },
          { key: 'cadreRecords', header: '幹部經歷' },
        ],
        rows: [
          {
            className: '普通三01班',
            seatNumber: '01',
            studentNumber: '109002',
            name: '林廷',
            courseRecords: '已確認',
            courseOutcomes: '已回報',
            performances: '已確認',
            cadreRecords: '不適用',
          },
          {
            className: '普通三01班',
            seatNumber: '02',
            studentNumber: '109003',
            name: '洪堯',
            courseRecords: '視為確認',
            courseOutcomes: '已確認',
            performances: '已確認',
            cadreRecords: '已確認',
          },
          {
            className: '普通三01班',
            seatNumber: '03',
            studentNumber: '109001',
            name: '黃盛',
            courseRecords: '待確認',
            courseOutcomes: '已確認',
            performances: '不適用',
            cadreRecords: '視為確認',
          },
          {
            className: '普通三01班',
            seatNumber: '04',
            studentNumber: '109005',
            name: '王美',
            courseRecords: '已回報',
            courseOutcomes: '不適用',
            performances: '待確認',
            cadreRecords: '不適用',
          },
          {
            className: '普通三01班',
            seatNumber: '05',
            studentNumber: '109004',
            name: '黃聰',
            courseRecords: '視為確認',
            courseOutcomes: '不適用',
            performances: '不適用',
            cadreRecords: '不適用',
          },
        ],
        totals: {
          className: '合計',
          courseRecords: '3/5',
          courseOutcomes: '2/3',
          performances: '2/3',
          cadreRecords: '2/2',
        },
        attention: ['待確認', '已回報'],
      });
    },
  );

  it('is a Left SCHOOL_NOT_REGISTERED for a school the log does not know', () => {
    const result = classConfirmationReport(view, { schoolId: 'sch404', classId: 'c301', term: '1112' });
    expect(E.isLeft(result) && result.left).toMatchObject({
      code: 'SCHOOL_NOT_REGISTERED',
      details: { schoolId: 'sch404' },
    });
  });
});

describe('the school summary: confirmation progress per class and category (R-REP-1, issue 20)', () => {
  const progressOf = () => {
    const result = confirmationProgress(view, { schoolId: 'sch1', term: '1112' });
    if (E.isLeft(result)) throw new Error(result.left.message.en);
    return result.right;
  };

  it("counts each class's students by status per category, with the deadline of the class's round", () => {
    const progress = progressOf();
    expect(progress.classes.map((c) => [c.className, c.students])).toEqual([
      ['普通三01班', 5],
      ['普通三02班', 1],
    ]);
    const records = progress.classes[0]!.categories.find((p) => p.category === 'courseRecords')!;
    expect(records.counts).toEqual({ confirmed: 1, deemed: 2, reported: 1, pending: 1, notApplicable: 0 });
    const policy = view.schools['sch1']!.policy;
    expect(records.deadline).toBe(policy.workPeriods['1112:courseRecordsConfirmation']!.end);
    expect(progress.classes[0]!.categories.find((p) => p.category === 'performances')!.deadline).toBe(
      policy.workPeriods['1110:performancesConfirmation']!.end,
    );
  });

  it('tabulates confirmed/applicable per class and the whole school in the totals line', () => {
    const table = confirmationProgressTable(progressOf());
    expect(table.rows[0]).toMatchObject({
      className: '普通三01班',
      students: 5,
      courseRecords: '3/5',
      pending: 2,
      reported: 2,
    });
    expect(table.rows[1]).toMatchObject({
      className: '普通三02班',
      students: 1,
      courseRecords: '0/1',
      courseOutcomes: '0/0',
      pending: 1,
    });
    expect(table.totals).toMatchObject({
      className: '全校',
      students: 6,
      courseRecords: '3/6',
      courseOutcomes: '2/3',
      pending: 3,
      reported: 2,
    });
  });
});

describe("a student's receipt status in one category (receiptStatusOf)", () => {
  const receipt = (answers: Partial<ReceiptState>): ReceiptState => ({
    category: 'courseRecords',
    period: '1112',
    fid: '57170',
    items: [{ itemId: 'math-1112', title: '數學' } as never],
    issuedFids: ['57170'],
    reportedFid: null,
    answer: null,
    review: null,
    recheckAnswer: null,
    ...answers,
  });

  it.each([
    ['no statement', 'notApplicable', undefined],
    ['a statement listing no items (R-REC-1)', 'notApplicable', receipt({ items: [] })],
    ['a statement without an answer', 'pending', receipt({})],
    ['confirmed', 'confirmed', receipt({ answer: 'confirmed' })],
    ['deemed correct', 'deemed', receipt({ answer: 'deemedCorrect' })],
    ['reported, awaiting review', 'reported', receipt({ answer: 'reported' })],
    ['reported, reviewed, awaiting re-check', 'reported', receipt({ answer: 'reported', review: 'corrected' })],
    [
      'reported, then confirmed at re-check',
      'confirmed',
      receipt({ answer: 'reported', review: 'dataWasRight', recheckAnswer: 'confirmed' }),
    ],
    [
      'reported, then deemed correct at re-check',
      'deemed',
      receipt({ answer: 'reported', review: 'corrected', recheckAnswer: 'deemedCorrect' }),
    ],
    [
      'reported, then reported again at re-check',
      'reported',
      receipt({ answer: 'reported', review: 'corrected', recheckAnswer: 'reported' }),
    ],
  ] as const)('%s gives %s', (_, status, given) => {
    expect(receiptStatusOf(given)).toBe(status);
  });
});
