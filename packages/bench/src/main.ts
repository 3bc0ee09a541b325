import './production';
import { writeFileSync } from 'node:fs';
import { cpus, freemem, totalmem } from 'node:os';
import { InMemoryEventStore } from '@licheng/eventstore';
import { auditCompanion, logEntriesOf } from './audit';
import { emmettAppendScaling, ourAppendScaling } from './append';
import { renderChart } from './chart';
import { cityLog } from './cityLog';
import { commandTargets, emmettFor, measureEmmettCommands, measureOurCommands, type OurCache } from './commands';
import { measureProjectionLag } from './lag';
import { measureExampleRun } from './example';
import { collectGarbage, log } from './measure';
import { rebuildCompact, rebuildFull, warmFileCache } from './rebuild';
import { measureReplay, replayByLength, type Companion } from './replay';
import { pgKeys } from './pgKeys';
import { pgBenchmarks, PG_SIZES } from './pgLeg';
import { BENCH_SCHOOL_ID, storedWorkload, storeWorkload, type StoredWorkload } from './workload';
import { cachedWorkload, ensureWorkloadFiles } from './workloadCache';

interface Options {
  readonly quick: boolean;
  readonly json?: string;
  readonly chart?: string;
  readonly seed: number;
  /** Rebuild the existing full-state reports view instead of the compact one (for before/after figures). */
  readonly fullView: boolean;
  /** `--only pg`: the file rebuild (the database rebuild's reference) and the PostgreSQL leg, nothing else. */
  readonly onlyPg: boolean;
}

const parse = (argv: ReadonlyArray<string>): Options => {
  let quick = false;
  let json: string | undefined;
  let chart: string | undefined;
  let seed = 2024;
  let fullView = false;
  let onlyPg = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') quick = true;
    else if (arg === '--json') json = argv[++i];
    else if (arg === '--chart') chart = argv[++i];
    else if (arg === '--seed') seed = Number(argv[++i]);
    else if (arg === '--full-view') fullView = true;
    else if (arg === '--only' && argv[i + 1] === 'pg') {
      onlyPg = true;
      i += 1;
    } else
      throw new Error(
        `unknown argument ${arg}; usage: npm run bench -- [--quick] [--json FILE] [--chart FILE.svg] [--seed N] ` +
          `[--full-view] [--only pg]`,
      );
  }
  return { quick, seed, fullView, onlyPg, ...(json ? { json } : {}), ...(chart ? { chart } : {}) };
};

