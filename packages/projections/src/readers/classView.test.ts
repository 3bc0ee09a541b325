import * as E from 'fp-ts/Either';
import { createLichengService } from '@licheng/eventstore';
import { rebuildView, readersSchool, storeOf } from '../testing/readers';
import { readClassConfirmation, readPortfolio } from './reads';
import type { Reader } from './reader';

/**
 * R-REC-6 / R-AUTH-2 (seed 001): the homeroom teacher sees, for their class, per category how many students
 * confirmed of how many apply, and each student's status; no one else's class. Driven end to end: the
 * statements and answers are commands through the service, the view is the projection runner's, the report is
 * the scoped read. (These replace a view that receipts/decide.test.ts once computed inside the test itself.)
 */

const teacher = (id: string): Reader => ({ id, role: 'teacher', schoolId: 'sch1' });
const system = { id: 'system', role: 'system' } as const;
const items = [{ itemId: 'math-1112', title: '數學 4學分 72分 及格' }];

/** s1 confirms, s2 has not answered yet, s3 (class c302) reports an error: term 1112 course records. */
const classYear = async () => {
  const store = await storeOf(readersSchool());
  const service = createLichengService({ store });
  let n = 0;
  const send = async (
    now: string,
    actor: { id: string; role: string },
    type: string,
    data: Record<string, unknown>,
  ) => {
    const result = await service.execute({
      commandId: `c${++n}`,
      now: `${now}+08:00`,
      actor: { ...actor, schoolId: 'sch1' },
      type,
      data: { schoolId: 'sch1', ...data },
    });
    if (E.isLeft(result)) throw new Error(`${type}: ${result.left.message.en}`);
  };
  const receipt = (studentId: string) => ({ studentId, category: 'courseRecords', period: '1112' });
  for (const studentId of ['s1', 's2', 's3'])
    await send('2023-04-13T19:00', system, 'IssueReceiptStatement', { ...receipt(studentId), fid: 'F1', items });
  await send('2023-04-15T09:00', { id: 's1', role: 'student' }, 'ConfirmReceipt', receipt('s1'));
  await send('2023-04-15T09:05', { id: 's3', role: 'student' }, 'ReportReceiptError', {
    ...receipt('s3'),
    problems: [{ kind: 'missing', reason: '少了數學' }],
  });
  return { store, service, send, view: await rebuildView(store) };
};

describe("the homeroom teacher's class view (R-REC-6, R-AUTH-2)", () => {
  it(
    'gives, per category, how many students of the class have confirmed of how many it applies to, and each status ' +
      '(R-REC-6)',
    async () => {
      const { view } = await classYear();
      const report = readClassConfirmation(view, teacher('t-home'), {
        schoolId: 'sch1',
        classId: 'c301',
        term: '1112',
      });
      if (E.isLeft(report)) throw new Error(report.left.message.en);
      expect(report.right.totals.find((t) => t.category === 'courseRecords')).toEqual({
        category: 'courseRecords',
        confirmed: 1,
        applicable: 2,
        classSize: 2,
      });
      expect(report.right.totals.find((t) => t.category === 'cadreRecords')).toEqual({
        category: 'cadreRecords',
        confirmed: 0,
        applicable: 0,
        classSize: 2,
      });
      expect(report.right.rows.map((row) => [row.studentNumber, row.statuses.courseRecords])).toEqual([
        ['109001', 'confirmed'],
        ['109002', 'pending'],
      ]);
    },
  );

  it(
    'shows only the teacher’s own class: another class is refused, and their own holds none of its students ' +
      '(R-REC-6, R-AUTH-2)',
    async () => {
      const { view } = await classYear();
      const other = readClassConfirmation(view, teacher('t-home'), { schoolId: 'sch1', classId: 'c302', term: '1112' });
      expect(E.isLeft(other) && { code: other.left.code, rule: other.left.rule }).toEqual({
        code: 'NOT_HOMEROOM_TEACHER',
        rule: 'R-AUTH-2',
      });
      const course = readClassConfirmation(view, teacher('t1'), { schoolId: 'sch1', classId: 'c301', term: '1112' });
      expect(E.isLeft(course) && course.left.code).toBe('NOT_HOMEROOM_TEACHER');
      const own = readClassConfirmation(view, teacher('t-home2'), { schoolId: 'sch1', classId: 'c302', term: '1112' });
      expect(E.isRight(own) && own.right.rows.map((row) => [row.studentNumber, row.statuses.courseRecords])).toEqual([
        ['109003', 'reported'],
      ]);
    },
  );

  it(
    'moves a student from pending to confirmed once deemed correct, and counts a report as not confirmed (R-REC-6, ' +
      'R-REC-5)',
    async () => {
      const { store, send } = await classYear();
      await send('2023-04-18T10:30', system, 'DeemReceiptCorrect', {
        studentId: 's2',
        category: 'courseRecords',
        period: '1112',
      });
      const view = await rebuildView(store);
      const mine = readClassConfirmation(view, teacher('t-home'), { schoolId: 'sch1', classId: 'c301', term: '1112' });
      expect(E.isRight(mine) && mine.right.totals[0]).toEqual({
        category: 'courseRecords',
        confirmed: 2,
        applicable: 2,
        classSize: 2,
      });
      const theirs = readClassConfirmation(view, teacher('t-home2'), {
        schoolId: 'sch1',
        classId: 'c302',
        term: '1112',
      });
      expect(E.isRight(theirs) && theirs.right.totals[0]).toEqual({
        category: 'courseRecords',
        confirmed: 0,
        applicable: 1,
        classSize: 1,
      });
    },
  );
});

describe("the student's drill-down shows a statement field by field (R-REC-7)", () => {
  it(
    'gives the student the cadre record as the central database holds it: 單位名稱, 幹部等級, 擔任職務, ' +
      '開始日期, 結束日期',
    async () => {
      const { store, send } = await classYear();
      const details = {
        kind: 'cadreRecord',
        unit: '普通三01班',
        level: '班級幹部',
        position: '班長',
        startDate: '2023-02-13',
        endDate: '2023-06-30',
      };
      await send('2023-04-15T10:00', system, 'IssueReceiptStatement', {
        studentId: 's1',
        category: 'cadreRecords',
        period: '1112',
        fid: 'F2',
        items: [{ itemId: 's1-cadre', title: '班長', details }],
      });
      const portfolio = readPortfolio(
        await rebuildView(store),
        { id: 's1', role: 'student', schoolId: 'sch1' },
        { schoolId: 'sch1', studentId: 's1' },
      );
      const cadre = E.isRight(portfolio)
        ? Object.values(portfolio.right.receipts).find((r) => r.category === 'cadreRecords')
        : undefined;
      expect(cadre?.items).toEqual([{ itemId: 's1-cadre', title: '班長', details }]);
    },
  );
});
