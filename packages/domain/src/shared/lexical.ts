/**
 * The lexical forms the brands accept, written plainly: a pattern and the calendar. These are the
 * definitions; the brand predicates run `lexical.fast.ts`, which reads characters in place instead, and
 * `lexical.test.ts` holds the two equal on every input it draws.
 */

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days in `month` (1–12) of a proleptic Gregorian `year`. */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 && isLeapYear(year) ? 29 : DAYS[month - 1]!;

const isRealDate = (year: number, month: number, day: number): boolean =>
  month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD`, a real Gregorian date. */
export const isCalendarDate = (s: string): boolean => {
  const match = DATE.exec(s);
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
};

const TAIPEI_MINUTE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})\+08:00$/;

/** `YYYY-MM-DDTHH:mm+08:00`: a real date, hours 00–23, minutes 00–59, and nothing else (R-TIME-2). */
export const isTaipeiMinute = (s: string): boolean => {
  const match = TAIPEI_MINUTE.exec(s);
  if (match === null) return false;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  return isRealDate(year, month, day) && hour <= 23 && minute <= 59;
};

/** Exactly `length` lowercase hexadecimal digits (how SHA-256 digests are written). */
export const isLowerHex = (s: string, length: number): boolean => s.length === length && /^[0-9a-f]*$/.test(s);

/** Something left once trimmed, and at most `max` code points. */
export const isTextWithin = (s: string, max: number): boolean => s.trim().length > 0 && [...s].length <= max;
