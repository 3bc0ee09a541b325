import * as E from 'fp-ts/Either';
import { createCachingLoader, createLichengService, InMemoryEventStore, type EventStore } from '@licheng/eventstore';
import { connectEventStoreDb, redactConnectionString } from '@licheng/eventstore-esdb';
import { connectPostgres, openPglite } from '@licheng/eventstore-postgres';
import { createProjectionRunner, inMemoryViewStore, reportsProjection } from '@licheng/projections';
import { parseOptions, USAGE, type Options } from './cli';
import { renderReports } from './summary';
import { countEvents, writeOutputs } from './output';
import { demoSealKey } from './sealKey';
import { simulateSchoolYear, type YearOptions } from './simulate';

const progress = (phase: string, commands: number) => {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K  ${phase} … ${commands} commands`);
  else if (commands % 2000 === 0) process.stderr.write(`  ${phase} … ${commands} commands\n`);
};

/** The in-memory store, PGlite in a directory, or the server a connection string names; `dispose` closes it. */
const openStore = async (
  options: Options,
): Promise<{ store: EventStore; dispose: () => Promise<void>; name: string }> => {
  if (options.data !== undefined) return { ...(await openPglite(options.data)), name: `PGlite in ${options.data}` };
  if (options.store === undefined)
    return { store: new InMemoryEventStore(), dispose: async () => undefined, name: 'in-memory store' };
  // Printed without the credentials a connection string may hold.
  if (/^(esdb|kurrentdb|kurrent|kdb)(\+discover)?:/i.test(options.store))
    return { ...connectEventStoreDb(options.store), name: `KurrentDB at ${redactConnectionString(options.store)}` };
  return { ...(await connectPostgres(options.store)), name: `PostgreSQL at ${new URL(options.store).host}` };
};

export const main = async (options: Options): Promise<number> => {
  const { store, dispose, name } = await openStore(options);
  try {
    // A durable store may hold an earlier run: its commands have the same ids, so they are not applied twice.
    const earlier = (await store.readAll({ maxCount: 1 })).length > 0;
    if (earlier)
      console.log(
        `resumed: ${name} already holds ${await countEvents(store)} events of an earlier run; what it applied is not applied again`,
      );
    return await runYear(store, name, options);
  } finally {
    await dispose();
  }
};

/**
 * The service and its state cache live only while the year is simulated: at 5,000 students the cache holds about
 * 140 MB of folded states that the rebuild and the outputs do not need (issue #18 item 4).
 */
const simulate = (store: EventStore, options: YearOptions) =>
  simulateSchoolYear(createLichengService({ store, load: createCachingLoader(store) }), options);

const runYear = async (store: EventStore, storeName: string, options: Options): Promise<number> => {
  console.log(
    `學習歷程 licheng — school year 111 of one school: ${options.students} students, seed ${options.seed}, ${storeName}`,
  );
  const started = Date.now();
  // The deadline runner signs every seal (docs/audit.md); here with a demonstration key derived from the seed.
  const seal = demoSealKey(options.seed);
  const year = await simulate(store, { ...options, sealKey: seal.key, onProgress: progress });
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  const runner = createProjectionRunner(store, reportsProjection, inMemoryViewStore());
  const rebuilt = await runner.rebuild();
  if (E.isLeft(rebuilt)) {
    console.error(rebuilt.left.message.en);
    return 1;
  }
  const events = await countEvents(store);
  console.log(
    `${year.commands} commands, ${events} events stored in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  console.log(renderReports(rebuilt.right.view, year));
  if (options.out) console.log(`\n${await writeOutputs(options.out, store, rebuilt.right.view, year, seal.publicPem)}`);
  return 0;
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
