import { isRoundSealed, type SchoolState } from '@licheng/domain';
import { calendarOf, FIRST_YEAR } from './calendar';
import { stayingStudents } from './roster';

export interface YearPlan {
  /** The school year to run next. */
  readonly year: number;
  /** The school years the store holds classes of, in order. */
  readonly yearsRun: ReadonlyArray<number>;
  /** The store holds part of `year` (a run cut off): it is run again, each command applied once by its id. */
  readonly completing: boolean;
  /** How many students the year has: `--students`, or more if more stay on from the year before. */
  readonly students: number;
}

/**
 * Whether a year ran to its end: its students were placed and every round that has some of them was sealed at
 * its re-check deadline (R-ROUND-1, R-SEAL-1), the last thing the example does in a year. The course records of
 * term 2 are what each round seals for certain: every student has courses that term.
 */
export const isYearComplete = (school: SchoolState, year: number): boolean => {
  const calendar = calendarOf(year);
  const placed = Object.values(school.students).filter((s) => s.placements[year] !== undefined);
  return (
    placed.length > 0 &&
    calendar.rounds.every(
      (round) =>
        !placed.some((s) => round.cohorts.includes(s.entrySchoolYear)) ||
        isRoundSealed(school, 'courseRecords', calendar.term2, round.cohorts),
    )
  );
};

/**
 * Which school year a run adds, read from the school's records in the store (not from a file beside it): the first
 * year on an empty store, the year after the last one run, or the last one again if it was cut off midway.
 */
export const planYear = (school: SchoolState | undefined, studentCount: number): YearPlan => {
  const yearsRun = [...new Set(Object.values(school?.classes ?? {}).map((c) => c.schoolYear))].sort((a, b) => a - b);
  const last = yearsRun[yearsRun.length - 1];
  if (school === undefined || last === undefined)
    return { year: FIRST_YEAR, yearsRun, completing: school !== undefined, students: studentCount };
  const completing = !isYearComplete(school, last);
  const year = completing ? last : last + 1;
  const staying = year === FIRST_YEAR ? 0 : stayingStudents(school, year).length;
  return { year, yearsRun, completing, students: Math.max(studentCount, staying) };
};
