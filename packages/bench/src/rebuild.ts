import { createReadStream } from 'node:fs';
import * as E from 'fp-ts/Either';
import type { RecordedEvent } from '@licheng/eventstore';
import {
  applyEvents,
  asReportsView,
  compactReportsProjection,
  rebuildFromLog,
  classConfirmationReport,
  classesOf,
  decodeRecorded,
  lineBatches,
  lineSplitter,
  outcomeStatusReport,
  outcomeUsageStatistics,
  performanceSelectionReport,
  reportsProjection,
  studentNotice,
  uncertifiedTeacherReport,
  type ProjectedEvent,
  type ReportsView,
} from '@licheng/projections';
import { now, rssMB } from './measure';

/**
 * One pass reading the file's bytes, in the chunks the rebuild reads, and its seconds: the floor's reading. The
 * first pass also puts the file in the page cache.
 */
export const readPass = async (file: string): Promise<number> => {
  const start = now();
  for await (const _chunk of createReadStream(file, { highWaterMark: 1 << 20 }));
  return (now() - start) / 1000;
};

/** The floor for lines of a log: each line parsed and its type switched on, nothing more. Returns the lines parsed. */
const floorLines = (lines: ReadonlyArray<string>): number => {
  let seen = 0;
  for (const line of lines) {
    const record = JSON.parse(line) as { type: string; data: Record<string, unknown> };
    switch (record.type) {
      case 'CourseOutcomeUploaded':
      case 'CourseOutcomeCertified':
        seen += record.data['outcomeId'] === undefined ? 0 : 1;
        break;
      case 'PerformanceRecorded':
        seen += record.data['performanceId'] === undefined ? 0 : 1;
        break;
      default:
        seen += 1;
    }
  }
  if (seen < 0) throw new Error('unreachable');
  return lines.length;
};

/** The floor's parsing of the lines a rebuild reads: its time and its lines. */
export interface Floor {
  parseMs: number;
  events: number;
}

/** 32 MiB: a segment's floor takes about a seventh of a second, and at most one young collection of either side falls on the other. */
const SEGMENT_BYTES = 32 << 20;

/**
 * The file's chunks for a rebuild to read, with the floor (its own line splitting, parse and switch, timed
 * apart) run on each 32 MiB segment of them, alternately just before and just after the rebuild reads it.
 * The rebuild's time is its wall time less the floor's. A slow stretch of a shared machine, which moves one
 * whole pass over the file by a third, falls on both alike.
 */
export async function* chunksWithFloor(file: string, floor: Floor): AsyncGenerator<Buffer> {
  const splitter = lineSplitter();
  const parse = (chunks: ReadonlyArray<Buffer>, last: boolean): void => {
    const start = now();
    for (const chunk of chunks) floor.events += floorLines(splitter.push(chunk));
    if (last) floor.events += floorLines(splitter.end());
    floor.parseMs += now() - start;
  };
  let segment: Buffer[] = [];
  let bytes = 0;
  let floorFirst = true;
  function* pass(last: boolean): Generator<Buffer> {
    if (floorFirst) parse(segment, last);
    yield* segment;
    if (!floorFirst) parse(segment, last);
    floorFirst = !floorFirst;
    segment = [];
    bytes = 0;
  }
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    segment.push(chunk);
    bytes += chunk.length;
    if (bytes >= SEGMENT_BYTES) yield* pass(false);
  }
  yield* pass(true);
}

