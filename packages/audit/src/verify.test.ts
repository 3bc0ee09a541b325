import type { RecordedEvent } from '@licheng/eventstore';
import { applyEvents, decodeRecorded, reportsProjection } from '@licheng/projections';
import * as E from 'fp-ts/Either';
import { auditLog } from './audit';
import type { Finding } from './findings';
import { linesOf, logOf, rechain, simulatedYear } from './testing/histories';

/**
 * Tamper evidence (docs/audit.md): a school year of the example (examples/school-year, 4 students) is
 * written as NDJSON and edited as someone holding the file could; each edit is found, by kind and place.
 */
const CHAIN = new Set(['changed', 'removed', 'inserted', 'reordered', 'hash-missing']);
const chainFindings = (
  lines: ReadonlyArray<string>,
): Array<Pick<Finding, 'kind' | 'streamName' | 'revision' | 'line'>> =>
  auditLog(logOf(lines))
    .findings.filter((f) => CHAIN.has(f.kind))
    .map(({ kind, streamName, revision, line }) => ({ kind, streamName, revision, line }));

const rightOf = <A>(e: E.Either<unknown, A>): A => {
  if (E.isLeft(e)) throw new Error('expected Right');
  return e.right;
};

let lines: string[];
let records: ReadonlyArray<RecordedEvent>;
/** A portfolio stream with several events, and the file index (0-based) of its event at `revision`. */
let stream: string;
const indexOf = (revision: number) => records.findIndex((r) => r.streamName === stream && r.revision === revision);

beforeAll(async () => {
  ({ records } = await simulatedYear(4));
  lines = linesOf(records);
  stream = records.find((r) => r.streamName.startsWith('portfolio-') && r.revision === 8)!.streamName;
});

describe('verifying an untouched log', () => {
  it('finds nothing: every chain holds, every seal digest matches, every command decides the same again', () => {
    const report = auditLog(logOf(lines));
    expect(report.findings).toEqual([]);
    expect(report.clean).toBe(true);
    expect(report.seals.length).toBeGreaterThan(0);
    expect(report.seals.every((s) => s.digest !== null && /^[0-9a-f]{64}$/.test(s.digest))).toBe(true);
  });
});

describe('an edited log', () => {
  it('finds a changed event where it is: the stored hash no longer covers its data', () => {
    const i = indexOf(3);
    const edited = [...lines];
    const record = JSON.parse(edited[i]!) as { data: Record<string, unknown> };
    edited[i] = JSON.stringify({ ...record, data: { ...record.data, forged: true } });
    expect(chainFindings(edited)).toEqual([{ kind: 'changed', streamName: stream, revision: 3, line: i + 1 }]);
  });

  it('finds a removed event by the gap it leaves in the stream', () => {
    const i = indexOf(4);
    const edited = lines.filter((_, k) => k !== i);
    expect(chainFindings(edited)).toEqual([{ kind: 'removed', streamName: stream, revision: 4, line: null }]);
  });

  it('finds an inserted event that claims a revision another event holds, and keeps the one that links', () => {
    const i = indexOf(5);
    const copy = JSON.parse(lines[indexOf(4)]!) as RecordedEvent & { data: Record<string, unknown> };
    const forged = JSON.stringify({ ...copy, revision: 5, data: { ...copy.data, forged: true } });
    const edited = [...lines.slice(0, i), forged, ...lines.slice(i)];
    expect(chainFindings(edited)).toEqual([{ kind: 'inserted', streamName: stream, revision: 5, line: i + 1 }]);
  });

  it('finds two events of a stream that were swapped in the file', () => {
    const [i, j] = [indexOf(5), indexOf(6)];
    const edited = [...lines];
    [edited[i], edited[j]] = [lines[j]!, lines[i]!];
    expect(chainFindings(edited)).toEqual([{ kind: 'reordered', streamName: stream, revision: 5, line: j + 1 }]);
  });

  it('finds two events that were swapped and renumbered so that the revisions still count up', () => {
    const [i, j] = [indexOf(5), indexOf(6)];
    const a = JSON.parse(lines[i]!) as RecordedEvent;
    const b = JSON.parse(lines[j]!) as RecordedEvent;
    const edited = [...lines];
    edited[i] = JSON.stringify({ ...b, revision: a.revision, position: a.position });
    edited[j] = JSON.stringify({ ...a, revision: b.revision, position: b.position });
    expect(chainFindings(edited)).toEqual([{ kind: 'reordered', streamName: stream, revision: 5, line: i + 1 }]);
  });

  it('finds an event stripped of its hash once its stream is chained', () => {
    const i = indexOf(2);
    const record = JSON.parse(lines[i]!) as RecordedEvent & { metadata: Record<string, unknown> };
    const { hash: _hash, ...metadata } = record.metadata;
    const edited = [...lines];
    edited[i] = JSON.stringify({ ...record, metadata });
    expect(chainFindings(edited)).toEqual([{ kind: 'hash-missing', streamName: stream, revision: 2, line: i + 1 }]);
  });

  it('catches a change whose stream was re-hashed by the seal digest that covered it (R-SEAL-1)', () => {
    const i = indexOf(3);
    const record = JSON.parse(lines[i]!) as { data: Record<string, unknown> };
    const edited = [...lines];
    edited[i] = JSON.stringify({ ...record, data: { ...record.data, forged: true } });
    const report = auditLog(logOf(rechain(edited, stream)));
    expect(report.findings.filter((f) => CHAIN.has(f.kind))).toEqual([]);
    const seals = report.findings.filter((f) => f.kind === 'digest-mismatch');
    expect(seals.length).toBe(report.seals.length);
    expect(
      seals.every((f) => f.streamName.startsWith('school-') && f.details['stored'] !== f.details['computed']),
    ).toBe(true);
  });
});

