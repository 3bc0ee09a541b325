import { readFileSync, writeFileSync } from 'node:fs';
import { schoolStreamName } from '@licheng/domain';
import { eventIdOf, storedContentHash, type RecordedEvent } from '@licheng/eventstore';
import { chainBatch, headHashOf } from '@licheng/eventstore/internal';
import { cliFixture, licheng } from '../testing/cli';
import { linesOf, SCHOOL, sevenOutcomes } from '../testing/histories';

/**
 * `licheng repair quarantine` on a log file (issue 16, item 6): refuses with coded bilingual errors, appends
 * exactly one chained record, and leaves a log every other command reads again.
 */
const STREAM = schoolStreamName(SCHOOL);
const { fixture } = cliFixture('licheng-repair-');
const file = fixture.at('broken.ndjson');
let broken: RecordedEvent;
let registered: RecordedEvent;

beforeAll(async () => {
  const { store } = await sevenOutcomes();
  const stream = await store.readStream(STREAM);
  const last = stream[stream.length - 1]!;
  // A ParameterSet stored without its actor's role (a prototype getter's field lost in JSON): unreadable.
  const [event] = chainBatch(await headHashOf(store, STREAM, last.revision, last.metadata), [
    {
      eventId: eventIdOf(STREAM, 'lost-role', 0),
      type: 'ParameterSet',
      data: { parameter: 'outcomeUploadQuota', value: 5, effectiveFromSchoolYear: 111 },
      metadata: {
        occurredAt: '2023-06-01T09:00+08:00',
        actor: { id: 'admin', schoolId: SCHOOL },
        commandId: 'lost-role',
        correlationId: 'lost-role',
        causationId: 'lost-role',
        schemaVersion: 1,
      },
    },
  ]);
  await store.appendToStream(STREAM, [event!], last.revision);
  const records = await store.readAll();
  broken = records[records.length - 1]!;
  registered = stream[0]!;
  writeFileSync(file, linesOf(records).join('\n') + '\n');
});

const quarantine = (...more: string[]) =>
  licheng('repair', 'quarantine', '--events', file, '--stream', STREAM, '--now', '2023-06-02T09:00', ...more);
const lineCount = () => readFileSync(file, 'utf8').trimEnd().split('\n').length;

describe('licheng repair quarantine', () => {
  it('refuses a wrong hash, a readable event and a bad revision with coded errors, and writes nothing', async () => {
    const lines = lineCount();
    const wrong = await quarantine(
      ...['--revision', String(broken.revision), '--event-id', broken.eventId, '--hash', 'c'.repeat(64)],
      ...['--reason', '角色遺失', '--lang', 'zh-TW'],
    );
    expect(wrong.code).toBe(1);
    expect(wrong.err).toEqual([expect.stringMatching(/: QUARANTINE_HASH_DIFFERS .*內容雜湊為 [0-9a-f]{64}/)]);

    const { out } = await licheng('audit', 'verify', '--events', file, '--json');
    const finding = (JSON.parse(out) as { findings: Array<{ kind: string; details: { contentHash: string } }> })
      .findings[0]!;
    expect(finding.kind).toBe('undecodable');
    const readable = await quarantine(
      ...['--revision', '0', '--event-id', registered.eventId, '--hash', storedContentHash(registered)],
      ...['--reason', 'x'],
    );
    expect(readable).toMatchObject({ code: 1, err: [expect.stringMatching(/QUARANTINE_EVENT_READABLE/)] });
    const negative = await quarantine(
      ...['--revision', 'minus-one', '--event-id', broken.eventId, '--hash', finding.details.contentHash],
      ...['--reason', 'x'],
    );
    expect(negative).toMatchObject({ code: 1, err: [expect.stringMatching(/INVALID_INPUT .*revision/)] });
    expect(lineCount()).toBe(lines);
  });

  it('appends one record, once, after which the log reads again and the audit shows the notice', async () => {
    const lines = lineCount();
    const { out } = await licheng('audit', 'verify', '--events', file, '--json');
    const { contentHash } = (JSON.parse(out) as { findings: Array<{ details: { contentHash: string } }> }).findings[0]!
      .details;
    const args = ['--revision', String(broken.revision), '--event-id', broken.eventId, '--hash', contentHash];
    const before = await licheng('timeline', '--events', file, '--student', 's1', '--lang', 'en');
    expect(before.code).toBe(2);

    const done = await quarantine(...args, '--reason', 'actor role lost to a getter', '--actor', 'ops-1');
    expect(done).toMatchObject({ code: 0, err: [] });
    expect(done.out).toContain(`recorded the quarantine at ${STREAM} revision ${broken.revision + 1}`);
    expect(lineCount()).toBe(lines + 1);
    const again = await quarantine(...args, '--reason', 'actor role lost to a getter', '--actor', 'ops-1');
    expect(again.out).toContain('already holds this quarantine');
    expect(lineCount()).toBe(lines + 1);

    const verified = await licheng('audit', 'verify', '--events', file, '--lang', 'en');
    expect(verified.code).toBe(1);
    expect(verified.out).toMatch(/undecodable +school-sch1 #\d+ .*\n {2}quarantined +school-sch1 #\d+ .*set aside by/);
    expect(verified.out).toMatch(/bad-quarantine 0/);
    const after = await licheng('timeline', '--events', file, '--student', 's1', '--lang', 'en');
    expect(after.code).toBe(0);
  });

  it('describes every option', async () => {
    const { code, out } = await licheng('repair', 'quarantine', '--help');
    expect(code).toBe(0);
    for (const option of [
      '--events',
      '--store',
      '--data',
      '--stream',
      '--revision',
      '--event-id',
      '--hash',
      '--reason',
    ])
      expect(out).toMatch(new RegExp(`^  ${option} `, 'm'));
  });
});
