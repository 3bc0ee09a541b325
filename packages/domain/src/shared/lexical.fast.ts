import { daysInMonth } from './lexical';

/**
 * The brand predicates' checks, character by character: every stored event runs through them on each replay,
 * so they read characters in place instead of allocating match arrays or substrings. Each one means exactly
 * its namesake in `lexical.ts` (the definition); `lexical.test.ts` holds them equal.
 */

const ZERO = 48;
const NINE = 57;
const LOWER_A = 97;
const LOWER_F = 102;

/** The `count` ASCII digits of `s` from `start` as a number, or -1 if any of them is not a digit. */
const digitsAt = (s: string, start: number, count: number): number => {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const c = s.charCodeAt(i);
    if (c < ZERO || c > NINE) return -1;
    n = n * 10 + (c - ZERO);
  }
  return n;
};

/** Indexed by UTF-16 code unit (all 65,536 of them, so no bounds check): 1 for 0-9 and a-f. */
const LOWER_HEX = new Uint8Array(65_536);
for (let c = ZERO; c <= NINE; c++) LOWER_HEX[c] = 1;
for (let c = LOWER_A; c <= LOWER_F; c++) LOWER_HEX[c] = 1;

/** `isLowerHex`: a table lookup per character. */
export const isLowerHex = (s: string, length: number): boolean => {
  if (s.length !== length) return false;
  for (let i = 0; i < length; i++) if (LOWER_HEX[s.charCodeAt(i)] === 0) return false;
  return true;
};

/** `YYYY-MM-DD` from `start`, a real Gregorian date. */
const isCalendarDateAt = (s: string, start: number): boolean => {
  if (s.charCodeAt(start + 4) !== 45 || s.charCodeAt(start + 7) !== 45) return false;
  const year = digitsAt(s, start, 4);
  const month = digitsAt(s, start + 5, 2);
  const day = digitsAt(s, start + 8, 2);
  return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
};

const NON_SPACE = /\S/;

/** `isCalendarDate`. */
export const isCalendarDate = (s: string): boolean => s.length === 10 && isCalendarDateAt(s, 0);

const OFFSET = '+08:00';

/** `isTaipeiMinute`: `YYYY-MM-DDTHH:mm+08:00`, separators read as character codes. */
export const isTaipeiMinute = (s: string): boolean => {
  if (s.length !== 22 || s.charCodeAt(10) !== 84 /* T */ || s.charCodeAt(13) !== 58 /* : */ || !s.endsWith(OFFSET))
    return false;
  const hour = digitsAt(s, 11, 2);
  const minute = digitsAt(s, 14, 2);
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && isCalendarDateAt(s, 0);
};

/**
 * `isTextWithin`: at least one character that `String#trim` keeps (`\s` is exactly what trim removes) and at most `max`
 * code
 * points; a string of at most `max` UTF-16 units cannot hold more code points than that, so only longer
 * ones are counted.
 */
export const isTextWithin = (s: string, max: number): boolean => {
  if (!NON_SPACE.test(s)) return false;
  if (s.length <= max) return true;
  let points = 0;
  for (const _ of s) if (++points > max) return false;
  return true;
};
