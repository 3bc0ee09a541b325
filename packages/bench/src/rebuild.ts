import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
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
  type ReportsSource,
  type ReportsView,
} from '@licheng/projections';
import { now, rssMB } from './measure';

/** Reads the file's bytes once, so that the floor and the rebuild both read from the page cache. */
export const warmFileCache = async (file: string): Promise<void> => {
  for await (const _chunk of createReadStream(file, { highWaterMark: 1 << 22 }));
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

/**
 * About 32 MiB of the city log: a segment of floor takes a tenth of a second or more, so that at most one young
 * collection of either side falls on the other.
 */
const SEGMENT_EVENTS = 35_000;

/**
 * The floor over the log a rebuild reads, run in segments between the rebuild's: its own reads of the file
 * (synchronous, into one buffer, so that it leaves the rebuild no memory to collect beyond its young
 * garbage), the same line splitter, each line parsed and its type switched on. `catchUp` parses as many
 * lines as the rebuild has folded once it is a segment behind; `finish` parses the rest. A slow stretch of a
 * shared machine, which moves one whole pass over the file by a third, falls on both alike.
 */
export const floorAlongside = (file: string) => {
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafeSlow(1 << 20);
  const splitter = lineSplitter();
  let ms = 0;
  let events = 0;
  let done = false;
  const parseUntil = (target: number): void => {
    const start = now();
    while (events < target && !done) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) {
        events += floorLines(splitter.end());
        done = true;
        closeSync(fd);
      } else events += floorLines(splitter.push(buffer.subarray(0, read)));
    }
    ms += now() - start;
  };
  return {
    catchUp: (folded: number): void => {
      if (folded - events >= SEGMENT_EVENTS) parseUntil(folded);
    },
    finish: (): { seconds: number; events: number } => {
      parseUntil(Number.POSITIVE_INFINITY);
      return { seconds: ms / 1000, events };
    },
    /** The floor's milliseconds so far, to take out of the rebuild's wall time. */
    ms: (): number => ms,
  };
};

/** Every report of every school of the view for one school year: what a rebuild is for. */
export const everyReport = (view: ReportsSource, schoolYear: number): number => {
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
    for (const studentId of Object.keys(school.policy.students))
      ok(studentNotice(view, { schoolId, studentId, schoolYear }));
  }
  return reports;
};

export interface RebuildResult {
  /** The rebuild's own time: its wall time less the floor's. */
  readonly seconds: number;
  readonly events: number;
  readonly reports: number;
  readonly peakRssMB: number;
  /** The floor over the same file, measured in segments between the rebuild's. */
  readonly floorSeconds: number;
  /** Events folded and the rebuild's own seconds, at checkpoints through the file. */
  readonly progress: ReadonlyArray<{ events: number; seconds: number }>;
}

/**
 * The clock of one rebuild with its floor alongside: checkpoints, peak RSS and the result, the floor's time taken out.
 */
const rebuildClock = (file: string) => {
  const floor = floorAlongside(file);
  const start = now();
  const own = (): number => (now() - start - floor.ms()) / 1000;
  let peak = rssMB();
  const progress: { events: number; seconds: number }[] = [];
  return {
    /** Called as the rebuild folds: a checkpoint every 200,000 events, and the floor's segments between. */
    folded: (events: number, checkpoint: boolean): void => {
      if (checkpoint) {
        peak = Math.max(peak, rssMB());
        progress.push({ events, seconds: own() });
      }
      floor.catchUp(events);
    },
    sampleRss: (): void => {
      peak = Math.max(peak, rssMB());
    },
    result: (events: number, reports: number): RebuildResult => {
      // The rest of the floor first, so that the rebuild's time is taken after it and without it.
      const parsed = floor.finish();
      const seconds = own();
      peak = Math.max(peak, rssMB());
      progress.push({ events, seconds });
      if (parsed.events !== events)
        throw new Error(`the floor parsed ${parsed.events} lines, the rebuild folded ${events}`);
      return { seconds, events, reports, peakRssMB: peak, floorSeconds: parsed.seconds, progress };
    },
  };
};

/** The existing reports projection (full portfolio state per student), folded in batches with immer. */
export const rebuildFull = async (file: string, schoolYear: number, batchSize = 5_000): Promise<RebuildResult> => {
  const clock = rebuildClock(file);
  let view: ReportsView = reportsProjection.initialView;
  let batch: ProjectedEvent[] = [];
  let events = 0;
  for await (const chunk of lineBatches(createReadStream(file, { highWaterMark: 1 << 20 })))
    for (const line of chunk) {
      const decoded = decodeRecorded(JSON.parse(line) as RecordedEvent);
      if (E.isLeft(decoded)) throw new Error(decoded.left.message.en);
      batch.push(decoded.right);
      if (batch.length === batchSize) {
        view = applyEvents(reportsProjection, view, batch);
        events += batch.length;
        batch = [];
        clock.folded(events, events % 200_000 === 0);
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
  const clock = rebuildClock(file);
  let next = 200_000;
  let folded = 0;
  const rebuilt = await rebuildFromLog(file, compactReportsProjection, {
    onBatch: (events) => {
      folded = events;
      const checkpoint = events >= next;
      if (checkpoint) next += 200_000;
      clock.folded(events, checkpoint);
    },
  });
  if (E.isLeft(rebuilt)) throw new Error(rebuilt.left.message.en);
  clock.sampleRss();
  return clock.result(folded, everyReport(asReportsView(rebuilt.right.view), schoolYear));
};
