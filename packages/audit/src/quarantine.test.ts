import { schoolStreamName } from '@licheng/domain';
import {
  eventIdOf,
  quarantineStoredEvent,
  storedContentHash,
  type EventStore,
  type RecordedEvent,
} from '@licheng/eventstore';
import { chainBatch, headHashOf } from '@licheng/eventstore/internal';
import * as E from 'fp-ts/Either';
import { auditLog } from './audit';
import { linesOf, logOf, SCHOOL, sevenOutcomes } from './testing/histories';

/**
 * Issue 16, item 6 in the audit: a quarantine record is a notice beside the `undecodable` finding it
 * answers; one that answers no unreadable event, or covers other content, is itself a finding.
 */
const STREAM = schoolStreamName(SCHOOL);
const ADMIN = { id: 'admin', role: 'admin', schoolId: SCHOOL };

/** Appends raw events chained onto the stream's head, as a store writer (or an older release) would. */
const appendChained = async (
  store: EventStore,
  events: ReadonlyArray<{ type: string; data: unknown; metadata: unknown }>,
) => {
  const stream = await store.readStream(STREAM);
  const last = stream[stream.length - 1]!;
  const head = await headHashOf(store, STREAM, last.revision, last.metadata);
  const batch = chainBatch(
    head,
    events.map((e, i) => ({ ...e, eventId: eventIdOf(STREAM, `raw-${last.revision}`, i) })),
  );
  const appended = await store.appendToStream(STREAM, batch, last.revision);
  if (E.isLeft(appended)) throw new Error(appended.left.message.en);
  return (await store.readStream(STREAM, { fromRevision: last.revision + 1 }))[0]!;
};

const meta = (occurredAt: string, actor: unknown, commandId: string) => ({
  occurredAt,
  actor,
  commandId,
  correlationId: commandId,
  causationId: commandId,
  schemaVersion: 1,
});

/** A ParameterSet whose stored actor lost its role to a getter: the school stream no longer reads. */
const breakSchool = (store: EventStore) =>
  appendChained(store, [
    {
      type: 'ParameterSet',
      data: { parameter: 'outcomeUploadQuota', value: 5, effectiveFromSchoolYear: 111 },
      metadata: meta('2023-06-01T09:00+08:00', { id: 'admin', schoolId: SCHOOL }, 'lost-role'),
    },
  ]);

const repairOf = (broken: RecordedEvent, overrides: Record<string, unknown> = {}) => ({
  streamName: STREAM,
  revision: broken.revision,
  eventId: broken.eventId,
  contentHash: storedContentHash(broken),
  reason: 'actor role lost to a getter',
  actor: { id: 'ops-1', role: 'system' },
  now: '2023-06-02T09:00+08:00',
  commandId: 'repair-1',
  ...overrides,
});

const kindsAt = async (store: EventStore) =>
  auditLog(logOf(linesOf(await store.readAll()))).findings.map((f) => [f.kind, f.revision] as const);

describe('auditing a repaired stream (issue 16, item 6)', () => {
  it(
    'reports the quarantine as a notice beside the undecodable event, and the commands after it as decided ' + 'again',
    async () => {
      const { store, send } = await sevenOutcomes();
      const broken = await breakSchool(store);
      await expect(
        send('2023-06-03T09:00', ADMIN, 'SetParameter', {
          parameter: 'outcomeUploadQuota',
          value: 8,
          effectiveFromSchoolYear: 112,
        }),
      ).rejects.toThrow(/unreadable/);
      expect(E.isRight(await quarantineStoredEvent(store, repairOf(broken)))).toBe(true);
      await send('2023-06-03T09:00', ADMIN, 'SetParameter', {
        parameter: 'outcomeUploadQuota',
        value: 8,
        effectiveFromSchoolYear: 112,
      });
      const report = auditLog(logOf(linesOf(await store.readAll())));
      expect(report.findings.map((f) => [f.kind, f.revision])).toEqual([
        ['undecodable', broken.revision],
        ['quarantined', broken.revision],
      ]);
      expect(report.findings[1]!.message.en).toContain('actor role lost to a getter');
      // The unreadable event stays a finding: the notice explains it, it does not erase it.
      expect(report.clean).toBe(false);
    },
  );

  it('finds a quarantine written over a readable event, as a store writer dropping a fact would', async () => {
    const { store } = await sevenOutcomes();
    const [registered] = await store.readStream(STREAM);
    const record = await appendChained(store, [
      {
        type: 'EventQuarantined',
        data: { revision: 0, eventId: registered!.eventId, contentHash: storedContentHash(registered!), reason: 'x' },
        metadata: meta('2023-06-02T09:00+08:00', { id: 'ops-1', role: 'system' }, 'drop'),
      },
    ]);
    const report = auditLog(logOf(linesOf(await store.readAll())));
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'bad-quarantine',
        revision: record.revision,
        details: { reason: 'readable', revision: 0 },
      }),
    ]);
  });

  it.each<[string, (broken: RecordedEvent) => Record<string, unknown>, Record<string, unknown>, string]>([
    ['another content hash', () => ({ contentHash: 'c'.repeat(64) }), { id: 'ops-1', role: 'system' }, 'hash'],
    [
      'an event id the revision does not hold',
      () => ({ eventId: 'other' }),
      { id: 'ops-1', role: 'system' },
      'unknown-event',
    ],
    ['a school administrator', () => ({}), { id: 'admin', role: 'admin', schoolId: SCHOOL }, 'role'],
  ])(
    'finds a quarantine naming %s, and the undecodable event stays unanswered',
    async (_what, change, actor, reason) => {
      const { store } = await sevenOutcomes();
      const broken = await breakSchool(store);
      const data = {
        revision: broken.revision,
        eventId: broken.eventId,
        contentHash: storedContentHash(broken),
        reason: 'x',
        ...change(broken),
      };
      const record = await appendChained(store, [
        { type: 'EventQuarantined', data, metadata: meta('2023-06-02T09:00+08:00', actor, 'bad-repair') },
      ]);
      expect(await kindsAt(store)).toEqual([
        ['undecodable', broken.revision],
        ['bad-quarantine', record.revision],
      ]);
      const found = auditLog(logOf(linesOf(await store.readAll()))).findings[1]!;
      expect(found.details['reason']).toBe(reason);
    },
  );

  it('finds the quarantined event edited after the repair: the record no longer covers it', async () => {
    const { store } = await sevenOutcomes();
    const broken = await breakSchool(store);
    await quarantineStoredEvent(store, repairOf(broken));
    const lines = linesOf(await store.readAll()).map((line) => {
      const record = JSON.parse(line) as RecordedEvent;
      if (record.streamName !== STREAM || record.revision !== broken.revision) return line;
      return JSON.stringify({ ...record, data: { ...(record.data as object), value: 50 } });
    });
    const kinds = auditLog(logOf(lines)).findings.map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(['changed', 'undecodable', 'bad-quarantine']));
    expect(kinds).not.toContain('quarantined');
  });
});
