import {
  connectPostgres,
  PostgresDueItems,
  type PostgresEventStore,
  type SqlDatabase,
} from '@licheng/eventstore-postgres';
import type { NewEvent } from '@licheng/eventstore';
import { collectGarbage, log, median, now, percentile } from './measure';
import type { CommandTarget } from './commands';
import { emmettPgStore, measureEmmettPgCommands, measurePgCommands, ourPgSender, PG_LOOPS } from './pgCommands';
import { measureIdleDeadlines, seedCityDueItems, type City } from './pgDeadlines';
import { startBenchServer } from './pgServer';
import { loadPgWorkload } from './pgSetup';
import type { StoredWorkload } from './workload';
import { measurePgAppends, measurePgProjectionLag, measurePgRebuild } from './pgWrites';

export interface PgSizes {
  /** Students (streams of about 280 events) of the one school both sides command. */
  readonly streams: number;
  readonly commandMs: number;
  readonly appendMs: number;
  readonly lagSamples: number;
  readonly city: City;
  readonly deadlineRuns: number;
}

export const PG_SIZES = {
  full: {
    streams: 1_000,
    commandMs: 6_000,
    appendMs: 4_000,
    lagSamples: 1_000,
    city: { schools: 100, students: 1_000 },
    deadlineRuns: 200,
  },
  quick: {
    streams: 200,
    commandMs: 2_000,
    appendMs: 2_000,
    lagSamples: 300,
    // The idle run reads the periods of one school, never its receipts: fewer students per school change little.
    city: { schools: 100, students: 200 },
    deadlineRuns: 50,
  },
} as const satisfies Record<string, PgSizes>;

/** Measured rebuilds of the read model, after one unmeasured; the median is reported. */
const PG_REBUILDS = 3;

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

/**
 * The PostgreSQL leg: one embedded PostgreSQL 18 server started here (pgServer.ts) and stopped at the end,
 * failure or not; our store in its `postgres` database, Emmett's in a database of its own (`emmett`).
 */
export const pgBenchmarks = async (seed: number, size: PgSizes, template: NewEvent) => {
  const started = now();
  const server = await startBenchServer();
  try {
    const ours = await connectPostgres(server.connectionString);
    await ours.db.query('create database emmett');
    const theirs = emmettPgStore(server.database('emmett'));
    try {
      const { workload, seconds, ourTargets, theirTargets } = await loadPgWorkload(
        seed,
        size.streams,
        ours.store,
        theirs,
      );
      log(
        `PostgreSQL: server up and ${fmt(workload.events)} events in both databases in ` +
          `${fmt((now() - started) / 1000, 1)} s (appends: ours ${fmt(seconds.ours, 1)} s, Emmett's ` +
          `${fmt(seconds.theirs, 1)} s)`,
      );
      collectGarbage();
      const warm = await measurePgCommands(ours.store, workload, ourTargets, true, size.commandMs);
      log(`PostgreSQL commands (ours, cache on, ${PG_LOOPS} at once): ${fmt(warm.perSecond)}/s`);
      const emmett = await measureEmmettPgCommands(theirs, workload, theirTargets, size.commandMs);
      log(`PostgreSQL commands (Emmett, ${PG_LOOPS} at once): ${fmt(emmett.perSecond)}/s`);
      const cold = await measurePgCommands(ours.store, workload, ourTargets, false, size.commandMs);
      log(`PostgreSQL commands (ours, cache off, ${PG_LOOPS} at once): ${fmt(cold.perSecond)}/s`);

      // As the warm drives of the in-memory leg, one rebuild unmeasured first: the first of a process ran a fifth to a
      // third slower than the next (its code not yet optimised, the tables new). Then the median of three: at quick
      // sizes a rebuild lasts about a second, and one alone moved by a third between runs.
      await measurePgRebuild(ours.db, ours.store);
      const rebuilds: Awaited<ReturnType<typeof measurePgRebuild>>[] = [];
      for (let i = 0; i < PG_REBUILDS; i++) {
        collectGarbage();
        rebuilds.push(await measurePgRebuild(ours.db, ours.store));
      }
      const rebuild = [...rebuilds].sort((a, b) => a.seconds - b.seconds)[PG_REBUILDS >> 1]!;
      log(
        `PostgreSQL read model rebuilt: ${fmt(rebuild.events)} events in ${fmt(rebuild.seconds, 2)} s (median of ` +
          `${rebuilds.map((r) => fmt(r.seconds, 2)).join(', ')} s)`,
      );
      const lag = await measurePgProjectionLag(
        ours.db,
        ours.store,
        size.lagSamples,
        await lagAppender(ours.store, workload, ourTargets),
      );
      log(
        `PostgreSQL projection lag: p50 ${fmt(lag.p50, 2)} ms, p99 ${fmt(lag.p99, 2)} ms, max ${fmt(lag.max, 2)} ms; ` +
          `from the append's return: p50 ${fmt(lag.afterStoreP50, 2)} ms, p99 ${fmt(lag.afterStoreP99, 2)} ms`,
      );
      const appends = await measurePgAppends(ours.store, template, 8, size.appendMs);
      log(`PostgreSQL appends, 8 writers: ${fmt(appends.perSecond)}/s`);
      const roundTrip = await measureRoundTrip(ours.db);
      log(
        `PostgreSQL round trip (select 1 on the pool): median ${fmt(roundTrip.median, 3)} ms, p99 ` +
          `${fmt(roundTrip.p99, 3)} ms`,
      );

      const dueItems = new PostgresDueItems(ours.db, ours.store);
      const city = await seedCityDueItems(ours.db, dueItems, workload.school.schoolId, size.city);
      const deadlines = await measureIdleDeadlines(ours.store, dueItems, workload.school.schoolId, size.deadlineRuns);
      log(
        `PostgreSQL runDeadlines, nothing due at ${deadlines.at} (${deadlines.periods} periods, ` +
          `${fmt(city.receipts)} receipts indexed): median ${fmt(deadlines.median, 2)} ms, p99 ` +
          `${fmt(deadlines.p99, 2)} ms`,
      );
      return { warm, cold, emmett, rebuild, lag, appends, roundTrip, deadlines, city: { ...size.city, ...city } };
    } finally {
      await theirs.close();
      await ours.dispose();
    }
  } finally {
    await server.dispose();
  }
};

/**
 * The floor under every figure of this leg: one trivial query's round trip through the pool, as the server is loaded
 * now.
 */
const measureRoundTrip = async (db: SqlDatabase) => {
  const times: number[] = [];
  for (let i = 0; i < 220; i++) {
    const start = now();
    await db.query('select 1');
    if (i >= 20) times.push(now() - start);
  }
  return { median: median(times), p99: percentile(times, 99) };
};

/**
 * The lag's appends: our commands (cache on), one target after another, through a view of the store that
 * notes when each append is sent; the lag runs from there to the read model's commit.
 */
export const lagAppender = async (store: PostgresEventStore, workload: StoredWorkload, targets: CommandTarget[]) => {
  let appendedAt = 0;
  let storedAt = 0;
  const timed: PostgresEventStore = Object.create(store, {
    appendToStream: {
      value: async (...args: Parameters<PostgresEventStore['appendToStream']>) => {
        appendedAt = now();
        const appended = await store.appendToStream(...args);
        storedAt = now();
        return appended;
      },
    },
  }) as PostgresEventStore;
  const send = await ourPgSender(timed, workload, targets.length, true);
  return async (sample: number) => {
    const target = targets[sample % targets.length]!;
    const position = await send(target);
    target.selected = !target.selected;
    target.commands += 1;
    return { position, appendedAt, storedAt };
  };
};
