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

/** The file's lines a chunk at a time, read as rebuildFromLog reads them: the floor and the rebuild differ only in what they do with a line. */
const lines = (file: string) => lineBatches(createReadStream(file, { highWaterMark: 1 << 20 }));

/** Reads the file's bytes once, so that the floor and the rebuild after it both read from the page cache. */
export const warmFileCache = async (file: string): Promise<void> => {
  for await (const _chunk of createReadStream(file, { highWaterMark: 1 << 22 }));
};

/** The floor for a log file: read as a stream, each line parsed and its type switched on, nothing more. */
export const floorParse = async (file: string): Promise<{ seconds: number; events: number }> => {
  const start = now();
  let events = 0;
  let seen = 0;
  for await (const batch of lines(file)) for (const line of batch) {
    const record = JSON.parse(line) as { type: string; data: Record<string, unknown> };
    events += 1;
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
  return { seconds: (now() - start) / 1000, events };
};

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
  readonly seconds: number;
  readonly events: number;
  readonly reports: number;
  readonly peakRssMB: number;
  /** Events folded and seconds elapsed, at checkpoints through the file. */
  readonly progress: ReadonlyArray<{ events: number; seconds: number }>;
}

/** The existing reports projection (full portfolio state per student), folded in batches with immer. */
export const rebuildFull = async (file: string, schoolYear: number, batchSize = 5_000): Promise<RebuildResult> => {
  const start = now();
  let peak = rssMB();
  let view: ReportsView = reportsProjection.initialView;
  let batch: ProjectedEvent[] = [];
  let events = 0;
  const progress: { events: number; seconds: number }[] = [];
  for await (const chunk of lines(file)) for (const line of chunk) {
    const decoded = decodeRecorded(JSON.parse(line) as RecordedEvent);
    if (E.isLeft(decoded)) throw new Error(decoded.left.message.en);
    batch.push(decoded.right);
    if (batch.length === batchSize) {
      view = applyEvents(reportsProjection, view, batch);
      events += batch.length;
      batch = [];
      if (events % 200_000 === 0) {
        peak = Math.max(peak, rssMB());
        progress.push({ events, seconds: (now() - start) / 1000 });
      }
    }
  }
  view = applyEvents(reportsProjection, view, batch);
  events += batch.length;
  peak = Math.max(peak, rssMB());
  const reports = everyReport(view, schoolYear);
  peak = Math.max(peak, rssMB());
  const seconds = (now() - start) / 1000;
  progress.push({ events, seconds });
  return { seconds, events, reports, peakRssMB: peak, progress };
};

/**
 * The library's rebuild path: the NDJSON log read as a stream into the compact reports view, folded in
 * batches in place, then every report computed from it.
 */
export const rebuildCompact = async (file: string, schoolYear: number): Promise<RebuildResult> => {
  const start = now();
  let peak = rssMB();
  const progress: { events: number; seconds: number }[] = [];
  let next = 200_000;
  let folded = 0;
  const rebuilt = await rebuildFromLog(file, compactReportsProjection, {
    onBatch: (events) => {
      folded = events;
      if (events < next) return;
      next += 200_000;
      peak = Math.max(peak, rssMB());
      progress.push({ events, seconds: (now() - start) / 1000 });
    },
  });
  if (E.isLeft(rebuilt)) throw new Error(rebuilt.left.message.en);
  peak = Math.max(peak, rssMB());
  const reports = everyReport(asReportsView(rebuilt.right.view), schoolYear);
  peak = Math.max(peak, rssMB());
  const seconds = (now() - start) / 1000;
  const events = folded;
  progress.push({ events, seconds });
  return { seconds, events, reports, peakRssMB: peak, progress };
};
