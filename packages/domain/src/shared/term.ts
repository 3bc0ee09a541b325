import * as t from 'io-ts';
import { isCalendarDate } from './lexical.fast';
import { dateOf, TaipeiInstant } from './time';

/** A ROC school year (學年度), e.g. 111 runs 2022-08-01 to 2023-07-31 (R-TIME-1). */
export interface SchoolYearBrand {
  readonly SchoolYear: unique symbol;
}
export const SchoolYear = t.brand(
  t.number,
  (n): n is t.Branded<number, SchoolYearBrand> => Number.isInteger(n) && n >= 1 && n <= 999,
  'SchoolYear',
);
export type SchoolYear = t.TypeOf<typeof SchoolYear>;

/** Semester 1 or 2, or 0 for the whole school year (R-TIME-1). */
export const Semester = t.union([t.literal(0), t.literal(1), t.literal(2)], 'Semester');
export type Semester = t.TypeOf<typeof Semester>;

/** A term (學年期) written `YYYS`, e.g. `1112`; semester 0 means the whole year (R-TIME-1). */
export interface TermBrand {
  readonly Term: unique symbol;
}
const TERM = /^[1-9]\d{1,2}[012]$/;
export const Term = t.brand(t.string, (s): s is t.Branded<string, TermBrand> => TERM.test(s), 'Term');
export type Term = t.TypeOf<typeof Term>;

export const termOf = (schoolYear: number, semester: Semester): Term => `${schoolYear}${semester}` as Term;
export const schoolYearOfTerm = (term: Term): SchoolYear => Number(term.slice(0, -1)) as SchoolYear;
export const semesterOfTerm = (term: Term): Semester => Number(term.slice(-1)) as Semester;

/** The term code for a whole school year (semester 0). */
export const yearTermOf = (term: Term): Term => termOf(schoolYearOfTerm(term), 0);

export const ROC_OFFSET = 1911;

/** R-TIME-1: the school year that contains an instant; a school year starts on 1 August. */
export const schoolYearAt = (instant: TaipeiInstant): SchoolYear => {
  const date = dateOf(instant);
  const year = Number(date.slice(0, 4));
  const monthDay = date.slice(5);
  return (monthDay >= '08-01' ? year - ROC_OFFSET : year - 1 - ROC_OFFSET) as SchoolYear;
};

/** A calendar date `YYYY-MM-DD` (Gregorian). */
export interface CalendarDateBrand {
  readonly CalendarDate: unique symbol;
}
export const CalendarDate = t.brand(
  t.string,
  (s): s is t.Branded<string, CalendarDateBrand> => isCalendarDate(s),
  'CalendarDate',
);
export type CalendarDate = t.TypeOf<typeof CalendarDate>;

/** Days from `start` to `end` counting both ends (R-PERF-4): equal dates make one day. */
export const inclusiveDays = (start: CalendarDate, end: CalendarDate): number =>
  Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000) + 1;

/** R-PERF-4: the earliest date a performance may carry, 1 July of the entry school year's first calendar year. */
export const earliestPerformanceDate = (entrySchoolYear: number): CalendarDate =>
  `${entrySchoolYear + ROC_OFFSET}-07-01` as CalendarDate;
