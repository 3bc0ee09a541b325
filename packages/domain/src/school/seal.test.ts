import * as E from 'fp-ts/Either';
import {
  SCHOOL_COMMAND_DATA,
  schoolDecider,
  type Actor,
  type ReceiptCategory,
  type SchoolCommand,
  type SchoolCommandType,
  type SchoolContext,
  type SchoolEvent,
} from '@licheng/domain';
import { decodeWith } from '@licheng/domain/internal';
import {
  admin,
  at,
  parent,
  schoolEvent,
  schoolFixture,
  specify,
  student,
  submitter,
  system,
  teacher,
} from '../testing';

/**
 * Sealing (封存): R-SEAL-1, R-SEAL-2 on the school stream, and R-AUTH-4. The fixture's confirmation window for
 * every category ends 2023-04-18 10:30 and its re-check window ends 2023-04-20 17:00 (seed 000).
 */

const command = <K extends SchoolCommandType>(
  type: K,
  data: Record<string, unknown>,
): Extract<SchoolCommand, { type: K }> => {
  const result = decodeWith(SCHOOL_COMMAND_DATA[type], type)({ schoolId: 'sch1', ...data });
  if (E.isLeft(result)) throw new Error(result.left.message.en);
  return { type, data: result.right } as Extract<SchoolCommand, { type: K }>;
};
const ctx = (now: string, actor: Actor = system()): SchoolContext => ({ now: at(now), actor });

const { events: fixture } = schoolFixture();
const given = specify(schoolDecider);

// PeriodSealed v2 carries the digest the system computed (docs/audit.md); these rules do not depend on it.
const seal = (category: ReceiptCategory, period: string, digest: string | null = null) =>
  command('SealPeriod', { category, period, digest });
const sealed = (category: ReceiptCategory, period: string, digest: string | null = null) =>
  schoolEvent('PeriodSealed', { category, period, digest });
const window = (start: string, end: string) => ({ start: `${start}+08:00`, end: `${end}+08:00` });
const setWorkPeriod = (term: string, item: string, start: string, end: string) =>
  command('SetWorkPeriod', { term, item, window: window(start, end) });
const workPeriodSet = (term: string, item: string, start: string, end: string) =>
  schoolEvent('WorkPeriodSet', { term, item, window: window(start, end) });

const CATEGORIES: ReadonlyArray<[ReceiptCategory, string]> = [
  ['courseRecords', '1112'],
  ['cadreRecords', '1112'],
  ['courseOutcomes', '1110'],
  ['performances', '1110'],
];

describe('who seals (R-AUTH-4)', () => {
  it.each<[string, Actor]>([
    ['the administrator', admin()],
    ['a submitter', submitter()],
    ['a teacher', teacher('t-home')],
    ['a student', student('s1')],
    ['a parent', parent()],
  ])('refuses %s sealing a period, even after every deadline (SYSTEM_ACTOR_ONLY, R-AUTH-4)', (_who, actor) => {
    given(...fixture)
      .when(seal('courseRecords', '1112'), ctx('2023-04-21T09:00', actor))
      .thenError('SYSTEM_ACTOR_ONLY', 'R-AUTH-4');
  });
});

