import * as E from 'fp-ts/Either';
import { createLichengService } from '@licheng/eventstore';
import { pdf, portfolioEvent } from '@licheng/testing';
import { rebuildView, readersSchool, storeOf } from '../testing/readers';
import {
  readOutcomeStatus,
  readOutcomeUsage,
  readPortfolio,
  readStudentNotice,
  readUncertifiedTeachers,
} from './reads';
import type { Reader } from './reader';

/** The scoped reads one by one; reliability/src/reads.test.ts walks the whole matrix. */

const of = (id: string, role: Reader['role'], schoolId = 'sch1'): Reader => ({ id, role, schoolId });
const codeOf = <A>(result: E.Either<{ code: string; rule: string | null }, A>) =>
  E.isLeft(result) ? { code: result.left.code, rule: result.left.rule } : 'answered';

const sent = (studentId: string, outcomeId: string, courseId: string, subject: string) => [
  portfolioEvent('CourseOutcomeUploaded', {
    studentId,
    outcomeId,
    courseId,
    term: '1111',
    subject,
    description: '成果',
    document: pdf(),
  }),
  portfolioEvent('CourseOutcomeSentForCertification', { outcomeId }),
];

describe('a parent account reads through the link the school set (R-AUTH-6)', () => {
  it("reads the linked child's portfolio and notice, and no longer once the school unlinks it (R-AUTH-6)", async () => {
    const store = await storeOf(readersSchool(), { s1: sent('s1', 'o1', 'math-1111', '數學') });
    const p1 = of('p1', 'parent');
    const before = await rebuildView(store);
    const portfolio = readPortfolio(before, p1, { schoolId: 'sch1', studentId: 's1' });
    expect(E.isRight(portfolio) && Object.keys(portfolio.right.outcomes)).toEqual(['o1']);
    expect(codeOf(readStudentNotice(before, p1, { schoolId: 'sch1', studentId: 's1', schoolYear: 111 }))).toBe(
      'answered',
    );
    expect(codeOf(readPortfolio(before, p1, { schoolId: 'sch1', studentId: 's2' }))).toEqual({
      code: 'PARENT_NOT_LINKED',
      rule: 'R-AUTH-6',
    });

    const service = createLichengService({ store });
    const unlinked = await service.execute({
      commandId: 'unlink-p1',
      now: '2023-02-01T09:00+08:00',
      actor: { id: 'admin', role: 'admin', schoolId: 'sch1' },
      type: 'UnlinkParentAccount',
      data: { schoolId: 'sch1', parentId: 'p1', studentIds: ['s1'] },
    });
    expect(E.isRight(unlinked)).toBe(true);
    expect(codeOf(readPortfolio(await rebuildView(store), p1, { schoolId: 'sch1', studentId: 's1' }))).toEqual({
      code: 'PARENT_NOT_LINKED',
      rule: 'R-AUTH-6',
    });
  });

  it('refuses a parent every school-wide report (READ_NOT_ALLOWED, R-AUTH-1)', async () => {
    const view = await rebuildView(await storeOf(readersSchool()));
    expect(codeOf(readOutcomeStatus(view, of('p1', 'parent'), { schoolId: 'sch1', term: '1111' }))).toEqual({
      code: 'READ_NOT_ALLOWED',
      rule: 'R-AUTH-1',
    });
  });
});

describe('teachers read their own part (R-AUTH-2, R-REP-2, R-REP-3)', () => {
  it(
    'gives a course teacher only the outcomes waiting for them, the administrator every teacher’s ' + '(R-REP-3)',
    async () => {
      const view = await rebuildView(
        await storeOf(readersSchool(), {
          s1: sent('s1', 'o1', 'math-1111', '數學'),
          s3: sent('s3', 'o3', 'phys-1111', '物理'),
        }),
      );
      const mine = readUncertifiedTeachers(view, of('t1', 'teacher'), { schoolId: 'sch1', term: '1111' });
      expect(E.isRight(mine) && mine.right.map((row) => [row.teacherId, row.outcomes.map((o) => o.outcomeId)])).toEqual(
        [['t1', ['o1']]],
      );
      const all = readUncertifiedTeachers(view, of('admin', 'admin'), { schoolId: 'sch1', term: '1111' });
      expect(E.isRight(all) && all.right.map((row) => row.teacherId).sort()).toEqual(['t1', 't2']);
    },
  );

  it(
    "gives a homeroom teacher their own class's outcome status row only; a teacher with no class is refused " +
      '(R-REP-2, R-AUTH-2)',
    async () => {
      const view = await rebuildView(await storeOf(readersSchool()));
      const mine = readOutcomeStatus(view, of('t-home2', 'teacher'), { schoolId: 'sch1', term: '1111' });
      expect(E.isRight(mine) && mine.right.map((row) => [row.classId, row.classSize])).toEqual([['c302', 1]]);
      expect(codeOf(readOutcomeStatus(view, of('t1', 'teacher'), { schoolId: 'sch1', term: '1111' }))).toEqual({
        code: 'NOT_HOMEROOM_TEACHER',
        rule: 'R-AUTH-2',
      });
    },
  );
});

describe('the school-wide views (R-AUTH-5) and the city (R-REP-4)', () => {
  it(
    'opens the school to a member of a role group holding S0205S, not to one holding S0207S only ' + '(R-AUTH-5)',
    async () => {
      const view = await rebuildView(await storeOf(readersSchool()));
      expect(codeOf(readOutcomeStatus(view, of('sub1', 'submitter'), { schoolId: 'sch1', term: '1111' }))).toBe(
        'answered',
      );
      expect(codeOf(readOutcomeStatus(view, of('sub3', 'submitter'), { schoolId: 'sch1', term: '1111' }))).toEqual({
        code: 'READ_NOT_ALLOWED',
        rule: 'R-AUTH-5',
      });
    },
  );

  it("lets the city read every school's usage and nothing inside a school (R-REP-4)", async () => {
    const view = await rebuildView(await storeOf(readersSchool()));
    const city: Reader = { id: 'taipei-doe', role: 'city' };
    expect(codeOf(readOutcomeUsage(view, city, { schoolId: 'sch1', term: '1111' }))).toBe('answered');
    expect(codeOf(readStudentNotice(view, city, { schoolId: 'sch1', studentId: 's1', schoolYear: 111 }))).toEqual({
      code: 'READ_NOT_ALLOWED',
      rule: 'R-REP-4',
    });
  });

  it(
    'refuses a reader of another school before looking at the school, even one the view does not hold ' + '(R-AUTH-3)',
    async () => {
      const view = await rebuildView(await storeOf(readersSchool()));
      expect(codeOf(readOutcomeUsage(view, of('admin', 'admin', 'sch2'), { schoolId: 'sch1', term: '1111' }))).toEqual({
        code: 'ACTOR_NOT_OF_SCHOOL',
        rule: 'R-AUTH-3',
      });
      expect(codeOf(readOutcomeUsage(view, of('admin', 'admin', 'sch1'), { schoolId: 'sch9', term: '1111' }))).toEqual({
        code: 'ACTOR_NOT_OF_SCHOOL',
        rule: 'R-AUTH-3',
      });
      expect(codeOf(readOutcomeUsage(view, of('admin', 'admin', 'sch9'), { schoolId: 'sch9', term: '1111' }))).toEqual({
        code: 'SCHOOL_NOT_REGISTERED',
        rule: 'R-AUTH-3',
      });
    },
  );
});
