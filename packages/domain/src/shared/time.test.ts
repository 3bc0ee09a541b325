import {
  dateOf,
  epochMillisOf,
  isWithin,
  liesWithin,
  TaipeiInstant,
  taipeiInstant,
  taipeiInstantOf,
  Window,
} from './time';

const w = (start: string, end: string): Window => ({ start: taipeiInstant(start), end: taipeiInstant(end) });

describe('Taipei instants (R-TIME-2)', () => {
  it('accepts a minute written with the +08:00 offset', () => {
    expect(TaipeiInstant.is('2023-04-18T10:30+08:00')).toBe(true);
  });

  it.each([
    ['2023-02-29T08:00+08:00', 'a 29 February in a common year'],
    ['2023-04-31T08:00+08:00', 'a 31st in a 30-day month'],
    ['2023-13-01T08:00+08:00', 'month 13'],
    ['2023-00-10T08:00+08:00', 'month 0'],
    ['2023-04-00T08:00+08:00', 'day 0'],
    ['2023-04-18T24:00+08:00', 'hour 24 (24時 is written as 00:00 of the next day)'],
    ['2023-04-18T10:60+08:00', 'minute 60'],
    ['2023-04-18T10:30Z', 'a UTC instant'],
    ['2023-04-18T10:30+09:00', 'another offset'],
    ['2023-04-18T10:30:00+08:00', 'seconds (windows are stored to the minute)'],
    ['2023-04-18 10:30+08:00', 'a space instead of T'],
  ])('rejects %s (%s)', (text) => {
    expect(TaipeiInstant.is(text)).toBe(false);
  });

  it('accepts 29 February in a leap year and rejects it in a common year', () => {
    expect(TaipeiInstant.is('2024-02-29T00:00+08:00')).toBe(true);
    expect(() => taipeiInstant('2023-02-29T00:00')).toThrow(/not a Taipei minute instant/);
  });

  it('builds an instant from wall-clock text, adding the Taipei offset', () => {
    expect(taipeiInstant('2023-04-20T08:00')).toBe('2023-04-20T08:00+08:00');
    expect(taipeiInstant('2023-04-20T08:00+08:00')).toBe('2023-04-20T08:00+08:00');
  });

  it('converts a UTC Date to the Taipei minute that contains it, across the date line (R-TIME-2)', () => {
    expect(taipeiInstantOf(new Date('2023-07-31T16:00:00Z'))).toBe('2023-08-01T00:00+08:00');
    expect(taipeiInstantOf(new Date('2023-07-31T15:59:59.999Z'))).toBe('2023-07-31T23:59+08:00');
    expect(taipeiInstantOf(new Date('2022-12-31T16:30:00Z'))).toBe('2023-01-01T00:30+08:00');
  });

  it('refuses an invalid Date instead of returning a malformed instant (R-TIME-2)', () => {
    expect(() => taipeiInstantOf(new Date('2023-02-30T25:00:00Z'))).toThrow();
  });

  it('always returns an instant its own codec accepts', () => {
    for (const ms of [0, Date.UTC(2022, 7, 1), Date.UTC(2023, 6, 31, 15, 59, 59), Date.UTC(2024, 1, 28, 16, 0)]) {
      expect(TaipeiInstant.is(taipeiInstantOf(new Date(ms)))).toBe(true);
    }
  });

  it('drops seconds when converting a Date', () => {
    expect(taipeiInstantOf(new Date('2023-04-18T02:29:59Z'))).toBe('2023-04-18T10:29+08:00');
  });

  it('converts the same moment the same way whatever zone the Date was written in', () => {
    expect(taipeiInstantOf(new Date('2023-04-18T10:30:00+08:00'))).toBe('2023-04-18T10:30+08:00');
    expect(taipeiInstantOf(new Date('2023-04-18T04:30:00+02:00'))).toBe('2023-04-18T10:30+08:00');
  });

  it('round-trips through epoch milliseconds', () => {
    const instant = taipeiInstant('2023-04-18T10:30');
    expect(epochMillisOf(instant)).toBe(Date.UTC(2023, 3, 18, 2, 30));
    expect(taipeiInstantOf(new Date(epochMillisOf(instant)))).toBe(instant);
  });

  it('has no daylight saving: every month is exactly 8 hours ahead of UTC', () => {
    for (let month = 0; month < 12; month++) {
      const date = new Date(Date.UTC(2023, month, 15, 4, 0));
      expect(taipeiInstantOf(date).slice(11, 16)).toBe('12:00');
    }
  });

  it('gives the Taipei calendar date of an instant', () => {
    expect(dateOf(taipeiInstant('2023-08-01T00:00'))).toBe('2023-08-01');
  });
});

describe('half-open windows (R-TIME-2)', () => {
  // Seed 000: confirmation 2023-04-14 08:00 until 2023-04-18 10:30.
  const confirmation = w('2023-04-14T08:00', '2023-04-18T10:30');

  it('is open at 08:00 exactly, the start', () => {
    expect(isWithin(confirmation, taipeiInstant('2023-04-14T08:00'))).toBe(true);
  });

  it('is closed one minute before the start', () => {
    expect(isWithin(confirmation, taipeiInstant('2023-04-14T07:59'))).toBe(false);
  });

  it('is open at 10:29, the last minute', () => {
    expect(isWithin(confirmation, taipeiInstant('2023-04-18T10:29'))).toBe(true);
  });

  it('is closed at 10:30 exactly, the end', () => {
    expect(isWithin(confirmation, taipeiInstant('2023-04-18T10:30'))).toBe(false);
  });

  it('reads an hour-only end 24時 as 00:00 of the next day', () => {
    const untilMidnight = w('2023-04-14T08:00', '2023-04-19T00:00');
    expect(isWithin(untilMidnight, taipeiInstant('2023-04-18T23:59'))).toBe(true);
    expect(isWithin(untilMidnight, taipeiInstant('2023-04-19T00:00'))).toBe(false);
  });

  it('compares across months and years in time order', () => {
    const window = w('2022-12-31T23:00', '2023-01-01T01:00');
    expect(isWithin(window, taipeiInstant('2023-01-01T00:30'))).toBe(true);
    expect(isWithin(window, taipeiInstant('2022-12-31T22:59'))).toBe(false);
  });

  it('lets a window lie within another that ends at the same instant, but not one that ends later', () => {
    const outer = w('2022-08-01T00:00', '2023-10-31T00:00');
    expect(liesWithin(w('2022-08-01T00:00', '2023-10-31T00:00'), outer)).toBe(true);
    expect(liesWithin(w('2022-09-01T00:00', '2023-10-31T00:01'), outer)).toBe(false);
    expect(liesWithin(w('2022-07-31T23:59', '2023-01-01T00:00'), outer)).toBe(false);
  });
});
