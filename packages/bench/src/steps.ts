import './production';
import * as E from 'fp-ts/Either';
import { type Actor, type PortfolioCommand } from '@licheng/domain';
import { backdated } from '@licheng/domain/internal';
import { createCachingLoader, eventIdOf, InMemoryEventStore, portfolioAggregate } from '@licheng/eventstore';
import { headHashOf, prepareBatch } from '@licheng/eventstore/internal';
import { commandPolicy, commandTargets } from './commands';
import { now } from './measure';
import { storedWorkload } from './workload';

/**
 * Where a cached command's time goes (docs/performance.md): the steps of `handler.ts`, in its order, each
 * timed apart over the quick workload's 400 streams. Not part of `npm run bench`; run it after a build:
 * `node packages/bench/dist/steps.js [rounds]`. Each round drives commands for 2 s and prints µs per step.
 */
const STEPS = ['load', 'context', 'decide', 'id', 'prepare', 'append', 'advance'] as const;
type Step = (typeof STEPS)[number];

const main = async (rounds: number): Promise<void> => {
  const store = new InMemoryEventStore();
  const workload = await storedWorkload(store, 2024, 400);
  const targets = await commandTargets(workload, store);
  const policy = commandPolicy(workload);
  const schoolId = workload.school.schoolId;
  const aggregate = portfolioAggregate;
  // As the bench's warm figure runs it: the cache answers from memory, and the append confirms.
  const loader = createCachingLoader(store, { maxStreams: targets.length + 10, foldInPlace: true, optimistic: true });
  for (const target of targets) await loader(aggregate, target.streamName);
  for (let round = 0; round < rounds; round++) {
    const total: Record<Step, number> = Object.fromEntries(STEPS.map((step) => [step, 0])) as Record<Step, number>;
    let commands = 0;
    const start = now();
    while (now() - start < 2_000) {
      for (const target of targets) {
        let t = now();
        const lap = (step: Step) => {
          const x = now();
          total[step] += x - t;
          t = x;
        };
        const loaded = await loader(aggregate, target.streamName, { confirmedByAppend: true });
        if (E.isLeft(loaded)) throw new Error(loaded.left.message.en);
        lap('load');
        const { state, version, last } = loaded.right;
        const commandId = `steps.${target.studentId}.${target.commands}`;
        const command = {
          type: target.selected ? 'DeselectCourseOutcome' : 'SelectCourseOutcome',
          data: { schoolId, studentId: target.studentId, outcomeId: target.outcomeId },
        } as PortfolioCommand;
        const actor = { id: target.studentId, role: 'student', schoolId } as Actor;
        if (backdated(target.now, last?.metadata.occurredAt, target.streamName)) throw new Error('back-dated');
        lap('context');
        const decided = aggregate.decider.decide(command, state, { now: target.now, actor, policy });
        if (E.isLeft(decided)) throw new Error(decided.left.message.en);
        lap('decide');
        const ids = decided.right.map((_, i) => eventIdOf(target.streamName, commandId, i));
        lap('id');
        const metadata = { occurredAt: target.now, actor, commandId, correlationId: commandId, causationId: commandId };
        const commandRecord = { command: { type: command.type, data: command.data } };
        const prevHash = await headHashOf(store, target.streamName, version, last?.metadata);
        const prepared = prepareBatch(aggregate.serializer, target.streamName, version, prevHash, decided.right, ids, {
          metadata,
          commandRecord,
        });
        if (E.isLeft(prepared)) throw new Error(prepared.left.message.en);
        const { batch, readBack } = prepared.right;
        lap('prepare');
        const appended = await store.appendToStream(target.streamName, batch, version);
        if (E.isLeft(appended)) throw new Error(appended.left.message.en);
        lap('append');
        const positions = appended.right.positions;
        if (positions?.length !== batch.length) throw new Error('the in-memory store reports where it wrote');
        const first = appended.right.nextVersion - batch.length + 1;
        const written = readBack.map((envelope, i) =>
          Object.assign({}, envelope, { revision: first + i, position: positions[i]! }),
        );
        await loader.appended?.(aggregate, target.streamName, loaded.right, written);
        lap('advance');
        target.selected = !target.selected;
        target.commands += 1;
        commands += 1;
      }
    }
    const all = STEPS.reduce((sum, step) => sum + total[step], 0);
    const us = (ms: number) => ((ms * 1000) / commands).toFixed(1);
    console.log(
      `${commands} commands, ${us(all)} µs: ${STEPS.map((s) => `${s} ${us(total[s])} (${Math.round((100 * total[s]) / all)} %)`).join(', ')}`,
    );
  }
};

if (require.main === module) {
  main(Number(process.argv[2] ?? 3)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
