import {
  portfolioDecider,
  type Actor,
  type PortfolioContext,
  type PortfolioEvent,
  type ReceiptCategory,
  type SchoolState,
} from '@licheng/domain';
import {
  contextAt,
  parent,
  portfolioCommand,
  portfolioEvent,
  schoolEvent,
  schoolFixture,
  specify,
  student,
} from '../../testing';

/**
 * University application picks (申請入學), R-APP-1: per department at most 3 course outcomes and 10 diverse
 * performances, from the student's sealed, submitted items of all years (seed 000: 每科系至多3件 / 至多10件).
 * Years 110 and 111 are sealed; the student's statements list outcomes and performances of both.
 */

const sealedPeriods = (...pairs: ReadonlyArray<[ReceiptCategory, string]>): SchoolState =>
  schoolFixture({
    extra: pairs.map(([category, period]) => schoolEvent('PeriodSealed', { category, period, digest: null })),
  }).policy;
const allSealed = sealedPeriods(
  ['courseOutcomes', '1100'],
  ['performances', '1100'],
  ['courseOutcomes', '1110'],
  ['performances', '1110'],
);
const only110Sealed = sealedPeriods(['courseOutcomes', '1100'], ['performances', '1100']);

const items = (...ids: string[]) => ids.map((itemId) => ({ itemId, title: `項目 ${itemId}` }));
const statement = (category: ReceiptCategory, period: string, fid: string, ids: string[]) =>
  portfolioEvent('ReceiptStatementIssued', { studentId: 's1', category, period, fid, items: items(...ids) });

const P110 = ['p110-1', 'p110-2', 'p110-3', 'p110-4'];
const P111 = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'];
const history: PortfolioEvent[] = [
  statement('courseOutcomes', '1100', 'F0', ['o110-1', 'o110-2']),
  statement('performances', '1100', 'F0', P110),
  // o9 was in the first statement of 111 but the school's correction (FID F2) took it out.
  statement('courseOutcomes', '1110', 'F1', ['o1', 'o2', 'o3', 'o9']),
  statement('courseOutcomes', '1110', 'F2', ['o1', 'o2', 'o3']),
  statement('performances', '1110', 'F1', P111),
];

const given = specify(portfolioDecider);
const NOW = '2023-05-10T10:00';
const as = (actor: Actor = student('s1'), policy: SchoolState = allSealed): PortfolioContext =>
  contextAt(policy, NOW, actor);
const pick = (departmentId: string, outcomeIds: string[], performanceIds: string[], studentId = 's1') =>
  portfolioCommand('PickApplicationItems', { schoolId: 'sch1', studentId, departmentId, outcomeIds, performanceIds });
const picked = (departmentId: string, outcomeIds: string[], performanceIds: string[]) =>
  portfolioEvent('ApplicationItemsPicked', { departmentId, outcomeIds, performanceIds });

const TEN = [...P110.slice(0, 2), ...P111];