describe('when a period is sealed (R-SEAL-1, R-AUTH-4)', () => {
  it.each(CATEGORIES)(
    'seals %s %s when the re-check window closes, 2023-04-20 17:00 (R-SEAL-1)',
    (category, period) => {
      given(...fixture)
        .when(seal(category, period), ctx('2023-04-20T17:00'))
        .then(sealed(category, period));
    },
  );

  it(
    'refuses sealing while the confirmation window is open, at 2023-04-18 10:29 (DEADLINE_NOT_PASSED, R-AUTH-4, ' +
      'R-SEAL-1)',
    () => {
      const error = given(...fixture)
        .when(seal('courseRecords', '1112'), ctx('2023-04-18T10:29'))
        .thenError('DEADLINE_NOT_PASSED', 'R-AUTH-4');
      expect(error.message.en).toContain('2023-04-18T10:30');
    },
  );

  it('refuses sealing after the confirmation window but before the re-check window closes (R-AUTH-4, R-SEAL-1)', () => {
    given(...fixture)
      .when(seal('courseRecords', '1112'), ctx('2023-04-18T10:30'))
      .thenError('DEADLINE_NOT_PASSED', 'R-AUTH-4');
    const error = given(...fixture)
      .when(seal('courseRecords', '1112'), ctx('2023-04-20T16:59'))
      .thenError('DEADLINE_NOT_PASSED', 'R-AUTH-4');
    expect(error.message.en).toContain('2023-04-20T17:00');
    expect(error.message['zh-TW']).toContain('2023-04-20T17:00');
  });

  it('seals once the confirmation is over when the category has no re-check window (R-SEAL-1)', () => {
    const withoutRecheck = fixture.filter(
      (e) => !(e.type === 'WorkPeriodSet' && e.data.item === 'performancesRecheck'),
    );
    given(...withoutRecheck)
      .when(seal('performances', '1110'), ctx('2023-04-18T10:30'))
      .then(sealed('performances', '1110'));
    given(...withoutRecheck)
      .when(seal('performances', '1110'), ctx('2023-04-18T10:29'))
      .thenError('DEADLINE_NOT_PASSED', 'R-AUTH-4');
  });

  it('refuses sealing a period that has no confirmation window: its confirmation never ran (R-AUTH-4)', () => {
    given(...fixture)
      .when(seal('courseRecords', '1111'), ctx('2023-04-21T09:00'))
      .thenError('DEADLINE_NOT_PASSED', 'R-AUTH-4');
  });

  it('judges the deadline by the re-check window as extended (R-WIN-3, R-AUTH-4)', () => {
    const extended = workPeriodSet('1112', 'courseRecordsRecheck', '2023-04-20T08:00', '2023-04-21T17:00');
    given(...fixture, extended)
      .when(seal('courseRecords', '1112'), ctx('2023-04-20T17:00'))
      .thenError('DEADLINE_NOT_PASSED', 'R-AUTH-4');
    given(...fixture, extended)
      .when(seal('courseRecords', '1112'), ctx('2023-04-21T17:00'))
      .then(sealed('courseRecords', '1112'));
  });

  it('records the digest the system states, and refuses one that is not a SHA-256 hex digest (R-SEAL-1)', () => {
    const digest = 'ab'.repeat(32);
    given(...fixture)
      .when(seal('courseRecords', '1112', digest), ctx('2023-04-21T09:00'))
      .then(sealed('courseRecords', '1112', digest));
    expect(() => seal('courseRecords', '1112', 'not-a-digest')).toThrow(/digest/);
  });

  it('seals once only (PERIOD_SEALED, R-SEAL-2)', () => {
    given(...fixture, sealed('courseRecords', '1112'))
      .when(seal('courseRecords', '1112'), ctx('2023-04-21T09:00'))
      .thenError('PERIOD_SEALED', 'R-SEAL-2');
  });

  it('seals one category and period only (R-SEAL-1)', () => {
    const { state } = given(...fixture)
      .when(seal('cadreRecords', '1112'), ctx('2023-04-21T09:00'))
      .thenSucceeds();
    expect(state.sealed).toEqual({ 'cadreRecords:1112': true });
    given(...fixture, sealed('cadreRecords', '1112'))
      .when(seal('courseRecords', '1112'), ctx('2023-04-21T09:00'))
      .then(sealed('courseRecords', '1112'));
  });

  it('refuses a period of the wrong kind for the category (R-WIN-2)', () => {
    given(...fixture)
      .when(seal('courseOutcomes', '1112'), ctx('2023-04-21T09:00'))
      .thenError('WORK_PERIOD_SEMESTER_MISMATCH', 'R-WIN-2');
    given(...fixture)
      .when(seal('courseRecords', '1110'), ctx('2023-04-21T09:00'))
      .thenError('WORK_PERIOD_SEMESTER_MISMATCH', 'R-WIN-2');
  });
});

describe('work periods of a sealed category and period (R-SEAL-2)', () => {
  // The performance upload and the 1112 outcome upload were extended (R-WIN-3) into June, so without the seal a
  // further change would be accepted: only R-SEAL-2 stands in the way.
  const extended: SchoolEvent[] = [
    ...fixture,
    workPeriodSet('1110', 'performanceUpload', '2022-08-01T08:00', '2023-06-30T17:00'),
    workPeriodSet('1112', 'outcomeUpload', '2023-02-13T08:00', '2023-06-30T17:00'),
  ];

  it('refuses SetWorkPeriod for any item of a sealed category and period, whoever sends it (R-SEAL-2)', () => {
    const change = setWorkPeriod('1110', 'performanceUpload', '2022-08-01T08:00', '2023-07-15T17:00');
    given(...extended)
      .when(change, ctx('2023-04-22T09:00', admin()))
      .thenSucceeds();
    given(...extended, sealed('performances', '1110'))
      .when(change, ctx('2023-04-22T09:00', admin()))
      .thenError('PERIOD_SEALED', 'R-SEAL-2');
  });

  it('freezes both semesters of a year when the year’s outcomes are sealed (R-SEAL-2)', () => {
    const change = setWorkPeriod('1112', 'outcomeUpload', '2023-02-13T08:00', '2023-07-15T17:00');
    given(...extended)
      .when(change, ctx('2023-04-22T09:00', admin()))
      .thenSucceeds();
    given(...extended, sealed('courseOutcomes', '1110'))
      .when(change, ctx('2023-04-22T09:00', admin()))
      .thenError('PERIOD_SEALED', 'R-SEAL-2');
  });

  it.each([
    ['1110', 'performancesConfirmation'],
    ['1110', 'performancesRecheck'],
    ['1110', 'performancesSubmission'],
    ['1110', 'performanceSelection'],
  ])('refuses reopening %s %s once sealed (R-SEAL-2)', (term, item) => {
    given(...fixture, sealed('performances', '1110'))
      .when(setWorkPeriod(term, item, '2023-04-22T08:00', '2023-04-25T17:00'), ctx('2023-04-21T09:00', admin()))
      .thenError('PERIOD_SEALED', 'R-SEAL-2');
  });

  it('leaves other categories’ periods alone (R-SEAL-2)', () => {
    given(...extended, sealed('courseRecords', '1112'))
      .when(
        setWorkPeriod('1110', 'performanceUpload', '2022-08-01T08:00', '2023-07-15T17:00'),
        ctx('2023-04-22T09:00', admin()),
      )
      .thenSucceeds();
  });
});