/** Sizes of each benchmark: the full run as the issue sets it, the quick one within a minute on two cores. */
const SIZES = {
  full: {
    cityStudents: 100_000,
    streams: 4_000,
    auditStudents: 200,
    appendSizes: [1_000, 10_000, 100_000],
    appends: 20_000,
    emmettAppendSizes: [1_000, 10_000],
    emmettAppends: 300,
    commandMs: 4_000,
    replay: { rounds: 2, parts: 40, companionEvery: 10 },
    lagSamples: 2_000,
    lengthSample: 200,
  },
  quick: {
    cityStudents: 5_000,
    streams: 400,
    auditStudents: 60,
    appendSizes: [1_000, 10_000, 100_000],
    appends: 4_000,
    emmettAppendSizes: [1_000, 4_000],
    emmettAppends: 200,
    commandMs: 1_200,
    replay: { rounds: 2, parts: 12, companionEvery: 4 },
    lagSamples: 1_000,
    lengthSample: 60,
  },
} as const;

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export const main = async (argv: ReadonlyArray<string>): Promise<number> => {
  const options = parse(argv);
  const size = options.quick ? SIZES.quick : SIZES.full;
  const started = Date.now();
  const machine =
    `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fmt(totalmem() / 2 ** 30, 1)} GiB ` +
    `(${fmt(freemem() / 2 ** 30, 1)} free), Node ${process.version}, NODE_ENV=${process.env.NODE_ENV}`;
  log(`${options.quick ? 'quick' : 'full'} run on ${machine}`);

  // 1. Rebuild first, while the process holds nothing else, so that its peak RSS is its own.
  // The store workloads are generated (once, then kept) in a child process alongside the city log's two.
  const auditRequest = { seed: options.seed + 1, students: size.auditStudents, schoolId: 'tp_audit' };
  const workloads = ensureWorkloadFiles([
    { seed: options.seed, students: size.streams, schoolId: BENCH_SCHOOL_ID },
    auditRequest,
  ]);
  const city = await cityLog({ seed: options.seed, students: size.cityStudents });
  await workloads;
  log(
    `city log: ${fmt(city.events)} events, ${fmt(city.bytes / 2 ** 20)} MiB${city.generatedSeconds === null ? ' (cached)' : `, generated in ${fmt(city.generatedSeconds, 1)} s`}`,
  );
  await warmFileCache(city.file);
  collectGarbage();
  // The floor runs alongside, in segments between the rebuild's, and is timed apart (rebuild.ts).
  const rebuilt = await (options.fullView ? rebuildFull : rebuildCompact)(city.file, 111);
  const floor = { seconds: rebuilt.floorSeconds };
  log(
    `rebuild: ${fmt(rebuilt.seconds, 2)} s, ${fmt(rebuilt.reports)} reports, peak RSS ${fmt(rebuilt.peakRssMB)} MB; ` +
      `floor over the same file, alongside: ${fmt(floor.seconds, 2)} s`,
  );
  collectGarbage();
  if (options.onlyPg) return onlyPgLeg(options, city.events / rebuilt.seconds);

  // 2. Append scaling next, on a heap that holds nothing else: each store is dropped before the next one.
  const template = storeWorkload(options.seed, 1).streams[0]!.events[0]!;
  collectGarbage();
  const appends = await ourAppendScaling(template, size.appendSizes, size.appends);
  log(`append latency: ${appends.map((r) => `${fmt(r.streams)} streams ${fmt(r.meanMicros, 2)} µs`).join(', ')}`);
  collectGarbage();
  const emmettAppends = await emmettAppendScaling(template, size.emmettAppendSizes, size.emmettAppends);
  log(
    `Emmett append latency: ${emmettAppends.map((r) => `${fmt(r.streams)} streams ${fmt(r.meanMicros, 2)} µs`).join(', ')}`,
  );

  // 3. The store workload: realistic three-year streams of one school; the audit's log is audited in the
  // replay's rounds, so that its ratio to replay is taken over the same stretches of time.
  const auditWorkload = await cachedWorkload(auditRequest);
  const auditing = auditCompanion(logEntriesOf(auditWorkload));
  const { workload, replay, byLength, warm, checked, cold, theirs, naive, eventsPerStream } = await storeBenchmarks(
    options.seed,
    size,
    auditing,
  );
  const audit = {
    eventsPerSecond: replay.companionEventsPerSecond!,
    events: auditing.events,
    findings: auditing.report().findings.length,
    clean: auditing.report().clean,
  };
  log(`audit: ${fmt(audit.eventsPerSecond)} events/s over ${fmt(audit.events)} events, ${audit.findings} findings`);
  collectGarbage();
  const lag = await measureProjectionLag(auditWorkload, size.lagSamples);
  log(`projection lag: p50 ${fmt(lag.p50, 3)} ms, p99 ${fmt(lag.p99, 3)} ms`);
  collectGarbage();
  // The PostgreSQL leg (pgLeg.ts, docs/performance-postgres.md): its own embedded server, started and stopped there.
  const pg = pgKeys(
    await pgBenchmarks(options.seed, options.quick ? PG_SIZES.quick : PG_SIZES.full, template),
    city.events / rebuilt.seconds,
  );

  // 4. The main job at its largest school, last and in a child process, so that it disturbs no other timing.
  const example = options.quick ? null : await measureExampleRun(5_000);
  if (example)
    log(`example, 5,000 students with --out: ${fmt(example.seconds, 1)} s, peak RSS ${fmt(example.peakRssMB)} MB`);

  const first = appends[0]!;
  const last = appends[appends.length - 1]!;
  const results = {
    floorEventsPerSecond: Math.round(replay.floorEventsPerSecond),
    replayEventsPerSecond: Math.round(replay.replayEventsPerSecond),
    replayFloorRatio: round(replay.floorEventsPerSecond / replay.replayEventsPerSecond),
    commandsPerSecond: Math.round(warm.perSecond),
    checkedCommandsPerSecond: Math.round(checked.perSecond),
    coldCommandsPerSecond: Math.round(cold.perSecond),
    emmettCommandsPerSecond: Math.round(theirs.perSecond),
    emmettRatio: round(warm.perSecond / theirs.perSecond),
    coldEmmettRatio: round(cold.perSecond / theirs.perSecond),
    // The most coldEmmettRatio could be if a cold command cost only Emmett's own work plus parsing each
    // event's data text: no metadata, no decoding, no fold of ours (docs/performance.md).
    coldCeilingRatio: round(
      1e6 / theirs.perSecond / (1e6 / theirs.perSecond + eventsPerStream * (1e6 / replay.dataParseEventsPerSecond)),
    ),
    appendScalingRatio: round(last.meanMicros / first.meanMicros),
    auditEventsPerSecond: Math.round(audit.eventsPerSecond),
    auditReplayRatio: round(audit.eventsPerSecond / replay.replayEventsPerSecond),
    rebuildSeconds: round(rebuilt.seconds),
    rebuildFloorRatio: round(rebuilt.seconds / floor.seconds),
    rebuildPeakRssMB: Math.round(rebuilt.peakRssMB),
    projectionLagP99Ms: round(lag.p99, 3),
    ...pg.values,
    ...(example
      ? {
          exampleStudents5000PeakRssMB: Math.round(example.peakRssMB),
          exampleStudents5000Seconds: round(example.seconds),
        }
      : {}),
  };
  const goals: Record<string, string> = {
    replayFloorRatio: results.replayFloorRatio <= 2 ? 'met (≤ 2.0)' : 'NOT met (≤ 2.0)',
    emmettRatio: results.emmettRatio >= 10 ? 'met (≥ 10)' : 'NOT met (≥ 10)',
    coldEmmettRatio: results.coldEmmettRatio >= 0.5 ? 'met (≥ 0.5)' : 'NOT met (≥ 0.5)',
    appendScalingRatio: results.appendScalingRatio <= 1.5 ? 'met (≤ 1.5)' : 'NOT met (≤ 1.5)',
    auditReplayRatio: results.auditReplayRatio >= 0.33 ? 'met (≥ 0.33)' : 'NOT met (≥ 0.33)',
    rebuildFloorRatio: results.rebuildFloorRatio <= 2.5 ? 'met (≤ 2.5)' : 'NOT met (≤ 2.5)',
    rebuildPeakRssMB: results.rebuildPeakRssMB <= 1536 ? 'met (≤ 1,536)' : 'NOT met (≤ 1,536)',
    projectionLagP99Ms: results.projectionLagP99Ms <= 5 ? 'met (≤ 5)' : 'NOT met (≤ 5)',
    ...pg.goals,
    ...(example
      ? { exampleStudents5000PeakRssMB: example.peakRssMB <= 1024 ? 'met (≤ 1,024)' : 'NOT met (≤ 1,024)' }
      : {}),
  };
  const rows = Object.entries(results).map(([key, value]) => [
    key,
    fmt(value, Number.isInteger(value) ? 0 : 3),
    goals[key] ?? '—',
  ]);
  const width = [Math.max(...rows.map((r) => r[0]!.length)), Math.max(...rows.map((r) => r[1]!.length))];
  console.log(`\nlicheng bench (${options.quick ? 'quick' : 'full'}) — ${machine}`);
  console.log(
    `workloads: ${fmt(workload.streams)} streams of ${fmt(workload.events / workload.streams)} events ` +
      `(${fmt(workload.events)}); city log ${fmt(city.students)} students, ${fmt(city.events)} events, ` +
      `${fmt(city.bytes / 2 ** 20)} MiB; audit ${fmt(audit.events)} events\n`,
  );
  console.log(`| ${'key'.padEnd(width[0]!)} | ${'value'.padStart(width[1]!)} | goal |`);
  console.log(`| ${'-'.repeat(width[0]!)} | ${'-'.repeat(width[1]!)} | ---- |`);
  for (const [key, value, goal] of rows)
    console.log(`| ${key!.padEnd(width[0]!)} | ${value!.padStart(width[1]!)} | ${goal} |`);
  console.log('\nreplay time against stream length:');
  for (const r of byLength)
    console.log(
      `  ${String(r.length).padStart(4)} events: ${fmt(r.microsPerLoad, 1)} µs per load (${fmt(r.eventsPerSecond)} ` +
        `events/s)`,
    );
  console.log('append latency against streams in the store (mean of one single-event append):');
  for (const r of appends) console.log(`  licheng ${fmt(r.streams).padStart(8)} streams: ${fmt(r.meanMicros, 2)} µs`);
  for (const r of emmettAppends)
    console.log(`  Emmett  ${fmt(r.streams).padStart(8)} streams: ${fmt(r.meanMicros, 2)} µs`);
  console.log('rebuild time against events:');
  for (const p of rebuilt.progress.filter((_, i, all) => i === all.length - 1 || i % Math.ceil(all.length / 6) === 0))
    console.log(`  ${fmt(p.events).padStart(10)} events: ${fmt(p.seconds, 2)} s`);
  console.log(
    `Emmett with one immer produce per event (the bench's peer until issue #18): ${fmt(naive.perSecond)} commands/s`,
  );
  console.log(
    `audit: ${audit.findings} findings (${audit.clean ? 'clean' : 'NOT clean'}); floor parse of the log ` +
      `${fmt(floor.seconds, 2)} s; total ${fmt((Date.now() - started) / 1000, 1)} s`,
  );
  if (options.json) writeFileSync(options.json, `${JSON.stringify(results, null, 2)}\n`);
  if (options.chart)
    writeFileSync(
      options.chart,
      renderChart({ byLength, appends, emmettAppends, rebuild: rebuilt.progress, machine, quick: options.quick }),
    );
  return 0;
};