describe('decodable but inconsistent events (issue 16, item 4)', () => {
  it(
    'reports a certification of an outcome never uploaded, re-chained so the chain holds, and the reports do not ' +
      'count it',
    () => {
      const last = records.filter((r) => r.streamName === stream).pop()!;
      const forged = {
        ...last,
        revision: last.revision + 1,
        position: records.length,
        eventId: 'forged',
        type: 'CourseOutcomeCertified',
        data: { outcomeId: 'never-uploaded', teacherId: 't1', result: 'passed' },
        metadata: {
          ...(last.metadata as object),
          occurredAt: (records[records.length - 1]!.metadata as { occurredAt: string }).occurredAt,
          commandId: 'forged',
          command: undefined,
        },
      };
      const edited = rechain([...lines, JSON.stringify(forged)], stream);
      const report = auditLog(logOf(edited));
      expect(
        report.findings
          .filter((f) => f.kind !== 'unverifiable')
          .map(({ kind, streamName, revision }) => ({ kind, streamName, revision })),
      ).toEqual([{ kind: 'inconsistent', streamName: stream, revision: last.revision + 1 }]);
      expect(report.clean).toBe(false);
      const view = applyEvents(
        reportsProjection,
        reportsProjection.initialView,
        logOf(edited).entries.map((e) => rightOf(decodeRecorded(e.record))),
      );
      const owner = stream.split('-');
      expect(view.schools[owner[1]!]?.portfolios[owner[2]!]?.outcomes['never-uploaded']).toBeUndefined();
    },
  );

  it(
    'reports a receipt confirmed without any statement issued, re-chained so the chain holds, and the reports do ' +
      'not count it',
    () => {
      const last = records.filter((r) => r.streamName === stream).pop()!;
      const forged = {
        ...last,
        revision: last.revision + 1,
        position: records.length,
        eventId: 'forged-confirmation',
        type: 'ReceiptConfirmed',
        data: { category: 'courseRecords', period: '1001', stage: 'first' },
        metadata: {
          ...(last.metadata as object),
          occurredAt: (records[records.length - 1]!.metadata as { occurredAt: string }).occurredAt,
          commandId: 'forged-confirmation',
          command: undefined,
        },
      };
      const edited = rechain([...lines, JSON.stringify(forged)], stream);
      const report = auditLog(logOf(edited));
      expect(
        report.findings
          .filter((f) => f.kind !== 'unverifiable')
          .map(({ kind, streamName, revision }) => ({ kind, streamName, revision })),
      ).toEqual([{ kind: 'inconsistent', streamName: stream, revision: last.revision + 1 }]);
      const view = applyEvents(
        reportsProjection,
        reportsProjection.initialView,
        logOf(edited).entries.map((e) => rightOf(decodeRecorded(e.record))),
      );
      const [, schoolId, studentId] = stream.split('-');
      const receipts = view.schools[schoolId!]?.portfolios[studentId!]?.receipts ?? {};
      expect(Object.keys(receipts).filter((key) => key.includes('1001'))).toEqual([]);
    },
  );
});
