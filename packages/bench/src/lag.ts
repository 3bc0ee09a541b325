import * as E from 'fp-ts/Either';
import type { Actor, PortfolioCommand } from '@licheng/domain';
import { createCachingLoader, createCommandHandler, InMemoryEventStore, portfolioAggregate } from '@licheng/eventstore';
import { createProjectionRunner, inMemoryViewStore, reportsProjection } from '@licheng/projections';
import { now, percentile } from './measure';
import { commandPolicy, commandTargets } from './commands';
import { loadInto, type StoreWorkload } from './workload';

/**
 * Append → projection view updated, through the store's subscription: the reports projection runs live
 * on an in-memory store holding a school's log, and each command's append is timed until the runner has
 * folded its event and saved the view.
 */
export const measureProjectionLag = async (workload: StoreWorkload, samples: number) => {
  const store = new InMemoryEventStore();
  await loadInto(store, workload);
  const targets = await commandTargets(workload, store);
  const runner = createProjectionRunner(store, reportsProjection, inMemoryViewStore());
  let waiting: { position: number; resolve: (at: number) => void } | null = null;
  const subscription = await runner.start({
    onUpdate: (stored) => {
      if (waiting && stored.position >= waiting.position) waiting.resolve(now());
    },
    onError: (error) => {
      throw new Error(error.message.en);
    },
  });
  const handler = createCommandHandler({ store, load: createCachingLoader(store) });
  const policy = commandPolicy(workload);
  const lags: number[] = [];
  const realAppend = store.appendToStream.bind(store);
  let appendedAt = 0;
  store.appendToStream = async (...args) => {
    appendedAt = now();
    return realAppend(...args);
  };
  for (let i = 0; i < samples + 20; i++) {
    const target = targets[i % targets.length]!;
    const command = {
      type: target.selected ? 'DeselectCourseOutcome' : 'SelectCourseOutcome',
      data: { schoolId: workload.school.schoolId, studentId: target.studentId, outcomeId: target.outcomeId },
    } as PortfolioCommand;
    const actor = { id: target.studentId, role: 'student', schoolId: workload.school.schoolId } as Actor;
    const result = await handler.handle({
      aggregate: portfolioAggregate,
      streamName: target.streamName,
      command,
      recordedCommand: { type: command.type, data: command.data },
      envelope: { commandId: `lag.${i}`, now: target.now, actor },
      context: (envelope) => E.right({ now: envelope.now, actor: envelope.actor, policy }),
    });
    if (E.isLeft(result)) throw new Error(result.left.message.en);
    target.selected = !target.selected;
    const position = result.right.events[0]!.position;
    const at = await new Promise<number>((resolve) => {
      waiting = { position, resolve };
      void runner.current().then((stored) => stored.position >= position && resolve(now()));
    });
    waiting = null;
    if (i >= 20) lags.push(at - appendedAt);
  }
  await subscription.close();
  return { p50: percentile(lags, 50), p99: percentile(lags, 99), max: Math.max(...lags), samples: lags.length };
};
