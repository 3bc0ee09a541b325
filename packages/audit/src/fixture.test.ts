import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_DOCS, isSealedFor, roundsOf } from '@licheng/domain';
import * as E from 'fp-ts/Either';
import { reportsViewAsOf } from './asOf';
import { decodeLog, parseLog } from './log';
import { buildReport } from './reports';

/**
 * Upcasting, forever (docs/audit.md): fixtures/events-v1.ndjson is a log written by the release before
 * command recording — every event type at schema version 1, PeriodSealed without a digest. It is never
 * edited. Whatever the codecs become, it must still decode and replay into the same reports;
 * fixtures/expected-reports.json holds them. When a report's presentation changes on purpose, regenerate
 * with `UPDATE_FIXTURES=1 npx jest fixture` and review the diff: the events never change.
 */
const FIXTURES = join(__dirname, '..', 'fixtures');
const LOG = join(FIXTURES, 'events-v1.ndjson');
const EXPECTED = join(FIXTURES, 'expected-reports.json');

const log = (() => {
  const parsed = parseLog('events-v1.ndjson', readFileSync(LOG, 'utf8'));
  if (E.isLeft(parsed)) throw new Error(parsed.left.error.message.en);
  return parsed.right;
})();

/** Event types released after the fixture was written: the fixture cannot hold them. */
const ADDED_SINCE_V1: ReadonlySet<string> = new Set([
  'TeacherRegistered',
  'CourseReviewerUnmarked',
  'RoleGroupMemberRemoved',
  'ParentAccountLinked',
  'ParentAccountUnlinked',
]);

const QUERIES: ReadonlyArray<readonly [string, Record<string, string>]> = [
  ['class-confirmation', { classId: 'c301', period: '1112' }],
  ['outcome-status', { period: '1111' }],
  ['outcome-status', { period: '1112' }],
  ['uncertified-teachers', { period: '1111' }],
  ['uncertified-teachers', { period: '1112' }],
  ['outcome-usage', { period: '1111' }],
  ['outcome-usage', { period: '1112' }],
  ['performance-selection', { classId: 'c301', period: '111' }],
  ...['1090001', '1090002', '1090003'].map((studentId) => ['student-notice', { studentId, period: '111' }] as const),
];

describe('the v1 fixture log', () => {
  const decoded = decodeLog(log);

  it('decodes in full: every line, every event type released then, at the schema versions released', () => {
    if (E.isLeft(decoded)) throw new Error(`${decoded.left.line}: ${decoded.left.error.message.en}`);
    const types = new Set(decoded.right.map((e) => e.event.type));
    expect([...types].sort()).toEqual(
      Object.keys(EVENT_DOCS)
        .filter((type) => !ADDED_SINCE_V1.has(type))
        .sort(),
    );
    expect(log.entries.every(({ record }) => (record.metadata as { schemaVersion: number }).schemaVersion === 1)).toBe(
      true,
    );
  });

  it('upcasts PeriodSealed v1 to v2 with no digest', () => {
    if (E.isLeft(decoded)) throw new Error(decoded.left.error.message.en);
    const seals = decoded.right.flatMap((e) => (e.event.type === 'PeriodSealed' ? [e.event.data] : []));
    expect(seals).toHaveLength(4);
    expect(seals.every((data) => data.digest === null)).toBe(true);
  });

  it('reads each v1 seal as the round of every cohort: every student of the period sealed (R-ROUND-1)', () => {
    if (E.isLeft(decoded)) throw new Error(decoded.left.error.message.en);
    const seals = decoded.right.flatMap((e) => (e.event.type === 'PeriodSealed' ? [e.event.data] : []));
    expect(seals.every((data) => data.cohorts === undefined)).toBe(true);
    const view = reportsViewAsOf(decoded.right);
    if (E.isLeft(view)) throw new Error(view.left.message.en);
    const [school] = Object.values(view.right.schools);
    const policy = school!.policy;
    expect(roundsOf(policy, 'courseRecords', '1112')).toEqual([null]);
    for (const studentId of ['1090001', '1090002', '1090003']) {
      expect(
        ['courseRecords', 'cadreRecords'].every((c) => isSealedFor(policy, c as 'courseRecords', '1112', studentId)),
      ).toBe(true);
      expect(
        ['courseOutcomes', 'performances'].every((c) => isSealedFor(policy, c as 'courseOutcomes', '1110', studentId)),
      ).toBe(true);
    }
  });

  it(
    'upcasts CourseOpened v1 to v2: a co-taught course keeps the old rule (reviewers "marked"), the others read as ' +
      'written',
    () => {
      if (E.isLeft(decoded)) throw new Error(decoded.left.error.message.en);
      const courses = decoded.right.flatMap((e) => (e.event.type === 'CourseOpened' ? [e.event.data] : []));
      expect(courses.length).toBeGreaterThan(0);
      for (const course of courses)
        expect(course.reviewers).toBe((course.coTaught ?? course.teacherIds.length > 1) ? 'marked' : undefined);
    },
  );

  it('replays into the reports it has always given', () => {
    if (E.isLeft(decoded)) throw new Error(decoded.left.error.message.en);
    const view = reportsViewAsOf(decoded.right);
    if (E.isLeft(view)) throw new Error(view.left.message.en);
    const schoolId = log.entries[0]!.record.streamName.slice('school-'.length);
    const reports = Object.fromEntries(
      QUERIES.map(([name, query]) => {
        const table = buildReport(name, view.right, { schoolId, ...query });
        if (E.isLeft(table)) throw new Error(`${name}: ${table.left.message.en}`);
        return [`${name} ${Object.values(query).join(' ')}`, table.right];
      }),
    );
    if (process.env['UPDATE_FIXTURES'] === '1')
      writeFileSync(EXPECTED, `${JSON.stringify(reports, null, 2)}\n`, 'utf8');
    expect(reports).toEqual(JSON.parse(readFileSync(EXPECTED, 'utf8')));
  });
});
