import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedEvent } from '@licheng/eventstore';
import { auditLog } from './audit';
import { parseLog } from './log';
import { linesOf, logOf, rechain, SCHOOL, sevenOutcomes, STUDENT } from './testing/histories';
import * as E from 'fp-ts/Either';

/**
 * Re-deciding (docs/audit.md): a log whose hash chains were recomputed after an edit passes the chain
 * check; deciding every recorded command again is what catches it.
 */
const STREAM = `portfolio-${SCHOOL}-${STUDENT}`;
let records: ReadonlyArray<RecordedEvent>;
beforeAll(async () => {
  const { store } = await sevenOutcomes();
  records = await store.readAll();
});

const withMetadata = (line: string, change: (metadata: Record<string, unknown>) => Record<string, unknown>): string => {
  const record = JSON.parse(line) as RecordedEvent & { metadata: Record<string, unknown> };
  return JSON.stringify({ ...record, metadata: change(record.metadata) });
};

describe('re-deciding a log', () => {
  it('decides every command of an honest log again to the same events', () => {
    const report = auditLog(logOf(linesOf(records)));
    expect(report.findings).toEqual([]);
    expect(report.commands).toBe(records.length);
  });

  it('catches a seventh selection appended with a recomputed hash chain (R-SEL-1)', () => {
    const last = records.filter((r) => r.streamName === STREAM).pop()!;
    const command = { type: 'SelectCourseOutcome', data: { schoolId: SCHOOL, studentId: STUDENT, outcomeId: 'o7' } };
    const forged = {
      ...last,
      eventId: '00000000-0000-4000-8000-000000000007',
      revision: last.revision + 1,
      position: records[records.length - 1]!.position + 1,
      type: 'CourseOutcomeSelected',
      data: { outcomeId: 'o7', schoolYear: 111 },
      metadata: {
        occurredAt: '2023-04-12T10:07+08:00',
        actor: { id: STUDENT, role: 'student', schoolId: SCHOOL },
        commandId: 'c-forged',
        correlationId: 'c-forged',
        causationId: 'c-forged',
        schemaVersion: 1,
        command,
      },
    };
    const lines = rechain([...linesOf(records), JSON.stringify(forged)], STREAM);
    const report = auditLog(logOf(lines));
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      kind: 'refused',
      streamName: STREAM,
      revision: forged.revision,
      line: lines.length,
      commandId: 'c-forged',
      commandType: 'SelectCourseOutcome',
      rule: 'R-SEL-1',
      details: {
        code: 'SELECTION_CAP_REACHED',
        stored: [{ type: 'CourseOutcomeSelected', data: { outcomeId: 'o7', schoolYear: 111 } }],
      },
    });
    expect(report.clean).toBe(false);
  });

  it('catches stored events that differ from what their command decides, and shows both versions', () => {
    // The certification of o7, which nothing later depends on (o1–o6 are selected afterwards).
    const i = records.map((r) => r.streamName === STREAM && r.type === 'CourseOutcomeCertified').lastIndexOf(true);
    const lines = linesOf(records);
    const record = JSON.parse(lines[i]!) as RecordedEvent & { data: Record<string, unknown> };
    lines[i] = JSON.stringify({ ...record, data: { ...record.data, result: 'failed', reason: '內容與課程無關' } });
    const report = auditLog(logOf(rechain(lines, STREAM)));
    expect(report.findings).toHaveLength(1);
    const [found] = report.findings;
    expect(found).toMatchObject({
      kind: 'mismatch',
      streamName: STREAM,
      revision: record.revision,
      line: i + 1,
      commandType: 'CertifyCourseOutcome',
    });
    expect(found!.details['stored']).toEqual([
      { type: 'CourseOutcomeCertified', data: expect.objectContaining({ result: 'failed' }) },
    ]);
    expect(found!.details['decided']).toEqual([
      { type: 'CourseOutcomeCertified', data: expect.objectContaining({ result: 'passed' }) },
    ]);
  });

  it('catches a command recorded under someone else’s name (R-AUTH-1)', () => {
    const i = records.findIndex((r) => r.streamName === STREAM && r.type === 'CourseOutcomeSelected');
    const lines = linesOf(records);
    lines[i] = withMetadata(lines[i]!, (m) => ({ ...m, actor: { id: 's2', role: 'student', schoolId: SCHOOL } }));
    const report = auditLog(logOf(rechain(lines, STREAM)));
    expect(report.findings.map((f) => [f.kind, f.rule, f.revision])).toEqual([
      ['refused', 'R-AUTH-1', records[i]!.revision],
    ]);
  });

  it('reports an event its codec refuses as undecodable, where it is', () => {
    const i = records.findIndex((r) => r.streamName === STREAM && r.type === 'CourseOutcomeSentForCertification');
    const lines = linesOf(records);
    const record = JSON.parse(lines[i]!) as RecordedEvent;
    lines[i] = JSON.stringify({ ...record, data: { outcomeId: 42 } });
    const report = auditLog(logOf(rechain(lines, STREAM)));
    expect(report.findings.map((f) => [f.kind, f.streamName, f.revision, f.line])[0]).toEqual([
      'undecodable',
      STREAM,
      record.revision,
      i + 1,
    ]);
    // What follows is decided on the state without it: the outcome was never sent, so its certification is refused.
    expect(report.findings[1]).toMatchObject({ kind: 'refused', commandType: 'CertifyCourseOutcome' });
  });

  it('counts events stored before commands were recorded as unverifiable notices, which do not fail the audit', () => {
    const file = join(__dirname, '..', 'fixtures', 'events-v1.ndjson');
    const log = parseLog(file, readFileSync(file, 'utf8'));
    if (E.isLeft(log)) throw new Error(log.left.error.message.en);
    const report = auditLog(log.right);
    expect(report.counts.unverifiable).toBe(report.commands);
    expect(report.findings.every((f) => f.kind === 'unverifiable' && f.details['reason'] === 'no-command')).toBe(true);
    expect(report.clean).toBe(true);
    expect(auditLog(log.right, { strict: true }).clean).toBe(false);
  });
});