/** Every report of every school of the view for one school year: what a rebuild is for. */
export const everyReport = (view: ReportsView, schoolYear: number): number => {
  let reports = 0;
  const terms = [`${schoolYear}1`, `${schoolYear}2`];
  const ok = <T>(result: E.Either<unknown, T>): T => {
    if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
    reports += 1;
    return result.right;
  };
  for (const [schoolId, school] of Object.entries(view.schools)) {
    const classes = classesOf(school.policy, schoolYear);
    for (const term of terms) {
      for (const klass of classes) ok(classConfirmationReport(view, { schoolId, classId: klass.classId, term }));
      ok(outcomeStatusReport(view, { schoolId, term }));
      ok(uncertifiedTeacherReport(view, { schoolId, term }));
      ok(outcomeUsageStatistics(view, { schoolId, term }));
    }
    for (const klass of classes) ok(performanceSelectionReport(view, { schoolId, classId: klass.classId, schoolYear }));
    for (const studentId of Object.keys(school.policy.students)) ok(studentNotice(view, { schoolId, studentId, schoolYear }));
  }
  return reports;
};

export interface RebuildResult {
  /** The rebuild's own time: its wall time less the floor's. */
  readonly seconds: number;
  readonly events: number;
  readonly reports: number;
  readonly peakRssMB: number;
  /** The floor's parsing of the same lines, measured in segments between the rebuild's (its reading is `readPass`). */
  readonly floorParseSeconds: number;
  /** Events folded and the rebuild's own seconds, at checkpoints through the file. */
  readonly progress: ReadonlyArray<{ events: number; seconds: number }>;
}

/** The clock of one rebuild with its floor: checkpoints, peak RSS and the result, the floor's time taken out. */
const rebuildClock = () => {
  const floor: Floor = { parseMs: 0, events: 0 };
  const start = now();
  const own = (): number => (now() - start - floor.parseMs) / 1000;
  let peak = rssMB();
  const progress: { events: number; seconds: number }[] = [];
  return {
    chunks: (file: string) => chunksWithFloor(file, floor),
    checkpoint: (events: number): void => {
      peak = Math.max(peak, rssMB());
      progress.push({ events, seconds: own() });
    },
    sampleRss: (): void => {
      peak = Math.max(peak, rssMB());
    },
    result: (events: number, reports: number): RebuildResult => {
      const seconds = own();
      peak = Math.max(peak, rssMB());
      progress.push({ events, seconds });
      if (floor.events !== events) throw new Error(`the floor parsed ${floor.events} lines, the rebuild folded ${events}`);
      return { seconds, events, reports, peakRssMB: peak, floorParseSeconds: floor.parseMs / 1000, progress };
    },
  };
};

/** The existing reports projection (full portfolio state per student), folded in batches with immer. */
export const rebuildFull = async (file: string, schoolYear: number, batchSize = 5_000): Promise<RebuildResult> => {
  const clock = rebuildClock();
  let view: ReportsView = reportsProjection.initialView;
  let batch: ProjectedEvent[] = [];
  let events = 0;
  for await (const chunk of lineBatches(clock.chunks(file))) for (const line of chunk) {
    const decoded = decodeRecorded(JSON.parse(line) as RecordedEvent);
    if (E.isLeft(decoded)) throw new Error(decoded.left.message.en);
    batch.push(decoded.right);
    if (batch.length === batchSize) {
      view = applyEvents(reportsProjection, view, batch);
      events += batch.length;
      batch = [];
      if (events % 200_000 === 0) clock.checkpoint(events);
    }
  }
  view = applyEvents(reportsProjection, view, batch);
  events += batch.length;
  clock.sampleRss();
  return clock.result(events, everyReport(view, schoolYear));
};

/**
 * The library's rebuild path: the NDJSON log read as a stream into the compact reports view, folded in
 * place, then every report computed from it.
 */
export const rebuildCompact = async (file: string, schoolYear: number): Promise<RebuildResult> => {
  const clock = rebuildClock();
  let next = 200_000;
  let folded = 0;
  const rebuilt = await rebuildFromLog(clock.chunks(file), compactReportsProjection, {
    onBatch: (events) => {
      folded = events;
      if (events < next) return;
      next += 200_000;
      clock.checkpoint(events);
    },
  });
  if (E.isLeft(rebuilt)) throw new Error(rebuilt.left.message.en);
  clock.sampleRss();
  return clock.result(folded, everyReport(asReportsView(rebuilt.right.view), schoolYear));
};
