import './production';
import { connectPostgres, type PostgresEventStore, type SqlDatabase } from '@licheng/eventstore-postgres';
import { InMemoryEventStore, NO_STREAM, type NewEvent } from '@licheng/eventstore';
import { schoolStreamName } from '@licheng/domain';
import { cityLog } from './cityLog';
import { commandTargets } from './commands';
import { collectGarbage, log, median, now, percentile } from './measure';
import { lagAppender } from './pgLeg';
import { startBenchServer } from './pgServer';
import { measurePgProjectionLag, measurePgRebuild } from './pgWrites';
import { rebuildCompact, warmFileCache } from './rebuild';
import { storedEvents, storedWorkload } from './workload';

/** A view of the database that times each statement of its transactions, by the statement's first words. */
const timedStatements = (db: SqlDatabase) => {
  const times = new Map<string, number[]>();
  const note = (text: string, ms: number) => {
    const name = text.trim().split(/\s+/).slice(0, 4).join(' ');
    times.set(name, [...(times.get(name) ?? []), ms]);
  };
  const timedDb: SqlDatabase = {
    query: (text, params) => db.query(text, params),
    listen: (channel, onNotify, onLost) => db.listen(channel, onNotify, onLost),
    close: () => db.close(),
    transaction: (work) => {
      const start = now();
      return db
        .transaction((tx) =>
          work({
            query: async (text, params) => {
              const t = now();
              const result = await tx.query(text, params);
              note(text, now() - t);
              return result as never;
            },
          }),
        )
        .finally(() => note('(whole transaction)', now() - start));
    },
  };
  const report = () =>
    [...times.entries()]
      .map(
        ([name, ms]) => `${name}: n ${ms.length} median ${median(ms).toFixed(2)} p99 ${percentile(ms, 99).toFixed(2)}`,
      )
      .join('\n  ');
  return { db: timedDb, report, note };
};

/** The store, its `readAll` timed. */
const timedReads = (store: PostgresEventStore, note: (text: string, ms: number) => void): PostgresEventStore =>
  Object.create(store, {
    readAll: {
      value: async (options: Parameters<PostgresEventStore['readAll']>[0]) => {
        const t = now();
        const result = await store.readAll(options);
        note('readAll', now() - t);
        return result;
      },
    },
  }) as PostgresEventStore;

/**
 * The streams appended as their events happened (by `occurredAt`, each stream's own order kept), as a school's
 * service writes its log: each append holds one stream's consecutive events. Through a connection that does not wait
 * for the WAL flush, to load faster; the events stored are the same.
 */
const appendInTimeOrder = async (
  connectionString: string,
  memory: InMemoryEventStore,
  names: ReadonlyArray<string>,
) => {
  const all: { name: string; revision: number; event: NewEvent }[] = [];
  for (const name of names)
    (await storedEvents(memory, name)).forEach((event, revision) => all.push({ name, revision, event }));
  const at = (e: (typeof all)[number]) => (e.event.metadata as { occurredAt: string }).occurredAt;
  // Stable: events at one instant keep their stream's order.
  all.sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : 0));
  const loader = await connectPostgres(
    `${connectionString}${connectionString.includes('?') ? '&' : '?'}options=-c%20synchronous_commit%3Doff`,
  );
  try {
    for (let i = 0; i < all.length;) {
      let j = i + 1;
      while (j < all.length && all[j]!.name === all[i]!.name && all[j]!.revision === all[j - 1]!.revision + 1) j++;
      const first = all[i]!;
      const appended = await loader.store.appendToStream(
        first.name,
        all.slice(i, j).map((e) => e.event),
        first.revision === 0 ? NO_STREAM : first.revision - 1,
      );
      if (appended._tag === 'Left') throw new Error(appended.left.message.en);
      i = j;
    }
  } finally {
    await loader.dispose();
  }
};

/**
 * The read model's two figures of the PostgreSQL leg alone (`pgRebuildFileRatio`, `pgProjectionLagP99Ms`), at the
 * quick run's sizes, without Emmett or the deadlines: for working on the read model. `--commands N` appends N
 * commands' events (one per student in turn, as the leg's commands leave them) before the rebuilds. `--time-ordered`
 * appends the log in the order its events happened, as a school writes it, rather than stream after stream;
 * `--per-write 1` writes each page of the rebuild apart (the read model's `eventsPerWrite`; `1,50000` alternates).
 * `node packages/bench/dist/pgReadModelBench.js [--students 200] [--samples 300] [--rebuilds 2] [--no-file]
 * [--commands N] [--page N] [--statements] [--time-ordered]
 * [--per-write N]`
 */
