import { InMemoryEventStore, loadStream, portfolioAggregate } from '@licheng/eventstore';
import * as E from 'fp-ts/Either';
import { collectGarbage, collectYoungGarbage, now } from './measure';
import { storedEvents, storedTextOf, type StoredWorkload } from './workload';

/**
 * The floor: the same stored text replay reads, each event's data and metadata parsed and its type
 * switched on, and nothing else. Written here, in the bench, so that it owes nothing to the library.
 */
const textOf = (stored: string | Buffer): string => (typeof stored === 'string' ? stored : stored.toString('utf8'));

export const floorLoop = (
  texts: ReadonlyArray<{ type: string; data: string | Buffer; metadata: string | Buffer }>,
): number => {
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
 * Each event's data text parsed and nothing else: what a cold command pays even with its metadata, decoding
 * and fold free. Against Emmett, whose store keeps objects, it bounds `coldEmmettRatio` from above.
 */
export const dataParseLoop = (texts: ReadonlyArray<{ data: string | Buffer }>): number => {
  let seen = 0;
  for (const text of texts) seen += JSON.parse(textOf(text.data)) === null ? 0 : 1;
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
  /** Events per second of `dataParseLoop` over the same texts, timed after the rounds. */
  readonly dataParseEventsPerSecond: number;
  /** The companion's events per second, if one was measured. */
  readonly companionEventsPerSecond: number | null;
  readonly streams: number;
  readonly events: number;
}

/** How the streams are cut and the companion spread over each round. */
export interface Interleaving {
  readonly rounds: number;
  /** Parts per round; each part is parsed by the floor once and replayed once. */
  readonly parts: number;
  /** The companion makes one pass after every this many parts. */
  readonly companionEvery: number;
}

/**
 * Floor, replay (and a companion) over the same streams, interleaved so that none gets a quieter machine.
 * Each round walks short parts as F0 F1 R0 F2 R1 … R(n-1): a part's replay is timed within a fraction of a
 * second of the floor's parse of the next one, so a slow stretch of a shared machine falls on both alike, and
 * another part's parse stands between the floor's parse of a part and its replay (which made no measurable
 * difference here, but the floor's text should not be found in the caches). The companion runs after every
 * `companionEvery` parts. A timed part begins after a collection: a full one at the start of a round and after
 * the companion, whose garbage is old and plentiful; of the young generation otherwise.
 */
export const measureReplay = async (
  store: InMemoryEventStore,
  workload: StoredWorkload,
  { rounds, parts, companionEvery }: Interleaving,
  companion?: Companion,
): Promise<ReplayResult> => {
  const names = workload.streams.map((s) => s.streamName);
  const texts = names.map((name) => storedTextOf(store, name));
  const events = texts.reduce((n, t) => n + t.length, 0);
  // Warm both paths up (up to 400 streams, over 100,000 events each), so that rounds measure steady state, not the JIT
  // compiling.
  for (const name of names.slice(0, 400)) await loadStream(store, portfolioAggregate, name);
  for (const t of texts.slice(0, 400)) floorLoop(t);
  for (const t of texts.slice(0, 400)) dataParseLoop(t);
  const bounds = Array.from({ length: parts + 1 }, (_, i) => Math.round((i * names.length) / parts));
  let floorMs = 0;
  let dataParseMs = 0;
  let replayMs = 0;
  let companionMs = 0;
  let companionRuns = 0;
  // A full collection of the bench's heap takes about 70 ms (quick) and the young generation's one or two:
  // 48 full ones would add seconds to a quick run.
  let collectFully = true;
  const collect = (): void => {
    if (collectFully) collectGarbage();
    else collectYoungGarbage();
    collectFully = false;
  };
  const floorPart = (part: number): void => {
    collect();
    const start = now();
    for (let i = bounds[part]!; i < bounds[part + 1]!; i++) floorLoop(texts[i]!);
    floorMs += now() - start;
  };
  const replayPart = async (part: number): Promise<void> => {
    collect();
    const start = now();
    for (let i = bounds[part]!; i < bounds[part + 1]!; i++) {
      const loaded = await loadStream(store, portfolioAggregate, names[i]!);
      if (E.isLeft(loaded)) throw new Error(loaded.left.message.en);
    }
    replayMs += now() - start;
  };
  const companionAfter = (done: number): void => {
    if (!companion || done % companionEvery !== 0) return;
    collectYoungGarbage();
    const start = now();
    companion.run();
    companionMs += now() - start;
    companionRuns += 1;
    collectFully = true;
  };
  for (let round = 0; round < rounds; round++) {
    collectFully = true;
    floorPart(0);
    for (let part = 1; part <= parts; part++) {
      if (part < parts) floorPart(part);
      await replayPart(part - 1);
      companionAfter(part);
    }
  }
  // Apart from the rounds, so that the floor and replay alternate exactly as before; only coldCeilingRatio uses it.
  for (let round = 0; round < rounds; round++) {
    collectGarbage();
    const start = now();
    for (const text of texts) dataParseLoop(text);
    dataParseMs += now() - start;
  }
  return {
    floorEventsPerSecond: (events * rounds) / (floorMs / 1000),
    replayEventsPerSecond: (events * rounds) / (replayMs / 1000),
    dataParseEventsPerSecond: (events * rounds) / (dataParseMs / 1000),
    companionEventsPerSecond:
      companion && companionRuns > 0 ? (companion.events * companionRuns) / (companionMs / 1000) : null,
    streams: names.length,
    events,
  };
};

/** Replay time of one stream against its length: each stream cut to `length` events, in a store of its own. */
export const replayByLength = async (
  workload: StoredWorkload,
  from: InMemoryEventStore,
  lengths: ReadonlyArray<number>,
  sample: number,
) => {
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
    for (let round = 0; round < 3; round++)
      for (const s of chosen) await loadStream(store, portfolioAggregate, s.streamName);
    const ms = (now() - start) / 3;
    rows.push({
      length,
      microsPerLoad: (ms * 1000) / chosen.length,
      eventsPerSecond: (chosen.length * length) / (ms / 1000),
    });
  }
  return rows;
};
