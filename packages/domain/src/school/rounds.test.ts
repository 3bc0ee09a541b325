import {
  isSealedFor,
  roundOfStudent,
  roundsOf,
  schoolDecider,
  type SchoolCommand,
  type SchoolEvent,
} from '@licheng/domain';
import { admin, at, LATER_ROUND, OTHER_GRADES, roundsFixture, schoolEvent, SENIORS, specify, system } from '../testing';

/**
 * R-ROUND-1 / R-ROUND-2 on the school stream: a round is (category, period, cohorts); the school sets each
 * round's windows, rounds of one period never share a cohort, and each round is sealed on its own. Seed 000
 * seals "111-2 高三學生收訖明細確認" in April; seed 001 has the other grades confirm later ("高二及高三適用").
 */
const { events } = roundsFixture();
const given = specify(schoolDecider);
const ctx = (now: string, actor = admin()) => ({ now: at(now), actor });
const setWindow = (
  item: string,
  term: string,
  cohorts: ReadonlyArray<number> | undefined,
  start: string,
  end: string,
): SchoolCommand =>
  ({
    type: 'SetWorkPeriod',
    data: { schoolId: 'sch1', term, item, window: { start: at(start), end: at(end) }, ...(cohorts ? { cohorts } : {}) },
  }) as SchoolCommand;
const seal = (category: string, period: string, cohorts?: ReadonlyArray<number>): SchoolCommand =>
  ({
    type: 'SealPeriod',
    data: { schoolId: 'sch1', category, period, ...(cohorts ? { cohorts } : {}), digest: null },
  }) as SchoolCommand;
const sealed = (category: string, period: string, cohorts?: ReadonlyArray<number>): SchoolEvent =>
  schoolEvent('PeriodSealed', { category, period, ...(cohorts ? { cohorts } : {}), digest: null });

describe('rounds and their windows (R-ROUND-1)', () => {
  it('keeps a window per round: the seniors confirm 1112 in April, the other grades from 6/26', () => {
    const { state } = given(...events);
    expect(roundsOf(state, 'courseRecords', '1112')).toEqual([[109], [110, 111]]);
    expect(roundOfStudent(state, 'courseRecords', '1112', 's1')).toEqual([109]);
    expect(roundOfStudent(state, 'courseRecords', '1112', 'j1')).toEqual([110, 111]);
    expect(state.workPeriods['1112:courseRecordsConfirmation:109']?.end).toBe('2023-04-18T10:30+08:00');
    expect(state.workPeriods['1112:courseRecordsConfirmation:110.111']).toEqual(LATER_ROUND.confirmation);
  });

  it('refuses a round that shares a cohort with another round of the same period (R-ROUND-1)', () => {
    const error = given(...events)
      .when(
        setWindow('courseRecordsConfirmation', '1112', [108, 109], '2023-05-01T08:00', '2023-05-05T17:00'),
        ctx('2022-09-01T09:00'),
      )
      .thenError('ROUNDS_OVERLAP', 'R-ROUND-1');
    expect(error.details).toMatchObject({ cohorts: [108, 109], otherCohorts: [109] });
  });

  it(
    'refuses a window for every cohort beside cohort rounds of the same period, and a cohort round beside it ' +
      '(R-ROUND-1)',
    () => {
      given(...events)
        .when(
          setWindow('courseRecordsConfirmation', '1112', undefined, '2023-05-01T08:00', '2023-05-05T17:00'),
          ctx('2022-09-01T09:00'),
        )
        .thenError('ROUNDS_OVERLAP', 'R-ROUND-1');
      const oneRound = [
        schoolEvent('WorkPeriodSet', {
          term: '1111',
          item: 'courseRecordsConfirmation',
          window: { start: at('2023-02-15T08:00'), end: at('2023-02-20T17:00') },
        }),
      ];
      given(...events, ...oneRound)
        .when(
          setWindow('courseRecordsRecheck', '1111', [109], '2023-02-22T08:00', '2023-02-22T17:00'),
          ctx('2023-01-01T09:00'),
        )
        .thenError('ROUNDS_OVERLAP', 'R-ROUND-1');
    },
  );

  it("refuses cohorts on a window that is the school's, not a round's: uploads and selection (R-ROUND-1)", () => {
    given(...events)
      .when(setWindow('outcomeUpload', '1112', [110], '2023-02-13T08:00', '2023-07-10T17:00'), ctx('2023-03-01T09:00'))
      .thenError('WORK_PERIOD_NOT_PER_ROUND', 'R-ROUND-1');
  });
});

describe('independent rounds (R-ROUND-2)', () => {
  const seniorsSealed = [...events, sealed('courseRecords', '1112', SENIORS)];

  it("seals the seniors' round after its re-check and leaves the other grades open (R-ROUND-2, R-SEAL-1)", () => {
    const { state } = given(...events)
      .when(seal('courseRecords', '1112', SENIORS), ctx('2023-04-21T09:00', system()))
      .thenSucceeds();
    expect(state.sealed).toEqual({ 'courseRecords:1112:109': true });
    expect(isSealedFor(state, 'courseRecords', '1112', 's1')).toBe(true);
    expect(isSealedFor(state, 'courseRecords', '1112', 'j1')).toBe(false);
  });

  it(
    "refuses sealing the other grades' round before its own deadline, whatever the seniors' (R-AUTH-4, " + 'R-ROUND-2)',
    () => {
      given(...seniorsSealed)
        .when(seal('courseRecords', '1112', OTHER_GRADES), ctx('2023-04-21T09:00', system()))
        .thenError('DEADLINE_NOT_PASSED', 'R-AUTH-4');
      given(...seniorsSealed)
        .when(seal('courseRecords', '1112', OTHER_GRADES), ctx('2023-07-03T17:00', system()))
        .thenSucceeds();
    },
  );

  it('refuses sealing one round twice (R-SEAL-1)', () => {
    given(...seniorsSealed)
      .when(seal('courseRecords', '1112', SENIORS), ctx('2023-04-22T09:00', system()))
      .thenError('PERIOD_SEALED', 'R-SEAL-2');
  });

  it(
    "still lets the school move the other grades' windows after the seniors' round is sealed, but not the seniors' " +
      '(R-ROUND-2, R-SEAL-2)',
    () => {
      given(...seniorsSealed)
        .when(
          setWindow('courseRecordsConfirmation', '1112', OTHER_GRADES, '2023-06-26T08:00', '2023-07-02T17:00'),
          ctx('2023-05-01T09:00'),
        )
        .thenSucceeds();
      given(...seniorsSealed)
        .when(
          setWindow('courseRecordsRecheck', '1112', SENIORS, '2023-04-20T08:00', '2023-04-28T17:00'),
          ctx('2023-04-20T09:00'),
        )
        .thenError('PERIOD_SEALED', 'R-SEAL-2');
    },
  );
});

describe('a seal written before rounds (R-ROUND-1)', () => {
  it('reads a PeriodSealed without cohorts as the round of every cohort: every student of the period is sealed', () => {
    const { state } = given(
      ...events.filter((e) => !(e.type === 'WorkPeriodSet' && 'cohorts' in e.data)),
      sealed('courseRecords', '1112'),
    );
    expect(state.sealed).toEqual({ 'courseRecords:1112': true });
    expect(roundsOf(state, 'courseRecords', '1112')).toEqual([null]);
    expect(['s1', 's2', 'j1'].every((id) => isSealedFor(state, 'courseRecords', '1112', id))).toBe(true);
  });
});
