import * as E from 'fp-ts/Either';
import type { LichengService, SealKey } from '@licheng/eventstore';
import type { DeadlineReport } from '@licheng/workflows';
import { calendarOf, FIRST_YEAR } from './calendar';
import { createDriver, type Tally } from './driver';
import { runOutcomeSemester } from './outcomes';
import { runPerformances } from './performances';
import { seededRandom } from './random';
import { runRound } from './receipts';
import { SCHOOL_ID, setUpSchool, type SchoolSetup } from './school';
import { runSelection } from './selection';

export interface YearOptions {
  readonly students: number;
  readonly seed: number;
  /**
   * The school year to simulate (R-TIME-1), 111 when absent. A later year continues the school as the store
   * holds it: the year before must have been run on the same store.
   */
  readonly year?: number;
  /** Called with a phase name and the number of commands sent so far. */
  readonly onProgress?: (phase: string, commands: number) => void;
  /** The deadline runner's key: seals are signed with it (docs/audit.md). */
  readonly sealKey?: SealKey;
}

export interface YearResult {
  readonly setup: SchoolSetup;
  readonly tally: Tally;
  readonly commands: number;
  readonly deadlines: DeadlineReport;
  /** R-ROUND-1: the deadline runner's work in each round, seniors first. */
  readonly rounds: ReadonlyArray<{
    readonly name: string;
    readonly cohorts: ReadonlyArray<number>;
    readonly deadlines: DeadlineReport;
  }>;
}

/** The seed of a year's draws: the seed itself in the first year, so that year's log is what it always was. */
const yearSeed = (seed: number, year: number): number => seed ^ Math.imul(year - FIRST_YEAR, 0x9e3779b1);

/** A whole school year of one school, in time order; the same seed, size and store give the same event log. */
export const simulateSchoolYear = async (service: LichengService, options: YearOptions): Promise<YearResult> => {
  const calendar = calendarOf(options.year ?? FIRST_YEAR);
  let earlier;
  if (calendar.year !== FIRST_YEAR) {
    const school = await service.loadSchool(SCHOOL_ID);
    if (E.isLeft(school)) throw new Error(school.left.message.en);
    if (!Object.values(school.right.classes).some((c) => c.schoolYear === calendar.year - 1))
      throw new Error(`school year ${calendar.year} continues ${calendar.year - 1}, which this store does not hold`);
    earlier = school.right;
  }
  let phase = '學校設定 school set-up';
  const driver = createDriver(service, (count) => options.onProgress?.(phase, count), calendar.scoped);
  const random = seededRandom(yearSeed(options.seed, calendar.year));
  const step = (name: string) => {
    phase = name;
    options.onProgress?.(phase, driver.count());
  };
  const setup = await setUpSchool(driver, random, options.students, calendar, earlier);
  step('第一學期上傳與認證 semester 1 outcomes');
  await runOutcomeSemester(driver, random, setup, 1);
  // Each phase runs for every student before the next, so phases follow one another in time (R-TIME-4):
  // performances are recorded in the winter break, between the two semesters' outcomes.
  step('多元表現 performances');
  await runPerformances(driver, random, setup);
  step('第二學期上傳與認證 semester 2 outcomes');
  await runOutcomeSemester(driver, random, setup, 2);
  step('勾選 selection');
  await runSelection(driver, random, setup, service);
  const rounds: { name: string; cohorts: ReadonlyArray<number>; deadlines: DeadlineReport }[] = [];
  for (const round of calendar.rounds) {
    step(`提交與收訖確認 submission and receipts: ${round.name}`);
    rounds.push({
      name: round.name,
      cohorts: round.cohorts,
      deadlines: await runRound(driver, random, setup, service, round, options.sealKey),
    });
  }
  step('完成 done');
  const deadlines = rounds.reduce<DeadlineReport>(
    (a, { deadlines: b }) => ({
      deemed: a.deemed + b.deemed,
      sealed: a.sealed + b.sealed,
      alreadyDone: a.alreadyDone + b.alreadyDone,
      refused: [...a.refused, ...b.refused],
    }),
    { deemed: 0, sealed: 0, alreadyDone: 0, refused: [] },
  );
  return { setup, tally: driver.tally, commands: driver.count(), deadlines, rounds };
};
