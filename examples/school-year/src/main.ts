import * as E from 'fp-ts/Either';
import { createCachingLoader, createLichengService, InMemoryEventStore, type EventStore } from '@licheng/eventstore';
import { connectEventStoreDb, redactConnectionString } from '@licheng/eventstore-esdb';
import { connectPostgres, openPglite } from '@licheng/eventstore-postgres';
import { createProjectionRunner, inMemoryViewStore, reportsProjection } from '@licheng/projections';
import { parseOptions, USAGE, type Options } from './cli';
import { renderReports } from './summary';
import { countEvents, prepareOutputs, writeLog, writeReports, type Outputs, type ReportFiles } from './output';
import { planYear, type YearPlan } from './plan';
import { SCHOOL_ID } from './school';
import { demoSealKey } from './sealKey';
import { simulateSchoolYear, type YearOptions, type YearResult } from './simulate';

const progress = (phase: string, commands: number) => {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K  ${phase} … ${commands} commands`);
  else if (commands % 2000 === 0) process.stderr.write(`  ${phase} … ${commands} commands\n`);
};

/** A store the run opened, with how to close it and its name as the run prints it. */
interface OpenedStore {
  readonly store: EventStore;
  readonly dispose: () => Promise<void>;
  readonly name: string;
}

/** The in-memory store, PGlite in a directory, or the server a connection string names; `dispose` closes it. */
const openStore = async (options: Options): Promise<OpenedStore> => {
  if (options.data !== undefined) return { ...(await openPglite(options.data)), name: `PGlite in ${options.data}` };
  if (options.store === undefined)
    return { store: new InMemoryEventStore(), dispose: async () => undefined, name: 'in-memory store' };
  // Printed without the credentials a connection string may hold.
  if (/^(esdb|kurrentdb|kurrent|kdb)(\+discover)?:/i.test(options.store))
    return { ...connectEventStoreDb(options.store), name: `KurrentDB at ${redactConnectionString(options.store)}` };
  return { ...(await connectPostgres(options.store)), name: `PostgreSQL at ${new URL(options.store).host}` };
};

export const main = async (options: Options): Promise<number> => {
  const run = await runOnStore(await openStore(options), options);
  if (run === 'failed') return 1;
  if (options.out && run) console.log(`\n${await writeReports(options.out, run)}`);
  return 0;
};

/**
 * Everything that reads the store: the year, the report and, with `--out`, the event log. The store is closed when
 * this returns, and nothing after it holds the store: the report files are written without it, so that an in-memory
 * store (about 500 MB of live heap at 5,000 students) is garbage while the workbooks are built (issue #18 item 4). A
 * function still running with the store as a parameter or a local would keep it to the end of the run.
 */
const runOnStore = async (
  { store, dispose, name }: OpenedStore,
  options: Options,
): Promise<ReportFiles | undefined | 'failed'> => {
  try {
    const resumed = await resume(store, name, options);
    return await runYear(store, name, options, resumed);
  } finally {
    await dispose();
  }
};

/**
 * A durable store may hold earlier runs: the school's records in it say which school years they ran, and this run
 * adds the next (R-TIME-1). A year cut off midway is run again instead: its commands have the same ids, so what
 * was applied is not applied twice.
 */
const resume = async (
  store: EventStore,
  name: string,
  options: Options,
): Promise<{ plan: YearPlan; events: number }> => {
  if ((await store.readAll({ maxCount: 1 })).length === 0)
    return { plan: planYear(undefined, options.students), events: 0 };
  const school = await createLichengService({ store }).loadSchool(SCHOOL_ID);
  const plan = planYear(E.isRight(school) ? school.right : undefined, options.students);
  const events = await countEvents(store);
  const years = plan.yearsRun.join(', ');
  console.log(
    plan.completing
      ? `resumed: ${name} already holds ${events} events of an earlier run that school year ${plan.year} was cut off ` +
          `in; it is run again, and what it applied is not applied again`
      : `resumed: ${name} already holds ${events} events of school year${plan.yearsRun.length > 1 ? 's' : ''} ` +
          `${years}; this run adds school year ${plan.year}`,
  );
  return { plan, events };
};

/**
 * The service and its state cache live only while the year is simulated: at 5,000 students the cache holds about
 * 140 MB of folded states that the rebuild and the outputs do not need (issue #18 item 4).
 */
const simulate = (store: EventStore, options: YearOptions) =>
  simulateSchoolYear(createLichengService({ store, load: createCachingLoader(store) }), options);

const runYear = async (
  store: EventStore,
  storeName: string,
  options: Options,
  { plan, events: before }: { plan: YearPlan; events: number },
): Promise<ReportFiles | undefined | 'failed'> => {
  console.log(
    `學習歷程 licheng — school year ${plan.year} of one school: ${plan.students} students, seed ${options.seed}, ` +
      `${storeName}`,
  );
  const started = Date.now();
  // The deadline runner signs every seal (docs/audit.md); here with a demonstration key derived from the seed.
  const seal = demoSealKey(options.seed);
  const year = await simulate(store, { ...options, year: plan.year, sealKey: seal.key, onProgress: progress });
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  const outputs = await report(store, options, year, before, started);
  if (outputs === 'failed') return 'failed';
  if (!options.out || !outputs) return undefined;
  // The log is written first, while the store is open; the rest is written from `outputs` alone.
  const events = await writeLog(options.out, store);
  return { outputs, events, sealPublicPem: seal.publicPem };
};

/**
 * Rebuilds the reports view, prints the report and, with `--out`, takes what the files need from the view. The view
 * lives only in here: while the files are written it is garbage (issue #18 item 4).
 */
const report = async (
  store: EventStore,
  options: Options,
  year: YearResult,
  before: number,
  started: number,
): Promise<Outputs | undefined | 'failed'> => {
  const runner = createProjectionRunner(store, reportsProjection, inMemoryViewStore());
  const rebuilt = await runner.rebuild();
  if (E.isLeft(rebuilt)) {
    console.error(rebuilt.left.message.en);
    return 'failed';
  }
  const events = await countEvents(store);
  const stored = before === 0 ? `${events} events stored` : `${events - before} events added, ${events} stored`;
  console.log(`${year.commands} commands, ${stored} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  console.log(renderReports(rebuilt.right.view, year));
  return options.out ? prepareOutputs(store, rebuilt.right.view, year) : undefined;
};

const run = async () => {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  return main(options);
};

if (require.main === module) {
  run().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
