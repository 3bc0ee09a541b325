import { produce, type Draft } from 'immer';
import * as E from 'fp-ts/Either';
import {
  decidePortfolio,
  evolvePortfolio,
  initialPortfolioState,
  portfolioDecider,
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

/**
 * The workload's streams end in the summer after the last selection window, and recorded time never runs
 * backwards (R-TIME-4). So the commands come on the first of August of that year, and the bench's school
 * keeps its last selection window open until the end of that year (a school may reopen a window; the
 * decider's work is the same). Both sides decide under this policy.
 */
const COMMAND_DAY = '-08-01T10:00+08:00';

const policies = new WeakMap<StoredWorkload, SchoolState>();
export const commandPolicy = (workload: StoredWorkload): SchoolState => {
  const known = policies.get(workload);
  if (known) return known;
  const policy = workload.school.policy;
  const workPeriods = { ...policy.workPeriods };
  for (const key of Object.keys(workPeriods)) {
    const window = workPeriods[key]!;
    const year = Number(key.slice(0, 3));
    if (key.endsWith('0:outcomeSelection'))
      workPeriods[key] = { start: window.start, end: `${year + 1912}-12-31T17:00+08:00` as TaipeiInstant };
  }
  const opened = Object.assign({}, policy, { workPeriods });
  policies.set(workload, opened);
  return opened;
};

/** The last outcome each student selected: a command on it always decides an outcome and appends one event. */
export const commandTargets = async (workload: StoredWorkload, store: InMemoryEventStore): Promise<CommandTarget[]> => {
  const targets: CommandTarget[] = [];
  for (const stream of workload.streams) {
    const loaded = await loadStream(store, portfolioAggregate, stream.streamName);
    if (E.isLeft(loaded)) throw new Error(loaded.left.message.en);
    const selected = Object.values(loaded.right.state.outcomes).filter((o) => o.selected);
    const outcome = selected[selected.length - 1];
    if (!outcome) throw new Error(`${stream.streamName} has no selected outcome`);
    const at = `${outcome.schoolYear + 1912}${COMMAND_DAY}` as TaipeiInstant;
    const lastAt = loaded.right.last?.metadata.occurredAt ?? '';
    if (lastAt >= at) throw new Error(`${stream.streamName} ends at ${lastAt}, after the bench's commands (${at})`);
    targets.push({
      streamName: stream.streamName,
      studentId: stream.studentId,
      outcomeId: outcome.outcomeId,
      now: at,
      selected: true,
      commands: 0,
    });
  }
  return targets;
};

const commandOf = (schoolId: string, target: CommandTarget): PortfolioCommand =>
  ({
    type: target.selected ? 'DeselectCourseOutcome' : 'SelectCourseOutcome',
    data: { schoolId, studentId: target.studentId, outcomeId: target.outcomeId },
  }) as PortfolioCommand;

/** Sends commands round-robin over the targets for about `ms` milliseconds; returns commands per second. */
const drive = async (
  targets: CommandTarget[],
  ms: number,
  send: (target: CommandTarget) => Promise<void>,
): Promise<{ perSecond: number; commands: number }> => {
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

/**
 * How our handler loads a stream: through a state cache that answers from memory and lets the append confirm
 * (`optimistic`, the warm figure: one process writes these streams), through a state cache that asks the
 * store for newer events on every load (`checked`), or by reading and folding the whole stream (`off`).
 */
export type OurCache = 'optimistic' | 'checked' | 'off';

/** Our command handler on the in-memory store. */
export const measureOurCommands = async (
  store: InMemoryEventStore,
  workload: StoredWorkload,
  targets: CommandTarget[],
  cache: OurCache,
  ms: number,
) => {
  const cached = cache !== 'off';
  const policy: SchoolState = commandPolicy(workload);
  const schoolId = workload.school.schoolId;
  const handler: CommandHandler = createCommandHandler({
    store,
    load: cached
      ? createCachingLoader(store, {
          maxStreams: targets.length + 10,
          foldInPlace: true,
          optimistic: cache === 'optimistic',
        })
      : (aggregate, streamName) => loadStream(store, aggregate, streamName),
  });
  const send = async (target: CommandTarget) => {
    const command = commandOf(schoolId, target);
    const actor = { id: target.studentId, role: 'student', schoolId } as Actor;
    const result = await handler.handle({
      aggregate: portfolioAggregate,
      streamName: target.streamName,
      command,
      recordedCommand: { type: command.type, data: command.data },
      envelope: {
        commandId: `bench.${cache}.${target.studentId}.${target.commands}`,
        now: target.now,
        actor,
      },
      context: (envelope) => E.right({ now: envelope.now, actor: envelope.actor, policy }),
    });
    if (E.isLeft(result) || result.right.events.length !== 1)
      throw new Error(`command refused: ${E.isLeft(result) ? result.left.message.en : 'no event'}`);
  };
  // Warm up: with the cache on, every stream is loaded once before the clock starts.
  if (cached)
    for (const target of targets)
      await send(target).then(() => ((target.selected = !target.selected), (target.commands += 1)));
  else
    for (const target of targets.slice(0, 20))
      await send(target).then(() => ((target.selected = !target.selected), (target.commands += 1)));
  return drive(targets, ms, send);
};

type EmmettModule = typeof import('@event-driven-io/emmett');
type EmmettCommand = {
  type: string;
  data: Record<string, unknown>;
  metadata: { instant: TaipeiInstant; actor: Actor };
};
type EmmettHandle = (
  store: unknown,
  id: string,
  command: EmmettCommand,
) => Promise<{ newEvents: ReadonlyArray<unknown> }>;

/**
 * How Emmett's evolve is written. `inPlace` is how an Emmett user writes a fast one: its `initialState`
 * returns a fresh object on every call, so evolve may change the state it is given and return it (what our
 * own first load does). `producePerEvent` is the naive port of an immer recipe, one `produce` per event,
 * kept as a labelled extra line only.
 */
export type EmmettEvolve = 'inPlace' | 'producePerEvent';

/**
 * @event-driven-io/emmett's DeciderCommandHandler on its in-memory store, with the same decider: our
 * decide (given the same policy and clock) and our evolve. Its store keeps events as objects, so its
 * replay parses nothing. One store serves both ways of writing evolve.
 */
export const emmettFor = async (
  workload: StoredWorkload,
  from: InMemoryEventStore,
  lengths: ReadonlyMap<string, number>,
) => {
  // Emmett ships CommonJS as well (dist/index.cjs), so a plain require works from this CommonJS bench.
  const emmett = require('@event-driven-io/emmett') as EmmettModule;
  const store = emmett.getInMemoryEventStore();
  // Each stream's first `lengths` events as our store holds them, decoded one stream at a time into Emmett's objects.
  for (const stream of workload.streams) {
    const stored = (await storedEvents(from, stream.streamName)).slice(0, lengths.get(stream.streamName));
    const events = decodedEvents(stream.streamName, stored);
    await store.appendToStream(
      stream.streamName,
      events.map((event) => ({ type: event.type, data: event.data })) as never,
    );
  }
  const policy = commandPolicy(workload);
  const decide = (command: EmmettCommand, state: PortfolioState) => {
    const decided = decidePortfolio({ type: command.type, data: command.data } as PortfolioCommand, state, {
      now: command.metadata.instant,
      actor: command.metadata.actor,
      policy,
    });
    if (E.isLeft(decided)) throw new Error(decided.left.message.en);
    return [...decided.right];
  };
  const handlers: Record<EmmettEvolve, EmmettHandle> = {
    inPlace: emmett.DeciderCommandHandler({
      decide,
      // A fresh copy per fold (the fastest of those tried: docs/performance.md), mutated by our recipe.
      evolve: (state: PortfolioState, event: PortfolioEvent) => (
        evolvePortfolio(state as Draft<PortfolioState>, event),
        state
      ),
      initialState: portfolioDecider.initialState,
    } as never) as unknown as EmmettHandle,
    producePerEvent: emmett.DeciderCommandHandler({
      decide,
      evolve: (state: PortfolioState, event: PortfolioEvent) =>
        produce(state, (draft: Draft<PortfolioState>) => evolvePortfolio(draft, event)),
      initialState: () => initialPortfolioState,
    } as never) as unknown as EmmettHandle,
  };
  return { emmett, store, handlers };
};

export const measureEmmettCommands = async (
  emmett: Awaited<ReturnType<typeof emmettFor>>,
  workload: StoredWorkload,
  targets: CommandTarget[],
  ms: number,
  evolve: EmmettEvolve = 'inPlace',
) => {
  const schoolId = workload.school.schoolId;
  const send = async (target: CommandTarget) => {
    const command = commandOf(schoolId, target);
    const result = await emmett.handlers[evolve](emmett.store, target.streamName, {
      type: command.type,
      data: command.data as Record<string, unknown>,
      metadata: { instant: target.now, actor: { id: target.studentId, role: 'student' } as Actor },
    });
    if (result.newEvents.length !== 1) throw new Error('Emmett: no event');
  };
  for (const target of targets.slice(0, 20))
    await send(target).then(() => ((target.selected = !target.selected), (target.commands += 1)));
  return drive(targets, ms, send);
};