describe('picking items for a department (R-APP-1)', () => {
  it('accepts 3 outcomes and 10 performances from sealed submitted items of all years (R-APP-1)', () => {
    given(...history)
      .when(pick('ntu-csie', ['o110-1', 'o1', 'o2'], TEN), as())
      .then(picked('ntu-csie', ['o110-1', 'o1', 'o2'], TEN));
  });

  it('refuses a 4th outcome (APPLICATION_PICK_LIMIT, R-APP-1)', () => {
    given(...history)
      .when(pick('ntu-csie', ['o110-1', 'o1', 'o2', 'o3'], []), as())
      .thenError('APPLICATION_PICK_LIMIT', 'R-APP-1');
  });

  it('refuses an 11th performance (APPLICATION_PICK_LIMIT, R-APP-1)', () => {
    given(...history)
      .when(pick('ntu-csie', [], [...TEN, 'p110-3']), as())
      .thenError('APPLICATION_PICK_LIMIT', 'R-APP-1');
  });

  it('refuses an item the student never submitted (APPLICATION_ITEM_NOT_SEALED, R-APP-1)', () => {
    given(...history)
      .when(pick('ntu-csie', ['o1', 'o-unsubmitted'], []), as())
      .thenError('APPLICATION_ITEM_NOT_SEALED', 'R-APP-1');
    given(...history)
      .when(pick('ntu-csie', [], ['p1', 'p-unsubmitted']), as())
      .thenError('APPLICATION_ITEM_NOT_SEALED', 'R-APP-1');
  });

  it('refuses an item whose statement is not sealed yet, and accepts items of a year already sealed (R-APP-1)', () => {
    given(...history)
      .when(pick('ntu-csie', ['o1'], []), as(student('s1'), only110Sealed))
      .thenError('APPLICATION_ITEM_NOT_SEALED', 'R-APP-1');
    given(...history)
      .when(pick('ntu-csie', [], ['p1']), as(student('s1'), only110Sealed))
      .thenError('APPLICATION_ITEM_NOT_SEALED', 'R-APP-1');
    given(...history)
      .when(pick('ntu-csie', ['o110-1'], ['p110-1']), as(student('s1'), only110Sealed))
      .then(picked('ntu-csie', ['o110-1'], ['p110-1']));
  });

  it('refuses an item the school’s correction took out of the accepted statement (R-APP-1)', () => {
    given(...history)
      .when(pick('ntu-csie', ['o9'], []), as())
      .thenError('APPLICATION_ITEM_NOT_SEALED', 'R-APP-1');
  });

  it('refuses an outcome picked as a performance and a performance picked as an outcome (R-APP-1)', () => {
    given(...history)
      .when(pick('ntu-csie', [], ['o1']), as())
      .thenError('APPLICATION_ITEM_NOT_SEALED', 'R-APP-1');
    given(...history)
      .when(pick('ntu-csie', ['p1'], []), as())
      .thenError('APPLICATION_ITEM_NOT_SEALED', 'R-APP-1');
  });

  it('refuses the same item twice in one pick (R-APP-1)', () => {
    given(...history)
      .when(pick('ntu-csie', ['o1', 'o1'], []), as())
      .thenError('APPLICATION_PICK_DUPLICATE', 'R-APP-1');
  });

  it("refuses another student's picks, and a parent's (R-AUTH-1)", () => {
    given(...history)
      .when(pick('ntu-csie', ['o1'], []), as(student('s2')))
      .thenError('NOT_OWN_PORTFOLIO', 'R-AUTH-1');
    given(...history)
      .when(pick('ntu-csie', ['o1'], []), as(parent()))
      .thenError('ROLE_NOT_ALLOWED', 'R-AUTH-1');
  });
});

describe('picks per department (R-APP-1)', () => {
  it('lets picks differ per department, each within its own limits (R-APP-1)', () => {
    const csie = picked('ntu-csie', ['o1', 'o2', 'o3'], TEN);
    const { state } = given(...history, csie)
      .when(pick('nthu-ee', ['o110-1', 'o110-2', 'o1'], [...P110, 'p1']), as())
      .thenSucceeds();
    expect(state.applications).toEqual({
      'ntu-csie': { outcomeIds: ['o1', 'o2', 'o3'], performanceIds: TEN },
      'nthu-ee': { outcomeIds: ['o110-1', 'o110-2', 'o1'], performanceIds: [...P110, 'p1'] },
    });
  });

  it("replaces a department's picks with its later pick, leaving the others (R-APP-1)", () => {
    const first = [picked('ntu-csie', ['o1', 'o2', 'o3'], TEN), picked('nthu-ee', ['o110-1'], ['p1'])];
    const { events, state } = given(...history, ...first)
      .when(pick('ntu-csie', ['o110-2'], ['p2', 'p3']), as())
      .thenSucceeds();
    expect(events).toEqual([picked('ntu-csie', ['o110-2'], ['p2', 'p3'])]);
    expect(state.applications['ntu-csie']).toEqual({ outcomeIds: ['o110-2'], performanceIds: ['p2', 'p3'] });
    expect(state.applications['nthu-ee']).toEqual({ outcomeIds: ['o110-1'], performanceIds: ['p1'] });
  });

  it('judges the limits per pick, not summed over departments (R-APP-1)', () => {
    const threeEach = [picked('a1', ['o1', 'o2', 'o3'], []), picked('a2', ['o1', 'o2', 'o3'], [])];
    given(...history, ...threeEach)
      .when(pick('a3', ['o1', 'o2', 'o110-1'], TEN), as())
      .thenSucceeds();
  });
});