/**
 * Replay, commands and Emmett on one workload, which lives in our store only; that store is garbage before Emmett's
 * run.
 */
const storeBenchmarks = async (seed: number, size: (typeof SIZES)[keyof typeof SIZES], audit: Companion) => {
  let store: InMemoryEventStore | null = new InMemoryEventStore();
  const workload = await storedWorkload(store, seed, size.streams);
  log(`store workload: ${fmt(workload.streams.length)} streams, ${fmt(workload.events)} events`);
  const ours = await ourStoreBenchmarks(workload, store, size, audit);
  // Emmett gets the streams as our cold commands left them, before our warm drives lengthened them.
  const emmett = await emmettFor(workload, store, ours.before.lengths);
  for (const target of ours.targets) target.selected = ours.before.selected.get(target)!;
  const eventsPerStream = [...ours.before.lengths.values()].reduce((n, l) => n + l, 0) / workload.streams.length;
  // Dropped so the collection below can free our store before Emmett is measured.
  // eslint-disable-next-line no-useless-assignment
  store = null;
  collectGarbage();
  // The targets went on with our runs, as Emmett's streams (copied from our store) did.
  const theirs = await measureEmmettCommands(emmett, workload, ours.targets, size.commandMs);
  log(`Emmett commands (evolve in place): ${fmt(theirs.perSecond)}/s`);
  // The naive port (one immer produce per event), as a labelled extra line: no ratio is taken against it.
  const naive = await measureEmmettCommands(emmett, workload, ours.targets, size.commandMs / 2, 'producePerEvent');
  log(`Emmett commands (produce per event, not a goal's peer): ${fmt(naive.perSecond)}/s`);
  return {
    workload: { streams: workload.streams.length, events: workload.events },
    ...ours,
    theirs,
    naive,
    eventsPerStream,
  };
};