const main = async (argv: ReadonlyArray<string>) => {
  const arg = (name: string, fallback: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const seed = 2024;
  const students = arg('--students', 200);
  const samples = arg('--samples', 300);
  const rebuilds = arg('--rebuilds', 2);
  let fileRate = Number.NaN;
  if (!argv.includes('--no-file')) {
    const city = await cityLog({ seed, students: 5_000 });
    await warmFileCache(city.file);
    collectGarbage();
    const rebuilt = await rebuildCompact(city.file, 111);
    fileRate = city.events / rebuilt.seconds;
    log(`file rebuild: ${city.events} events in ${rebuilt.seconds.toFixed(2)} s: ${Math.round(fileRate)}/s`);
  }
  const server = await startBenchServer();
  try {
    const ours = await connectPostgres(server.connectionString);
    try {
      const memory = new InMemoryEventStore();
      const workload = await storedWorkload(memory, seed, students);
      const targets = await commandTargets(workload, memory);
      const names = [schoolStreamName(workload.school.schoolId), ...workload.streams.map((s) => s.streamName)];
      const loadStart = now();
      if (argv.includes('--time-ordered')) await appendInTimeOrder(server.connectionString, memory, names);
      else
        for (const name of names) {
          const appended = await ours.store.appendToStream(name, await storedEvents(memory, name), NO_STREAM);
          if (appended._tag === 'Left') throw new Error(appended.left.message.en);
        }
      log(`loaded ${workload.events} events in ${((now() - loadStart) / 1000).toFixed(1)} s`);
      const commands = arg('--commands', 0);
      if (commands > 0) {
        const append = await lagAppender(ours.store, workload, targets);
        for (let i = 0; i < commands; i++) await append(i);
        log(`appended ${commands} commands' events`);
      }
      for (let r = 0; r < rebuilds; r++) {
        collectGarbage();
        const timing = argv.includes('--statements') ? timedStatements(ours.db) : null;
        const store = timing ? timedReads(ours.store, timing.note) : ours.store;
        const pages = arg('--page', 0);
        const cpu0 = process.cpuUsage();
        // `--per-write 1,50000`: the rebuilds take the values in turn.
        const perWrites = (argv[argv.indexOf('--per-write') + 1] ?? '').split(',').map(Number);
        const perWrite = argv.includes('--per-write') ? perWrites[r % perWrites.length]! : 0;
        if (perWrite > 0) log(`eventsPerWrite ${perWrite}`);
        const rebuild = await measurePgRebuild(timing?.db ?? ours.db, store, {
          ...(pages > 0 ? { pageSize: pages } : {}),
          ...(perWrite > 0 ? { eventsPerWrite: perWrite } : {}),
        });
        const cpu = process.cpuUsage(cpu0);
        log(`client CPU over the rebuild: ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`);
        if (timing) log(timing.report());
        log(
          `rebuild: ${rebuild.events} events in ${rebuild.seconds.toFixed(2)} s: ${Math.round(rebuild.eventsPerSecond)}/s` +
            `, ratio ${(rebuild.eventsPerSecond / fileRate).toFixed(3)}`,
        );
      }
      if (samples > 0) {
        collectGarbage();
        const timing = argv.includes('--statements') ? timedStatements(ours.db) : null;
        const lag = await measurePgProjectionLag(
          timing?.db ?? ours.db,
          ours.store,
          samples,
          await lagAppender(ours.store, workload, targets),
        );
        log(
          `lag: p50 ${lag.p50.toFixed(2)} ms, p99 ${lag.p99.toFixed(2)} ms, max ${lag.max.toFixed(2)} ms; after store ` +
            `p50 ${lag.afterStoreP50.toFixed(2)}, p99 ${lag.afterStoreP99.toFixed(2)}`,
        );
        if (timing) log(timing.report());
      }
    } finally {
      await ours.dispose();
    }
  } finally {
    await server.dispose();
  }
};

main(process.argv.slice(2)).then(
  () => undefined,
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
