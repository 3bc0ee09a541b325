import { produce, type Draft } from 'immer';
import * as E from 'fp-ts/Either';
import {
  decidePortfolio,
  evolvePortfolio,
  initialPortfolioState,
  type Actor,
  type PortfolioCommand,
  type PortfolioEvent,
  type PortfolioState,
  type SchoolState,
  type TaipeiInstant,
} from '@licheng/domain';
import {
  createCachingLoader,
  createCommandHandler,
  loadStream,
  portfolioAggregate,
  type CommandHandler,
  type InMemoryEventStore,
} from '@licheng/eventstore';
import { now } from './measure';
import { decodedEvents, storedEvents, type StoredWorkload } from './workload';

/** Per stream, the outcome the benchmark deselects and selects again, and when (inside the selection window). */
export interface CommandTarget {
  readonly streamName: string;
  readonly studentId: string;
  readonly outcomeId: string;
  readonly now: TaipeiInstant;
  /** Whether the next command deselects (the outcome is selected now). */
  selected: boolean;
  commands: number;
}

/** The last outcome each student selected: a command on it always decides an outcome and appends one event. */
export const commandTargets = async (workload: StoredWorkload, store: InMemoryEventStore): Promise<CommandTarget[]> => {
  const targets: CommandTarget[] = [];
  for (const stream of workload.streams) {
    const loaded = await loadStream(store, portfolioAggregate, stream.streamName);
    if (E.isLeft(loaded)) throw new Error(loaded.left.message.en);
    const selected = Object.values(loaded.right.state.outcomes).filter((o) => o.selected);
    const outcome = selected[selected.length - 1];
    if (!outcome) throw new Error(`${stream.streamName} has no selected outcome`);
    const spring = outcome.schoolYear + 1912;
    targets.push({ streamName: stream.streamName, studentId: stream.studentId, outcomeId: outcome.outcomeId, now: `${spring}-04-12T10:00+08:00` as TaipeiInstant, selected: true, commands: 0 });
  }
  return targets;
};

const commandOf = (schoolId: string, target: CommandTarget): PortfolioCommand =>
  ({
    type: target.selected ? 'DeselectCourseOutcome' : 'SelectCourseOutcome',
    data: { schoolId, studentId: target.studentId, outcomeId: target.outcomeId },
  }) as PortfolioCommand;

/** Sends commands round-robin over the targets for about `ms` milliseconds; returns commands per second. */
const drive = async (targets: CommandTarget[], ms: number, send: (target: CommandTarget) => Promise<void>): Promise<{ perSecond: number; commands: number }> => {
  let count = 0;
  const start = now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 50; i++) {
      const target = targets[count % targets.length]!;
      await send(target);
      target.selected = !target.selected;
      target.commands += 1;
      count += 1;
    }
    elapsed = now() - start;
  }
  return { perSecond: count / (elapsed / 1000), commands: count };
};

/** Our command handler on the in-memory store, with the state cache on or off. */
export const measureOurCommands = async (store: InMemoryEventStore, workload: StoredWorkload, targets: CommandTarget[], cached: boolean, ms: number) => {
  const policy: SchoolState = workload.school.policy;
  const schoolId = workload.school.schoolId;
  const handler: CommandHandler = createCommandHandler({
    store,
    load: cached ? createCachingLoader(store, { maxStreams: targets.length + 10 }) : (aggregate, streamName) => loadStream(store, aggregate, streamName),
  });
  const send = async (target: CommandTarget) => {
    const command = commandOf(schoolId, target);
    const actor = { id: target.studentId, role: 'student', schoolId } as Actor;
    const result = await handler.handle({
      aggregate: portfolioAggregate,
      streamName: target.streamName,
      command,
      recordedCommand: { type: command.type, data: command.data },
      envelope: { commandId: `bench.${cached ? 'w' : 'c'}.${target.studentId}.${target.commands}`, now: target.now, actor },
      context: (envelope) => E.right({ now: envelope.now, actor: envelope.actor, policy }),
    });
    if (E.isLeft(result) || result.right.events.length !== 1) throw new Error(`command refused: ${E.isLeft(result) ? result.left.message.en : 'no event'}`);
  };
  // Warm up: with the cache on, every stream is loaded once before the clock starts.
  if (cached) for (const target of targets) await send(target).then(() => ((target.selected = !target.selected), (target.commands += 1)));
  else for (const target of targets.slice(0, 20)) await send(target).then(() => ((target.selected = !target.selected), (target.commands += 1)));
  return drive(targets, ms, send);
};

type EmmettModule = typeof import('@event-driven-io/emmett');

/**
 * @event-driven-io/emmett's DeciderCommandHandler on its in-memory store, with the same decider: our
 * decide (given the same policy and clock) and our evolve, wrapped in immer's produce per event because
 * Emmett's evolve returns a new state. Its store keeps events as objects, so its replay parses nothing.
 */
export const emmettFor = async (workload: StoredWorkload, from: InMemoryEventStore) => {
  // Emmett ships CommonJS as well (dist/index.cjs), so a plain require works from this CommonJS bench.
  const emmett = require('@event-driven-io/emmett') as EmmettModule;
  const store = emmett.getInMemoryEventStore();
  // The streams as our store holds them now, decoded one at a time into the objects Emmett keeps.
  for (const stream of workload.streams) {
    const events = decodedEvents(stream.streamName, await storedEvents(from, stream.streamName));
    await store.appendToStream(stream.streamName, events.map((event) => ({ type: event.type, data: event.data })) as never);
  }
  const policy = workload.school.policy;
  type Command = { type: string; data: Record<string, unknown>; metadata: { instant: TaipeiInstant; actor: Actor } };
  const handle = emmett.DeciderCommandHandler({
    decide: (command: Command, state: PortfolioState) => {
      const decided = decidePortfolio({ type: command.type, data: command.data } as PortfolioCommand, state, { now: command.metadata.instant, actor: command.metadata.actor, policy });
      if (E.isLeft(decided)) throw new Error(decided.left.message.en);
      return [...decided.right];
    },
    evolve: (state: PortfolioState, event: PortfolioEvent) => produce(state, (draft: Draft<PortfolioState>) => evolvePortfolio(draft, event)),
    initialState: () => initialPortfolioState,
  } as never) as unknown as (store: unknown, id: string, command: Command) => Promise<{ newEvents: ReadonlyArray<unknown> }>;
  return { emmett, store, handle };
};

export const measureEmmettCommands = async (
  emmett: Awaited<ReturnType<typeof emmettFor>>,
  workload: StoredWorkload,
  targets: CommandTarget[],
  ms: number,
) => {
  const schoolId = workload.school.schoolId;
  const send = async (target: CommandTarget) => {
    const command = commandOf(schoolId, target);
    const result = await emmett.handle(emmett.store, target.streamName, {
      type: command.type,
      data: command.data as Record<string, unknown>,
      metadata: { instant: target.now, actor: { id: target.studentId, role: 'student' } as Actor },
    });
    if (result.newEvents.length !== 1) throw new Error('Emmett: no event');
  };
  for (const target of targets.slice(0, 20)) await send(target).then(() => ((target.selected = !target.selected), (target.commands += 1)));
  return drive(targets, ms, send);
};
