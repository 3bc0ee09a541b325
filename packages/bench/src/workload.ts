import { portfolioAggregate, type InMemoryEventStore, type NewEvent } from '@licheng/eventstore';
import {
  appendToStore,
  generateSchool,
  studentStreams,
  type GeneratedSchool,
  type GeneratedStream,
} from '@licheng/testing';
import * as E from 'fp-ts/Either';
import type { PortfolioEvent } from '@licheng/domain';
import { readWorkload } from './workloadCache';

export interface StoreWorkload {
  readonly school: GeneratedSchool;
  readonly streams: ReadonlyArray<{
    readonly streamName: string;
    readonly studentId: string;
    readonly events: ReadonlyArray<NewEvent>;
  }>;
  readonly events: number;
}

/** One school of `students` three-year streams (about 280 events each), generated from the seed. */
export const BENCH_SCHOOL_ID = 'tp_bench';

export const storeWorkload = (seed: number, students: number, schoolId = BENCH_SCHOOL_ID): StoreWorkload => {
  const school = generateSchool({ seed, schoolId, students });
  const streams: GeneratedStream[] = [...studentStreams(school)];
  return {
    school,
    streams: streams.map((s, i) => ({ ...s, studentId: school.students[i]!.studentId })),
    events: streams.reduce((n, s) => n + s.events.length, 0),
  };
};

export const loadInto = async (store: InMemoryEventStore, workload: StoreWorkload): Promise<void> => {
  await appendToStore(store, [workload.school, ...workload.streams]);
};

/** A workload once in a store: per stream its name and student, the events only in the store. */
export interface StoredWorkload {
  readonly school: GeneratedSchool;
  readonly streams: ReadonlyArray<{ readonly streamName: string; readonly studentId: string }>;
  readonly events: number;
}

/**
 * Puts a workload into the store (generated once, then read back from the temp dir one stream at a time)
 * and keeps none of its events: a million of them held as objects would weigh on every collection during
 * the measurements, which a service holding only its store would not pay. Whatever needs events afterwards
 * reads them from the store.
 */
export const storedWorkload = async (
  store: InMemoryEventStore,
  seed: number,
  students: number,
): Promise<StoredWorkload> => {
  const { school, streams } = await readWorkload({ seed, students, schoolId: BENCH_SCHOOL_ID });
  await appendToStore(store, [school]);
  const names: { streamName: string; studentId: string }[] = [];
  let events = 0;
  for await (const { streamName, studentId, events: stream } of streams) {
    await appendToStore(store, [{ streamName, events: stream }]);
    names.push({ streamName, studentId });
    events += stream.length;
  }
  return { school, streams: names, events };
};

/** A stream's events as the store hands them back, ready to append elsewhere. */
export const storedEvents = async (store: InMemoryEventStore, streamName: string): Promise<NewEvent[]> =>
  (await store.readStream(streamName)).map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata }));

/** What the in-memory store holds for a stream: the JSON text of each event's data and metadata. */
export interface StoredText {
  readonly type: string;
  /** JSON text, as a string or as its UTF-8 bytes, however the store keeps it. */
  readonly data: string | Buffer;
  readonly metadata: string | Buffer;
}

/** Reads the store's own stored text (a private field: the floor must parse exactly what replay parses). */
export const storedTextOf = (store: InMemoryEventStore, streamName: string): ReadonlyArray<StoredText> => {
  const streams = (store as unknown as { streams: Map<string, { events: StoredText[] }> }).streams;
  return streams.get(streamName)?.events ?? [];
};

/** The stream's events decoded, as objects (what Emmett's store keeps). */
export const decodedEvents = (streamName: string, events: ReadonlyArray<NewEvent>): PortfolioEvent[] =>
  events.map((event, revision) => {
    const decoded = portfolioAggregate.serializer.decode({
      ...event,
      streamName,
      revision,
      position: revision,
      data: JSON.parse(JSON.stringify(event.data)),
      metadata: JSON.parse(JSON.stringify(event.metadata)),
    });
    if (E.isLeft(decoded)) throw new Error(decoded.left.message.en);
    return decoded.right.event;
  });
