import { InMemoryEventStore, loadStream, portfolioAggregate } from '@licheng/eventstore';
import * as E from 'fp-ts/Either';
import { collectGarbage, now } from './measure';
import { storedEvents, storedTextOf, type StoredWorkload } from './workload';

/**
 * The floor: the same stored text replay reads, each event's data and metadata parsed and its type
 * switched on, and nothing else. Written here, in the bench, so that it owes nothing to the library.
 */
const textOf = (stored: string | Buffer): string => (typeof stored === 'string' ? stored : stored.toString('utf8'));

export const floorLoop = (texts: ReadonlyArray<{ type: string; data: string | Buffer; metadata: string | Buffer }>): number => {
  let seen = 0;
  for (const text of texts) {
    const data = JSON.parse(textOf(text.data)) as Record<string, unknown>;
    const metadata = JSON.parse(textOf(text.metadata)) as Record<string, unknown>;
    switch (text.type) {
      case 'CourseOutcomeUploaded':
      case 'CourseOutcomeEdited':
      case 'CourseOutcomeSentForCertification':
      case 'CourseOutcomeCertified':
      case 'CourseOutcomeDeleted':
        seen += data['outcomeId'] === undefined ? 0 : 1;
        break;
      case 'PerformanceRecorded':
      case 'PerformanceEdited':
      case 'PerformanceDeleted':
      case 'CadreRecordSynced':
      case 'CadreProofAttached':
        seen += data['performanceId'] === undefined ? 0 : 1;
        break;
      default:
        seen += metadata['commandId'] === undefined ? 0 : 1;
    }
  }
  return seen;
};

/**
 * Other work measured in the same rounds as replay (the audit), so that its ratio to replay compares the
 * same stretches of time: on a shared machine the same code runs a third faster or slower from one minute
 * to the next, and a ratio of two measurements minutes apart would carry that.
 */
export interface Companion {
  readonly events: number;
  /** One pass over its events; it has had a whole pass of warm-up already. */
  readonly run: () => void;
}

export interface ReplayResult {
  readonly floorEventsPerSecond: number;
  readonly replayEventsPerSecond: number;
  /** The companion's events per second, if one was measured. */
  readonly companionEventsPerSecond: number | null;
  readonly streams: number;
  readonly events: number;
}

/** Floor, replay (and a companion) over the same streams, interleaved in rounds so that none gets a quieter machine. */
export const measureReplay = async (
  store: InMemoryEventStore,
  workload: StoredWorkload,
  rounds: number,
  companion?: Companion,
  slices = 1,
): Promise<ReplayResult> => {
  const names = workload.streams.map((s) => s.streamName);
  const texts = names.map((name) => storedTextOf(store, name));
  const events = texts.reduce((n, t) => n + t.length, 0);
  // Warm both paths up (up to 400 streams, over 100,000 events each), so that rounds measure steady state, not the JIT compiling.
  for (const name of names.slice(0, 400)) await loadStream(store, portfolioAggregate, name);
  for (const t of texts.slice(0, 400)) floorLoop(t);
  // Each round is cut in slices, and each slice of streams is parsed, one companion pass made, and the slice
  // replayed: parts a few tenths of a second long, so that a slow minute on a shared machine falls on all of them alike.
  const bounds = Array.from({ length: slices + 1 }, (_, i) => Math.round((i * names.length) / slices));
  let floorMs = 0;
  let replayMs = 0;
  let companionMs = 0;
  for (let round = 0; round < rounds; round++) {
    for (let slice = 0; slice < slices; slice++) {
      const [from, to] = [bounds[slice]!, bounds[slice + 1]!];
      // Floor and replay begin on a collected heap, so that neither pays for the garbage of the part before it.
      collectGarbage();
      let start = now();
      for (let i = from; i < to; i++) floorLoop(texts[i]!);
      floorMs += now() - start;
      // The companion between them, so that replay does not find the slice's text still in the processor's caches.
      // (The floor leaves only young garbage, which costs the companion nothing; replay gets a collected heap.)
      if (companion) {
        start = now();
        companion.run();
        companionMs += now() - start;
      }
      collectGarbage();
      start = now();
      for (let i = from; i < to; i++) {
        const loaded = await loadStream(store, portfolioAggregate, names[i]!);
        if (E.isLeft(loaded)) throw new Error(loaded.left.message.en);
      }
      replayMs += now() - start;
    }
  }
  return {
    floorEventsPerSecond: (events * rounds) / (floorMs / 1000),
    replayEventsPerSecond: (events * rounds) / (replayMs / 1000),
    companionEventsPerSecond: companion ? (companion.events * rounds * slices) / (companionMs / 1000) : null,
    streams: names.length,
    events,
  };
};

/** Replay time of one stream against its length: each stream cut to `length` events, in a store of its own. */
export const replayByLength = async (workload: StoredWorkload, from: InMemoryEventStore, lengths: ReadonlyArray<number>, sample: number) => {
  const rows: { length: number; microsPerLoad: number; eventsPerSecond: number }[] = [];
  for (const length of lengths) {
    const store = new InMemoryEventStore();
    const chosen: { streamName: string }[] = [];
    for (const s of workload.streams) {
      if (chosen.length === sample) break;
      const events = await storedEvents(from, s.streamName);
      if (events.length < length) continue;
      await store.appendToStream(s.streamName, events.slice(0, length), 'no_stream');
      chosen.push(s);
    }
    for (const s of chosen.slice(0, 20)) await loadStream(store, portfolioAggregate, s.streamName);
    const start = now();
    for (let round = 0; round < 3; round++) for (const s of chosen) await loadStream(store, portfolioAggregate, s.streamName);
    const ms = (now() - start) / 3;
    rows.push({ length, microsPerLoad: (ms * 1000) / chosen.length, eventsPerSecond: (chosen.length * length) / (ms / 1000) });
  }
  return rows;
};
