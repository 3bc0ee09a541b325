import * as E from 'fp-ts/Either';
import {
  decidePortfolio,
  evolvePortfolio,
  portfolioDecider,
  schoolStreamName,
  type Actor,
  type PortfolioCommand,
  type PortfolioEvent,
  type PortfolioState,
  type TaipeiInstant,
} from '@licheng/domain';
import {
  createCachingLoader,
  createLichengService,
  loadStream,
  schoolAggregate,
  type EventStore,
  type StreamLoader,
} from '@licheng/eventstore';
import { commandPolicy, type CommandTarget } from './commands';
import { now } from './measure';
import type { StoredWorkload } from './workload';

/** Commands in flight at once on each side: a service answers many students at a time. */
export const PG_LOOPS = 8;

/**
 * Sends commands for about `ms` milliseconds from `loops` loops at once, each over its own share of the
 * targets (so no two commands of one stream race: neither side measures its conflict retries here).
 */
export const driveConcurrently = async (
  targets: ReadonlyArray<CommandTarget>,
  loops: number,
  ms: number,
  send: (target: CommandTarget) => Promise<unknown>,
): Promise<{ perSecond: number; commands: number }> => {
  let count = 0;
  const start = now();
  await Promise.all(
    Array.from({ length: loops }, async (_, loop) => {
      const mine = targets.filter((_, i) => i % loops === loop);
      for (let i = 0; now() - start < ms; i++) {
        const target = mine[i % mine.length]!;
        await send(target);
        target.selected = !target.selected;
        target.commands += 1;
        count += 1;
      }
    }),
  );
  return { perSecond: count / ((now() - start) / 1000), commands: count };
};

const commandOf = (schoolId: string, target: CommandTarget) => ({
  type: target.selected ? 'DeselectCourseOutcome' : 'SelectCourseOutcome',
  data: { schoolId, studentId: target.studentId, outcomeId: target.outcomeId },
});

/**
 * Our loader with the school stream answered by the bench's policy (its last selection window kept open:
 * commands.ts), loaded once: Emmett's decide gets the same policy as a constant, so neither side reads the
 * school stream per command. Portfolios go through `portfolios` (the state cache, or a plain load).
 */
const withBenchPolicy = async (store: EventStore, workload: StoredWorkload, portfolios: StreamLoader) => {
  const name = schoolStreamName(workload.school.schoolId);
  const school = await loadStream(store, schoolAggregate, name);
  if (E.isLeft(school)) throw new Error(school.left.message.en);
  const answered = E.right({ ...school.right, state: commandPolicy(workload) });
  // The handler's load options go on too: without them an optimistic cache reads the database every time.
  const loader = ((aggregate, streamName, options) =>
    streamName === name ? Promise.resolve(answered) : portfolios(aggregate, streamName, options)) as StreamLoader;
  // The cache's write-through goes on to the portfolios' loader (the school stream is never written here).
  return Object.assign(loader, portfolios.appended ? { appended: portfolios.appended } : {});
};

/**
 * `createLichengService` on our PostgreSQL store: each command is decoded in full, routed, decided and
 * appended by `licheng_append`. Warm: the state cache folds in place (the bench only calls `execute`,
 * which reads no state it hands out) and is optimistic (no read before a decision; the append confirms it). Cold: every command reads its whole stream from the database.
 */
export const measurePgCommands = async (
  store: EventStore,
  workload: StoredWorkload,
  targets: CommandTarget[],
  cached: boolean,
  ms: number,
) => {
  const send = await ourPgSender(store, workload, targets.length, cached);
  // Warm-up: with the cache on, every stream is loaded once before the clock starts.
  await warmUp(cached ? targets : targets.slice(0, 2 * PG_LOOPS), send);
  return driveConcurrently(targets, PG_LOOPS, ms, send);
};