/** Several drives as one: their commands over their summed time. */
const pooled = (drives: ReadonlyArray<{ perSecond: number; commands: number }>) => {
  const commands = drives.reduce((n, d) => n + d.commands, 0);
  const seconds = drives.reduce((t, d) => t + d.commands / d.perSecond, 0);
  return { perSecond: commands / seconds, commands };
};

const ourStoreBenchmarks = async (
  workload: StoredWorkload,
  store: InMemoryEventStore,
  size: (typeof SIZES)[keyof typeof SIZES],
  audit: Companion,
) => {
  collectGarbage();
  const replay = await measureReplay(store, workload, size.replay, audit);
  log(`floor ${fmt(replay.floorEventsPerSecond)} events/s, replay ${fmt(replay.replayEventsPerSecond)} events/s`);
  collectGarbage();
  const byLength = await replayByLength(workload, store, [35, 70, 140, 280], size.lengthSample);
  // One set of targets for all runs on the one store: each target remembers whether its outcome is selected now.
  const targets = await commandTargets(workload, store);
  collectGarbage();
  // Cold first, on the streams as generated: a cold command, like Emmett's, reads its whole stream, and every
  // command lengthens one. Emmett is then given the streams as they are here (`before`), not as the warm drives
  // leave them: measured on streams a third longer, its figure fell by about as much and inflated `emmettRatio`.
  const cold = await measureOurCommands(store, workload, targets, 'off', size.commandMs);
  log(`commands (cache off): ${fmt(cold.perSecond)}/s`);
  const before = { lengths: new Map<string, number>(), selected: new Map(targets.map((t) => [t, t.selected])) };
  for (const { streamName } of workload.streams)
    before.lengths.set(streamName, (await store.readStream(streamName)).length);
  collectGarbage();
  // An unmeasured drive first: the first drive after the replay legs ran about a fifth slower, whichever cache it
  // used. Then the two caches in the order A B B A, so that neither gets the quieter stretch.
  await measureOurCommands(store, workload, targets, 'checked', size.commandMs / 8);
  const runs: Record<OurCache, { perSecond: number; commands: number }[]> = { optimistic: [], checked: [], off: [] };
  for (const cache of ['optimistic', 'checked', 'checked', 'optimistic'] as const) {
    collectGarbage();
    runs[cache].push(await measureOurCommands(store, workload, targets, cache, (size.commandMs * 7) / 32));
  }
  const warm = pooled(runs.optimistic);
  log(`commands (cache on, optimistic): ${fmt(warm.perSecond)}/s`);
  // A labelled extra line: the cache that reads the store before every decision, as before issue #18's last change.
  const checked = pooled(runs.checked);
  log(`commands (cache on, every load read): ${fmt(checked.perSecond)}/s`);
  return { replay, byLength, warm, checked, cold, targets, before };
};

/** The PostgreSQL leg alone, its database rebuild held against the file rebuild just run (`--only pg`). */
const onlyPgLeg = async (options: Options, fileEventsPerSecond: number): Promise<number> => {
  const template = storeWorkload(options.seed, 1).streams[0]!.events[0]!;
  const pg = pgKeys(
    await pgBenchmarks(options.seed, options.quick ? PG_SIZES.quick : PG_SIZES.full, template),
    fileEventsPerSecond,
  );
  console.log(`\nlicheng bench (${options.quick ? 'quick' : 'full'}, PostgreSQL leg only)\n`);
  for (const [key, value] of Object.entries(pg.values)) console.log(`| ${key} | ${value} | ${pg.goals[key] ?? '—'} |`);
  if (options.json) writeFileSync(options.json, `${JSON.stringify(pg.values, null, 2)}\n`);
  return 0;
};

const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
