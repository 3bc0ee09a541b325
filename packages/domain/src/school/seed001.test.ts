import * as E from 'fp-ts/Either';
import { SCHOOL_COMMAND_DATA, schoolDecider, type SchoolCommand } from '@licheng/domain';
import { decodeWith } from '@licheng/domain/internal';
import { admin, at, schoolEvent, specify } from '../testing';

/**
 * Seed 001 (輔導室 2021年11月), 高二及高三適用: term 1092's receipt confirmation runs in November 2021 —
 * 「系統開放確認時間至11/15(一)早上8時截止」 — after school year 109's operating periods (003 3.7:
 * 2020/08/01 ~ 2021/10/31) have ended. Only the city's four operating work items (003 3.7: upload, teacher
 * certification, the two selections) must lie inside them (R-WIN-1, R-WIN-2).
 */
const given = specify(schoolDecider);
const school109 = [
  schoolEvent('SchoolRegistered', { schoolId: 'sch1', name: '臺北市立測試高中' }),
  schoolEvent('OperatingPeriodSet', {
    schoolYear: 109,
    item: 'outcomes',
    window: { start: '2020-08-01T00:00+08:00', end: '2021-10-31T00:00+08:00' },
  }),
  schoolEvent('OperatingPeriodSet', {
    schoolYear: 109,
    item: 'performances',
    window: { start: '2020-08-01T00:00+08:00', end: '2021-10-31T00:00+08:00' },
  }),
];
const setWorkPeriod = (term: string, item: string, start: string, end: string): SchoolCommand => {
  const data = decodeWith(
    SCHOOL_COMMAND_DATA.SetWorkPeriod,
    'SetWorkPeriod',
  )({ schoolId: 'sch1', term, item, window: { start: `${start}+08:00`, end: `${end}+08:00` } });
  if (E.isLeft(data)) throw new Error(data.left.message.en);
  return { type: 'SetWorkPeriod', data: data.right } as SchoolCommand;
};
const BEFORE = { now: at('2021-11-01T09:00'), actor: admin() };

describe("seed 001's November 2021 round for term 1092 (R-WIN-1, R-WIN-2)", () => {
  it.each([
    ['course records submission', 'courseRecordsSubmission', '2021-11-02T08:00', '2021-11-05T17:00'],
    [
      'course records confirmation, until 11/15 08:00',
      'courseRecordsConfirmation',
      '2021-11-08T08:00',
      '2021-11-15T08:00',
    ],
    [
      'cadre records confirmation, until 11/15 08:00',
      'cadreRecordsConfirmation',
      '2021-11-08T08:00',
      '2021-11-15T08:00',
    ],
    ['the re-check after an error report', 'cadreRecordsRecheck', '2021-11-17T08:00', '2021-11-17T17:00'],
  ])('accepts the %s after the operating period has ended (R-WIN-2)', (_what, item, start, end) => {
    given(...school109)
      .when(setWorkPeriod('1092', item, start, end), BEFORE)
      .thenSucceeds();
  });

  it('accepts the yearly confirmation of outcomes and performances after it too (R-WIN-2)', () => {
    given(...school109)
      .when(setWorkPeriod('1090', 'courseOutcomesConfirmation', '2021-11-08T08:00', '2021-11-15T08:00'), BEFORE)
      .thenSucceeds();
    given(...school109)
      .when(setWorkPeriod('1090', 'performancesConfirmation', '2021-11-08T08:00', '2021-11-15T08:00'), BEFORE)
      .thenSucceeds();
  });

  it("still keeps the city's four work items inside the operating period (R-WIN-1, R-WIN-2)", () => {
    for (const [term, item] of [
      ['1092', 'outcomeUpload'],
      ['1092', 'outcomeCertification'],
      ['1090', 'outcomeSelection'],
      ['1090', 'performanceSelection'],
    ] as const) {
      given(...school109)
        .when(setWorkPeriod(term, item, '2021-11-08T08:00', '2021-11-15T08:00'), BEFORE)
        .thenError('WORK_PERIOD_OUTSIDE_OPERATING_PERIOD', 'R-WIN-2');
    }
  });

  it(
    'accepts a performance upload window outside the operating period: seed 003 3.7 has no such item ' + '(R-WIN-2)',
    () => {
      given(...school109)
        .when(setWorkPeriod('1090', 'performanceUpload', '2020-08-01T08:00', '2021-11-30T17:00'), BEFORE)
        .thenSucceeds();
    },
  );
});
