import {
  CalendarDate,
  earliestPerformanceDate,
  inclusiveDays,
  ROC_OFFSET,
  schoolYearAt,
  schoolYearOfTerm,
  semesterOfTerm,
  Semester,
  Term,
  termOf,
  yearTermOf,
} from './term';
import { taipeiInstant, taipeiInstantOf } from './time';

const date = (s: string): CalendarDate => {
  if (!CalendarDate.is(s)) throw new Error(`not a date: ${s}`);
  return s;
};

describe('school years (R-TIME-1)', () => {
  it('puts 31 July 2023 in school year 111, the last day of it (R-TIME-1)', () => {
    expect(schoolYearAt(taipeiInstant('2023-07-31T23:59'))).toBe(111);
  });

  it('puts 1 August 2023 at midnight in school year 112, the first minute of it (R-TIME-1)', () => {
    expect(schoolYearAt(taipeiInstant('2023-08-01T00:00'))).toBe(112);
  });

  it('puts 1 August 2022 in school year 111 and 31 July 2022 in 110 (R-TIME-1)', () => {
    expect(schoolYearAt(taipeiInstant('2022-08-01T00:00'))).toBe(111);
    expect(schoolYearAt(taipeiInstant('2022-07-31T23:59'))).toBe(110);
  });

  it('keeps January to July in the school year that began the August before (R-TIME-1)', () => {
    expect(schoolYearAt(taipeiInstant('2023-01-01T00:00'))).toBe(111);
    expect(schoolYearAt(taipeiInstant('2023-02-13T08:00'))).toBe(111);
  });

  it(
    'judges a UTC Date by its Taipei date: 2023-07-31T16:00Z is already 1 August in Taipei (R-TIME-1, ' + 'R-TIME-2)',
    () => {
      expect(schoolYearAt(taipeiInstantOf(new Date('2023-07-31T16:00:00Z')))).toBe(112);
      expect(schoolYearAt(taipeiInstantOf(new Date('2023-07-31T15:59:00Z')))).toBe(111);
    },
  );

  it('adds 1911 to a ROC year to get the Gregorian year (R-TIME-1)', () => {
    expect(ROC_OFFSET).toBe(1911);
    expect(schoolYearAt(taipeiInstant('2020-08-01T00:00'))).toBe(109);
  });
});

describe('terms YYYS (R-TIME-1)', () => {
  it.each(['1111', '1112', '1110', '990', '1092'])('accepts the term %s (R-TIME-1)', (s) => {
    expect(Term.is(s)).toBe(true);
  });

  it.each(['1113', '1119', '1', '11', '0111', '11112', '111-1', ''])('rejects the term %s (R-TIME-1)', (s) => {
    expect(Term.is(s)).toBe(false);
  });

  it('writes and reads a term: year 111 semester 2 is 1112 (R-TIME-1)', () => {
    const term = termOf(111, 2);
    expect(term).toBe('1112');
    expect(schoolYearOfTerm(term)).toBe(111);
    expect(semesterOfTerm(term)).toBe(2);
  });

  it('uses semester 0 for the whole school year (R-TIME-1)', () => {
    expect(yearTermOf(termOf(111, 2))).toBe('1110');
    expect(semesterOfTerm(termOf(111, 0))).toBe(0);
  });

  it('reads three-digit and two-digit ROC years', () => {
    expect(schoolYearOfTerm(termOf(99, 1))).toBe(99);
    expect(schoolYearOfTerm(termOf(100, 1))).toBe(100);
  });

  it('allows semesters 0, 1 and 2 only', () => {
    expect([0, 1, 2].every((n) => Semester.is(n))).toBe(true);
    expect(Semester.is(3)).toBe(false);
  });
});

describe('calendar dates', () => {
  it('rejects 2023-02-29 and accepts 2024-02-29', () => {
    expect(CalendarDate.is('2023-02-29')).toBe(false);
    expect(CalendarDate.is('2024-02-29')).toBe(true);
  });

  it.each(['2023-04-31', '2023-13-01', '2023-00-01', '2023-01-00', '2023-1-01', '112/04/18'])('rejects %s', (s) => {
    expect(CalendarDate.is(s)).toBe(false);
  });

  it('counts both ends: equal dates make one day (R-PERF-4)', () => {
    expect(inclusiveDays(date('2023-04-18'), date('2023-04-18'))).toBe(1);
    expect(inclusiveDays(date('2023-04-18'), date('2023-04-19'))).toBe(2);
    expect(inclusiveDays(date('2023-02-28'), date('2023-03-01'))).toBe(2);
    expect(inclusiveDays(date('2024-02-28'), date('2024-03-01'))).toBe(3);
  });

  it('puts the earliest performance date at 1 July of the entry year (R-PERF-4)', () => {
    expect(earliestPerformanceDate(109)).toBe('2020-07-01');
  });
});
