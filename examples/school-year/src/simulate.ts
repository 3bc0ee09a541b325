import type { LichengService, SealKey } from '@licheng/eventstore';
import type { DeadlineReport } from '@licheng/workflows';
import { createDriver, type Tally } from './driver';
import { runOutcomeSemester } from './outcomes';
import { runPerformances } from './performances';
import { seededRandom } from './random';
import { runReceipts } from './receipts';
import { setUpSchool, type SchoolSetup } from './school';
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
  step('第二學期上傳與認證 semester 2 outcomes');
  await runOutcomeSemester(driver, random, setup, '1112');
  step('多元表現 performances');
  await runPerformances(driver, random, setup);
  step('勾選 selection');
  await runSelection(driver, random, setup, service);
  step('提交與收訖確認 submission and receipts');
  const deadlines = await runReceipts(driver, random, setup, service, options.sealKey);
  step('完成 done');
  return { setup, tally: driver.tally, commands: driver.count(), deadlines };
};
