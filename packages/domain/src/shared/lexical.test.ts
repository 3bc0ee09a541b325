import fc from 'fast-check';
import { CalendarDate } from './term';
import { TaipeiInstant } from './time';
import { NonEmptyText, Sha256Hex } from './primitives';
import { daysInMonth, isLowerHex, isTextWithin } from './lexical';

// The plain formulations the character-level checks replace; the predicates must agree with them everywhere.
const gregorianDays = (year: number, month: number): number => {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, takes years 0–99 as written instead of as 1900–1999.
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
};
const plainInstant = (s: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})\+08:00$/.exec(s);
  if (m === null) return false;
  const [y, mo, d, hh, mm] = m.slice(1).map(Number) as [number, number, number, number, number];
  return mo >= 1 && mo <= 12 && d >= 1 && hh <= 23 && mm <= 59 && d <= gregorianDays(y, mo);
};
const plainDate = (s: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m === null) return false;
  const [y, mo, d] = m.slice(1).map(Number) as [number, number, number];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= gregorianDays(y, mo);
};
const plainText = (s: string): boolean => s.trim().length > 0 && [...s].length <= 200;

const digit = fc.constantFrom(...'0123456789');
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((ds) => ds.join(''));
/** Strings near the shape, so that most of them reach the calendar check: digits, separators, a few wrong characters. */
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

describe('character-level brand checks', () => {
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
      fc.property(texts, (s) => NonEmptyText.is(s) === plainText(s) && isTextWithin(s, 200) === plainText(s)),
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
        (s) => Sha256Hex.is(s) === /^[0-9a-f]{64}$/.test(s) && isLowerHex(s, 64) === Sha256Hex.is(s),
      ),
      { numRuns: 20_000 },
    );
  });
});
