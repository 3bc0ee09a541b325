import fc from 'fast-check';
import { CalendarDate } from './term';
import { TaipeiInstant } from './time';
import { NonEmptyText, Sha256Hex } from './primitives';
import * as readable from './lexical';
import * as fast from './lexical.fast';
import { loneSurrogateAt } from './plain';

const { daysInMonth } = readable;

// The calendar as JavaScript's Date counts it: the readable definitions must agree with it everywhere.
const gregorianDays = (year: number, month: number): number => {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, takes years 0–99 as written instead of as 1900–1999.
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
};
// What the brands check is the readable definition and nothing else; the fast twin answers the same.
const plainInstant = (s: string): boolean => {
  const answer = readable.isTaipeiMinute(s);
  expect(fast.isTaipeiMinute(s)).toBe(answer);
  return answer;
};
const plainDate = (s: string): boolean => {
  const answer = readable.isCalendarDate(s);
  expect(fast.isCalendarDate(s)).toBe(answer);
  return answer;
};
const plainText = (s: string): boolean => {
  const answer = readable.isTextWithin(s, 200);
  expect(fast.isTextWithin(s, 200)).toBe(answer);
  return answer;
};

const digit = fc.constantFrom(...'0123456789');
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((ds) => ds.join(''));
/**
 * Strings near the shape, so that most of them reach the calendar check: digits, separators, a few wrong characters.
 */
const nearly = (template: string) =>
  fc
    .tuple(
      ...[...template].map((c) =>
        c === 'D'
          ? fc.oneof({ weight: 9, arbitrary: digit }, { weight: 1, arbitrary: fc.constantFrom('a', '/', ' ', '٣') })
          : fc.oneof(
              { weight: 9, arbitrary: fc.constant(c) },
              { weight: 1, arbitrary: fc.constantFrom('-', 'T', ':', '+', 'x') },
            ),
      ),
    )
    .map((cs) => cs.join(''));

describe('the brand checks, readable and character by character', () => {
  it('counts the days of every month of 2,400 years as the Gregorian calendar does, leap days included', () => {
    for (let year = 0; year <= 2400; year++)
      for (let month = 1; month <= 12; month++) expect(daysInMonth(year, month)).toBe(gregorianDays(year, month));
  });

  it('accepts exactly the Taipei minute instants the plain pattern and calendar accept (R-TIME-2)', () => {
    fc.assert(
      fc.property(
        fc.oneof(nearly('DDDD-DD-DDTDD:DD+08:00'), fc.string()),
        (s) => TaipeiInstant.is(s) === plainInstant(s),
      ),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(
        fc.tuple(digits(4), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })),
        ([y, m, d]) => {
          const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T23:59+08:00`;
          return TaipeiInstant.is(s) === plainInstant(s);
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('accepts exactly the calendar dates the plain pattern and calendar accept', () => {
    fc.assert(
      fc.property(fc.oneof(nearly('DDDD-DD-DD'), fc.string()), (s) => CalendarDate.is(s) === plainDate(s)),
      { numRuns: 20_000 },
    );
  });

  it('accepts as text exactly what trims to something and has at most 200 code points', () => {
    const spaces = fc.constantFrom(' ', '\t', '\n', '\u3000', '\u00a0', '\ufeff', '\u2028', '\u200b', 'a', '學');
    const texts = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 260 }),
      fc.array(spaces, { maxLength: 8 }).map((cs) => cs.join('')),
      fc.string({ unit: 'binary', minLength: 150, maxLength: 420 }),
    );
    fc.assert(
      fc.property(texts, (s) => NonEmptyText.is(s) === plainText(s)),
      { numRuns: 20_000 },
    );
    expect(NonEmptyText.is('😀'.repeat(200))).toBe(true);
    expect(NonEmptyText.is('😀'.repeat(201))).toBe(false);
  });

  it('accepts as a SHA-256 digest exactly 64 lowercase hexadecimal digits', () => {
    const hex = fc
      .array(fc.constantFrom(...'0123456789abcdefABG'), { minLength: 62, maxLength: 66 })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(
        fc.oneof(hex, fc.string()),
        (s) =>
          Sha256Hex.is(s) === readable.isLowerHex(s, 64) &&
          fast.isLowerHex(s, 64) === readable.isLowerHex(s, 64) &&
          readable.isLowerHex(s, 64) === /^[0-9a-f]{64}$/.test(s),
      ),
      { numRuns: 20_000 },
    );
  });

  it('finds the first lone surrogate exactly where a walk over the UTF-16 units finds it', () => {
    // The walk by the definition: a high half followed by a low half is a pair; any other half is alone.
    const byUnits = (s: string): number => {
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c < 0xd800 || c > 0xdfff) continue;
        const next = s.charCodeAt(i + 1);
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
        else return i;
      }
      return -1;
    };
    const unit = fc.constantFrom('a', '學', '\ud83d', '\ude00', '\udbff', '\udc00', '😀');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(unit, { maxLength: 12 }).map((us) => us.join('')),
          fc.string({ unit: 'binary' }),
        ),
        (s) => expect(loneSurrogateAt(s)).toBe(byUnits(s)),
      ),
      { numRuns: 20_000 },
    );
  });
});
