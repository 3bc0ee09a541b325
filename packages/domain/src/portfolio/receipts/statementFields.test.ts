import { portfolioDecider } from '@licheng/domain';
import { contextAt, portfolioCommand, schoolFixture, specify, system } from '../../testing';

/**
 * R-REC-7: a receipt statement shows, field by field, what the central database holds. Seed 000's 1112
 * course record: 科目名稱 工程設計專題, 開課年級 2, 修課學分 2, 學期學業成績 82, 成績及格 及格, 補考成績 無成績,
 * 補考及格 無成績, 是否採計學分 採計學分. Seed 001's cadre record: 幹部等級 班級幹部, 擔任職務 副衛生股長,
 * 開始日期 108/08/30, 結束日期 109/01/20.
 */
const { policy } = schoolFixture();
const given = specify(portfolioDecider);
const ENGINEERING = {
  kind: 'courseRecord',
  subjectName: '工程設計專題',
  gradeLevel: 2,
  credits: 2,
  semesterScore: 82,
  passed: true,
  makeUpScore: null,
  makeUpPassed: null,
  creditCounted: true,
};
const CADRE = {
  kind: 'cadreRecord',
  unit: '普通二18班',
  level: '班級幹部',
  position: '副衛生股長',
  startDate: '2019-08-30',
  endDate: '2020-01-20',
};
const issue = (category: string, period: string, details: object) =>
  portfolioCommand('IssueReceiptStatement', {
    schoolId: 'sch1',
    studentId: 's1',
    category,
    period,
    fid: 'F1',
    items: [{ itemId: 'x1', title: '工程設計專題 2 學分', details }],
  });
const ctx = contextAt(policy, '2023-04-13T18:05', system());

describe('what a statement shows (R-REC-7)', () => {
  it('carries the course record fields of seed 000 into the statement, as the student confirms them (R-REC-7)', () => {
    const { state } = given()
      .when(issue('courseRecords', '1112', ENGINEERING), ctx)
      .thenSucceeds();
    expect(state.receipts['courseRecords:1112']?.items).toEqual([
      { itemId: 'x1', title: '工程設計專題 2 學分', details: ENGINEERING },
    ]);
  });

  it('carries the cadre record fields of seed 001 (R-REC-7)', () => {
    const { state } = given()
      .when(issue('cadreRecords', '1112', CADRE), ctx)
      .thenSucceeds();
    expect(state.receipts['cadreRecords:1112']?.items[0]?.details).toEqual(CADRE);
  });

  it('refuses the fields of another category: cadre fields on a course record (ITEM_DETAILS_MISMATCH, R-REC-7)', () => {
    const error = given()
      .when(issue('courseRecords', '1112', CADRE), ctx)
      .thenError('ITEM_DETAILS_MISMATCH', 'R-REC-7');
    expect(error.details).toEqual({ itemId: 'x1', category: 'courseRecords', kind: 'cadreRecord' });
  });

  it(
    'records an item given without fields as having none (details null), as a statement issued before R-REC-7 ' +
      'reads',
    () => {
      const bare = portfolioCommand('IssueReceiptStatement', {
        schoolId: 'sch1',
        studentId: 's1',
        category: 'courseRecords',
        period: '1112',
        fid: 'F1',
        items: [{ itemId: 'x1', title: '數學 4 學分' }],
      });
      const { events } = given().when(bare, ctx).thenSucceeds();
      expect(events[0]?.data).toMatchObject({ items: [{ itemId: 'x1', title: '數學 4 學分', details: null }] });
    },
  );
});
