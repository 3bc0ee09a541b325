import { schoolStreamName } from '@licheng/domain';
import { InMemoryEventStore, NO_STREAM } from '@licheng/eventstore';
import type { PostgresEventStore } from '@licheng/eventstore-postgres';
import { commandTargets } from './commands';
import { now } from './measure';
import type { EmmettPgStore } from './pgCommands';
import { decodedEvents, storedEvents, storedWorkload } from './workload';

/**
 * The store workload (the in-memory leg's generator, cached in the temp dir) written to both databases: to
 * ours as stored events, the school stream too; to Emmett's as the decoded objects the in-memory Emmett
 * peer keeps (`{ type, data }`), one append per stream on each side. The command targets are computed once
 * and each side gets its own copy, as each side's streams change apart.
 */
export const loadPgWorkload = async (
  seed: number,
  students: number,
  ours: PostgresEventStore,
  theirs: EmmettPgStore,
) => {
  const memory = new InMemoryEventStore();
  const workload = await storedWorkload(memory, seed, students);
  const ourTargets = await commandTargets(workload, memory);
  const school = schoolStreamName(workload.school.schoolId);
  const appended = await ours.appendToStream(school, await storedEvents(memory, school), NO_STREAM);
  if (appended._tag === 'Left') throw new Error(appended.left.message.en);
  const seconds = { ours: 0, theirs: 0 };
  for (const { streamName } of workload.streams) {
    const events = await storedEvents(memory, streamName);
    let start = now();
    const ourAppend = await ours.appendToStream(streamName, events, NO_STREAM);
    if (ourAppend._tag === 'Left') throw new Error(ourAppend.left.message.en);
    seconds.ours += (now() - start) / 1000;
    const decoded = decodedEvents(streamName, events).map((event) => ({ type: event.type, data: event.data }));
    start = now();
    await theirs.appendToStream(streamName, decoded as never);
    seconds.theirs += (now() - start) / 1000;
  }
  return { workload, seconds, ourTargets, theirTargets: ourTargets.map((target) => ({ ...target })) };
};