/** Sends one command on a target through `createLichengService` on `store`; resolves to the event's position. */
export const ourPgSender = async (store: EventStore, workload: StoredWorkload, streams: number, cached: boolean) => {
  const portfolios: StreamLoader = cached
    ? createCachingLoader(store, { maxStreams: streams + 10, foldInPlace: true, optimistic: true })
    : (aggregate, streamName) => loadStream(store, aggregate, streamName);
  const service = createLichengService({ store, load: await withBenchPolicy(store, workload, portfolios) });
  const schoolId = workload.school.schoolId;
  return async (target: CommandTarget): Promise<number> => {
    const result = await service.execute({
      ...commandOf(schoolId, target),
      commandId: `bench.pg.${cached ? 'w' : 'c'}.${target.studentId}.${target.commands}`,
      now: target.now,
      actor: { id: target.studentId, role: 'student', schoolId },
    });
    if (E.isLeft(result) || result.right.events.length !== 1)
      throw new Error(`command refused: ${E.isLeft(result) ? result.left.message.en : 'no event'}`);
    return result.right.events[0]!.position;
  };
};

/** One command on each target given, `PG_LOOPS` at a time, before the clock starts. */
const warmUp = (targets: ReadonlyArray<CommandTarget>, send: (target: CommandTarget) => Promise<unknown>) =>
  Promise.all(
    Array.from({ length: PG_LOOPS }, async (_, loop) => {
      for (let i = loop; i < targets.length; i += PG_LOOPS) {
        const target = targets[i]!;
        await send(target);
        target.selected = !target.selected;
        target.commands += 1;
      }
    }),
  );

type EmmettModule = typeof import('@event-driven-io/emmett');
type EmmettPgModule = typeof import('@event-driven-io/emmett-postgresql');
export type EmmettPgStore = ReturnType<EmmettPgModule['getPostgreSQLEventStore']>;
type EmmettCommand = {
  type: string;
  data: Record<string, unknown>;
  metadata: { instant: TaipeiInstant; actor: Actor };
};

/**
 * Emmett's PostgreSQL store as its docs set it up: one `getPostgreSQLEventStore` per process on its own
 * database (its default pooled connection, a `pg.Pool` of 10 through dumbo; schema migrated on first use),
 * no inline projections (our side writes no read model in the command's transaction either).
 */
export const emmettPgStore = (connectionString: string): EmmettPgStore => {
  // Both ship CommonJS (dist/index.cjs), so a plain require works from this CommonJS bench.
  const { getPostgreSQLEventStore } = require('@event-driven-io/emmett-postgresql') as EmmettPgModule;
  return getPostgreSQLEventStore(connectionString);
};

/**
 * Emmett's `DeciderCommandHandler` on its PostgreSQL store with our decide and the fair evolve of the
 * in-memory peer (commands.ts): in place on the fresh state `initialState()` returns. Each command reads the
 * whole stream (Emmett has no state cache) and appends with the expected version it read.
 */
export const measureEmmettPgCommands = async (
  store: EmmettPgStore,
  workload: StoredWorkload,
  targets: CommandTarget[],
  ms: number,
) => {
  const emmett = require('@event-driven-io/emmett') as EmmettModule;
  const policy = commandPolicy(workload);
  const handle = emmett.DeciderCommandHandler({
    decide: (command: EmmettCommand, state: PortfolioState) => {
      const decided = decidePortfolio({ type: command.type, data: command.data } as PortfolioCommand, state, {
        now: command.metadata.instant,
        actor: command.metadata.actor,
        policy,
      });
      if (E.isLeft(decided)) throw new Error(decided.left.message.en);
      return [...decided.right];
    },
    evolve: (state: PortfolioState, event: PortfolioEvent) => (evolvePortfolio(state as never, event), state),
    initialState: portfolioDecider.initialState,
  } as never) as unknown as (
    store: EmmettPgStore,
    id: string,
    command: EmmettCommand,
  ) => Promise<{ newEvents: ReadonlyArray<unknown> }>;
  const schoolId = workload.school.schoolId;
  const send = async (target: CommandTarget) => {
    const result = await handle(store, target.streamName, {
      ...commandOf(schoolId, target),
      metadata: { instant: target.now, actor: { id: target.studentId, role: 'student' } as Actor },
    });
    if (result.newEvents.length !== 1) throw new Error('Emmett: no event');
  };
  await warmUp(targets.slice(0, 2 * PG_LOOPS), send);
  return driveConcurrently(targets, PG_LOOPS, ms, send);
};
