import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import * as E from 'fp-ts/Either';
import { InMemoryEventStore, type RecordedEvent } from '@licheng/eventstore';
import { appendToStore, generateSchool, NdjsonEventWriter, studentStreams, writeCityLog } from '@licheng/testing';
import { classConfirmationReport } from '../reports/confirmation';
import { outcomeStatusReport, outcomeUsageStatistics } from '../reports/outcomes';
import { classesOf } from '../reports/roster';
import { studentNotice, studentNotices } from '../reports/notice';
import { remindersDue } from '../reports/reminders';
import { outcomeSelectionReport, performanceSelectionReport } from '../reports/students';
import { receptionLog, submissionHistory } from '../reports/submissions';
import { uncertifiedTeacherReport } from '../reports/teachers';
import { reportsProjection, type ReportsSource } from '../reportsView';
import { createProjectionRunner } from '../runner';
import { inMemoryViewStore } from '../viewStore';
import {
  asReportsView,
  compactPortfolioOf,
  compactReportsProjection,
  rebuildFromLog,
  type CompactReportsView,
} from './index';
import type { ReportPortfolio, ReportsView } from '../reportsView';

/** Every report the library has, for every school, class, term, school year and student of the view. */
const everyReport = (view: ReportsSource): unknown[] => {
  const reports: unknown[] = [];
  for (const [schoolId, school] of Object.entries(view.schools).sort(([a], [b]) => a.localeCompare(b))) {
    const years = [...new Set(Object.values(school.policy.classes).map((c) => c.schoolYear))].sort();
    for (const schoolYear of years) {
      const classes = classesOf(school.policy, schoolYear);
      for (const term of [`${schoolYear}1`, `${schoolYear}2`]) {
        for (const klass of classes) {
          for (const filter of ['all', 'pending', 'confirmed'] as const)
            reports.push(classConfirmationReport(view, { schoolId, classId: klass.classId, term, filter }));
        }
        reports.push(
          outcomeStatusReport(view, { schoolId, term }),
          uncertifiedTeacherReport(view, { schoolId, term }),
          outcomeUsageStatistics(view, { schoolId, term }),
        );
      }
      for (const klass of classes) {
        reports.push(
          performanceSelectionReport(view, { schoolId, classId: klass.classId, schoolYear }),
          outcomeSelectionReport(view, { schoolId, classId: klass.classId, schoolYear }),
        );
      }
      for (const studentId of Object.keys(school.policy.students))
        reports.push(studentNotice(view, { schoolId, studentId, schoolYear }));
      reports.push(studentNotices(view, { schoolId, schoolYear }));
      // R-NOTE-1: the teachers' reminder hour on a few days of the year.
      for (const month of ['08', '09', '10', '11', '12'])
        reports.push(remindersDue(view, { schoolId, at: `${schoolYear + 1911}-${month}-01T13:00+08:00` }));
    }
    for (const category of ['courseRecords', 'cadreRecords', 'courseOutcomes', 'performances'] as const)
      reports.push(submissionHistory(view, { schoolId, category }));
    reports.push(receptionLog(view, { schoolId }));
  }
  return reports;
};

const ok = <A>(result: E.Either<{ message: { en: string } }, A>): A => {
  if (E.isLeft(result)) throw new Error(result.left.message.en);
  return result.right;
};

/** A log of three-year streams: one school's stream, then each student's. */
const threeYearLog = async (): Promise<string> => {
  const school = generateSchool({ seed: 11, schoolId: 'tp_three', students: 12, classSize: 5 });
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const writer = new NdjsonEventWriter(out);
  await writer.write(school);
  for (const stream of studentStreams(school)) await writer.write(stream);
  await writer.end();
  return chunks.join('');
};

describe('the compact reports view', () => {
  it('gives exactly the reports of the full view, on a generated city log', async () => {
    const file = join(tmpdir(), `licheng-compact-test-${process.pid}.ndjson`);
    try {
      await writeCityLog({ seed: 3, students: 24, schoolSize: 12, file });
      const full = ok(await rebuildFromLog(file, reportsProjection));
      const compact = ok(await rebuildFromLog(file, compactReportsProjection));
      expect(full.position).toBe(compact.position);
      const expected = everyReport(full.view);
      expect(expected.length).toBeGreaterThan(50);
      expect(everyReport(asReportsView(compact.view))).toEqual(expected);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it(
    'gives the same reports over three school years, and folds in place what the runner folds with ' + 'immer',
    async () => {
      const text = await threeYearLog();
      const fromLog = ok(await rebuildFromLog(PassThrough.from([text]), compactReportsProjection));
      const full = ok(await rebuildFromLog(PassThrough.from([text]), reportsProjection));
      expect(everyReport(asReportsView(fromLog.view))).toEqual(everyReport(full.view));

      const store = new InMemoryEventStore();
      for (const line of text.trimEnd().split('\n')) {
        const { streamName, revision, eventId, type, data, metadata } = JSON.parse(line) as RecordedEvent;
        await store.appendToStream(
          streamName,
          [{ eventId, type, data, metadata }],
          revision === 0 ? 'no_stream' : revision - 1,
        );
      }
      const runner = ok(await createProjectionRunner(store, compactReportsProjection, inMemoryViewStore()).rebuild());
      expect(runner.view).toEqual(fromLog.view);
      const fullRunner = ok(await createProjectionRunner(store, reportsProjection, inMemoryViewStore()).rebuild());
      expect(fullRunner.view).toEqual(full.view);
      expect(Object.isFrozen(fromLog.view.schools['tp_three']!.portfolios)).toBe(true);
    },
  );

  it('takes any full portfolio to the compact fold of its events, and leaves a compact one as it is', async () => {
    const file = join(tmpdir(), `licheng-compact-of-test-${process.pid}.ndjson`);
    const portfolios = (view: ReportsView | CompactReportsView): [string, ReportPortfolio][] =>
      Object.values(view.schools).flatMap((school) => Object.entries<ReportPortfolio>(school.portfolios));
    try {
      await writeCityLog({ seed: 5, students: 24, schoolSize: 12, file });
      for (const text of [undefined, await threeYearLog()]) {
        const source = () => (text === undefined ? file : PassThrough.from([text]));
        const full = portfolios(ok(await rebuildFromLog(source(), reportsProjection)).view);
        const compact = portfolios(ok(await rebuildFromLog(source(), compactReportsProjection)).view);
        expect(full.length).toBeGreaterThan(10);
        expect(full.map(([id, p]) => [id, compactPortfolioOf(p)])).toEqual(compact);
        // A state read back from JSON, of either shape, is taken as compact.
        const stored = full.map(([id, p]) => [id, compactPortfolioOf(JSON.parse(JSON.stringify(p)))]);
        expect(JSON.parse(JSON.stringify(stored))).toEqual(JSON.parse(JSON.stringify(compact)));
        expect(compact.map(([id, p]) => [id, compactPortfolioOf(p)])).toEqual(compact);
      }
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('refuses a log whose positions go backwards, naming the line', async () => {
    const store = new InMemoryEventStore();
    const school = generateSchool({ seed: 1, students: 1 });
    await appendToStore(store, [school]);
    const [first, second] = await store.readAll({ maxCount: 2 });
    const text = `${JSON.stringify(second)}\n${JSON.stringify(first)}\n`;
    const result = await rebuildFromLog(PassThrough.from([text]), compactReportsProjection);
    expect(E.isLeft(result) && result.left.message.en).toMatch(/line 2/);
  });
});
