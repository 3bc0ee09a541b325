import * as E from 'fp-ts/Either';
import { createCachingLoader, createLichengService, InMemoryEventStore, type EventStore } from '@licheng/eventstore';
import { connectEventStoreDb } from '@licheng/eventstore-esdb';
import { createProjectionRunner, inMemoryViewStore, reportsProjection } from '@licheng/projections';
import { parseOptions, USAGE, type Options } from './cli';
import { renderReports } from './summary';
import { writeOutputs } from './output';
import { simulateSchoolYear } from './simulate';

const progress = (phase: string, commands: number) => {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K  ${phase} … ${commands} commands`);
  else if (commands % 2000 === 0) process.stderr.write(`  ${phase} … ${commands} commands\n`);
};

/** The in-memory store, or EventStoreDB when a connection string is given; `dispose` closes the client. */
const openStore = (options: Options): { store: EventStore; dispose: () => Promise<void>; name: string } =>
  options.store === undefined
    ? { store: new InMemoryEventStore(), dispose: async () => undefined, name: 'in-memory store' }
    : { ...connectEventStoreDb(options.store), name: `EventStoreDB at ${options.store}` };

export const main = async (options: Options): Promise<number> => {
  const { store, dispose, name } = openStore(options);
  try {
    return await runYear(store, name, options);
  } finally {
    await dispose();
  }
};

const runYear = async (store: EventStore, storeName: string, options: Options): Promise<number> => {
  const service = createLichengService({ store, load: createCachingLoader(store) });
  console.log(`學習歷程 licheng — school year 111 of one school: ${options.students} students, seed ${options.seed}, ${storeName}`);
  const started = Date.now();
  const year = await simulateSchoolYear(service, { ...options, onProgress: progress });
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  const runner = createProjectionRunner(store, reportsProjection, inMemoryViewStore());
  const rebuilt = await runner.rebuild();
  if (E.isLeft(rebuilt)) {
    console.error(rebuilt.left.message.en);
    return 1;
  }
  const events = (await store.readAll()).length;
  console.log(`${year.commands} commands, ${events} events stored in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  console.log(renderReports(rebuilt.right.view, year));
  if (options.out) console.log(`\n${await writeOutputs(options.out, store, rebuilt.right.view, year)}`);
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
