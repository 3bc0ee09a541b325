import type { LichengService, SealKey } from '@licheng/eventstore';
import type { DeadlineReport } from '@licheng/workflows';
import { createDriver, type Tally } from './driver';
import { runOutcomeSemester } from './outcomes';
import { runPerformances } from './performances';
import { seededRandom } from './random';
import { runRound } from './receipts';
import { ROUNDS, setUpSchool, type SchoolSetup } from './school';
import { runSelection } from './selection';

export interface YearOptions {
  readonly students: number;
  readonly seed: number;
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

/** A whole school year of one school, in time order; the same seed and size give the same event log. */
export const simulateSchoolYear = async (service: LichengService, options: YearOptions): Promise<YearResult> => {
  let phase = '學校設定 school set-up';
  const driver = createDriver(service, (count) => options.onProgress?.(phase, count));
  const random = seededRandom(options.seed);
  const step = (name: string) => {
    phase = name;
    options.onProgress?.(phase, driver.count());
  };
  const setup = await setUpSchool(driver, random, options.students);
  step('第一學期上傳與認證 semester 1 outcomes');
  await runOutcomeSemester(driver, random, setup, '1111');
  // Each phase runs for every student before the next, so phases follow one another in time (R-TIME-4):
  // performances are recorded in the winter break, between the two semesters' outcomes.
  step('多元表現 performances');
  await runPerformances(driver, random, setup);
  step('第二學期上傳與認證 semester 2 outcomes');
  await runOutcomeSemester(driver, random, setup, '1112');
  step('勾選 selection');
  await runSelection(driver, random, setup, service);
  const rounds: { name: string; cohorts: ReadonlyArray<number>; deadlines: DeadlineReport }[] = [];
  for (const round of ROUNDS) {
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
