import * as E from 'fp-ts/Either';
import { portfolioStreamName, schoolStreamName, type DomainError } from '@licheng/domain';
import { schoolFixture } from '@licheng/domain/testing';
import { seedEvents } from '@licheng/eventstore/testing';
import { portfolioAggregate, schoolAggregate } from './aggregates';
import { chainBatch, headHashOf } from './chainHead';
import { InMemoryEventStore } from './inMemoryStore';
import { loadStream } from './loadStream';
import { chainHashes, GENESIS_HASH, linkHash, storedHash } from './metadata';
import type { EventStore, RecordedEvent } from './port';
import { storedContentHash } from './quarantine';
import { quarantineStoredEvent } from './repair';
import { createLichengService } from './service';
import { createCachingLoader } from './stateCache';

/**
 * Issue 16, item 6: "on the school stream, the whole school stops". A stored event an older release wrote
 * without its actor's role (a prototype getter lost in JSON) makes the school stream unreadable; the
 * operator's quarantine sets exactly that stored event aside and the school works again.
 */
const SCHOOL = schoolStreamName('sch1');
const system = { id: 'ops-1', role: 'system' };

const setQuota = (commandId: string, value: number, now = '2023-04-12T09:00+08:00') => ({
  commandId,
  now,
  actor: { id: 'admin', role: 'admin', schoolId: 'sch1' },
  type: 'SetParameter',
  data: { schoolId: 'sch1', parameter: 'outcomeUploadQuota', value, effectiveFromSchoolYear: 112 },
});

/** Appends, chained like any event, a ParameterSet whose stored actor has no role: what item 6 left behind. */
const storeUnreadable = async (store: EventStore): Promise<RecordedEvent> => {
  const stream = await store.readStream(SCHOOL);
  const last = stream[stream.length - 1]!;
  const metadata = {
    occurredAt: '2023-04-10T09:00+08:00',
    actor: { id: 'admin', schoolId: 'sch1' },
    commandId: 'lost-role',
    correlationId: 'lost-role',
    causationId: 'lost-role',
    schemaVersion: 1,
  };
  const data = { parameter: 'outcomeUploadQuota', value: 5, effectiveFromSchoolYear: 112 };
  const [event] = chainBatch(await headHashOf(store, SCHOOL, last.revision, last.metadata), [
    { eventId: 'b7a0c6a4-4c55-4b7e-9a43-1f2b3c4d5e6f', type: 'ParameterSet', data, metadata },
  ]);
  await store.appendToStream(SCHOOL, [event!], last.revision);
  return (await store.readStream(SCHOOL, { fromRevision: last.revision + 1 }))[0]!;
};

const setUp = async () => {
  const store = new InMemoryEventStore();
  await seedEvents(store, schoolAggregate, SCHOOL, schoolFixture().events);
  const broken = await storeUnreadable(store);
  return { store, broken, service: createLichengService({ store }) };
};

const repair = (store: EventStore, broken: RecordedEvent, overrides: Record<string, unknown> = {}) =>
  quarantineStoredEvent(store, {
    streamName: SCHOOL,
    revision: broken.revision,
    eventId: broken.eventId,
    contentHash: storedContentHash(broken),
    reason: '2023 年舊版寫入時遺失操作者角色 / actor role lost to a getter',
    actor: system,
    now: '2023-04-12T08:00+08:00',
    commandId: 'repair-1',
    ...overrides,
  });

const codeOf = (result: E.Either<DomainError, unknown>) => (E.isLeft(result) ? result.left.code : 'accepted');

describe('repairing an unreadable school stream (issue 16, item 6)', () => {
  it('stops every command of the school until the unreadable event is set aside, then works again', async () => {
    const { store, broken, service } = await setUp();
    expect(codeOf(await service.execute(setQuota('q-1', 7)))).toBe('STORED_EVENT_INVALID');

    const repaired = await repair(store, broken);
    expect(repaired).toEqual(
      E.right({
        streamName: SCHOOL,
        revision: broken.revision + 1,
        eventId: expect.any(String),
        alreadyApplied: false,
      }),
    );
    const accepted = await service.execute(setQuota('q-1', 7));
    expect(codeOf(accepted)).toBe('accepted');

    // Versions and the chain go on across the skipped event: one chain, every stored hash its link.
    const stream = await store.readStream(SCHOOL);
    expect(stream.map((e) => e.revision)).toEqual(stream.map((_, i) => i));
    const hashes = chainHashes(stream);
    const links = stream.map((e, i) => linkHash(i === 0 ? GENESIS_HASH : hashes[i - 1]!, e));
    expect(links.slice(-3)).toEqual(stream.slice(-3).map((e) => storedHash(e.metadata)));
    expect(links).toEqual(hashes);
    expect(stream.slice(-3).map((e) => e.type)).toEqual(['ParameterSet', 'EventQuarantined', 'ParameterSet']);
    // The set-aside value (5) was never folded; the later one (7) was.
    const loaded = await loadStream(store, schoolAggregate, SCHOOL);
    const quota = E.isRight(loaded) ? loaded.right.state.parameters.outcomeUploadQuota : undefined;
    expect(quota?.map((p) => p.value)).not.toContain(5);
    expect(quota?.map((p) => p.value)).toContain(7);
  });

  it('answers a repeat of the same repair without a second record', async () => {
    const { store, broken } = await setUp();
    await repair(store, broken);
    const again = await repair(store, broken);
    expect(E.isRight(again) && again.right.alreadyApplied).toBe(true);
    expect((await store.readStream(SCHOOL)).filter((e) => e.type === 'EventQuarantined')).toHaveLength(1);
  });

  it('honours the quarantine through a state cache too, cached before the break or not', async () => {
    const { store, broken } = await setUp();
    const cache = createCachingLoader(store);
    expect(E.isLeft(await cache(schoolAggregate, SCHOOL))).toBe(true);
    await repair(store, broken);
    const loaded = await cache(schoolAggregate, SCHOOL);
    expect(E.isRight(loaded) && loaded.right.version).toBe(broken.revision + 1);
    expect(E.isRight(loaded) && loaded.right.last?.event.type).toBe('EventQuarantined');
  });

  it('covers exactly the stored content: the quarantined event edited afterwards stops the stream again', async () => {
    const { store, broken } = await setUp();
    await repair(store, broken);
    const edited = { ...broken, data: { ...(broken.data as object), value: 99 } };
    const tampered = new InMemoryEventStore();
    for (const event of await store.readStream(SCHOOL))
      await tampered.appendToStream(SCHOOL, [event.revision === broken.revision ? edited : event], 'any');
    const loaded = await loadStream(tampered, schoolAggregate, SCHOOL);
    expect(E.isLeft(loaded) && loaded.left).toMatchObject({
      code: 'STORED_EVENT_INVALID',
      details: { revision: broken.revision },
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a hash other than the stored content’s', { contentHash: 'c'.repeat(64) }, 'QUARANTINE_HASH_DIFFERS'],
    ['an event id the revision does not hold', { eventId: 'not-this-one' }, 'QUARANTINE_EVENT_UNKNOWN'],
    ['a school administrator', { actor: { id: 'admin', role: 'admin', schoolId: 'sch1' } }, 'QUARANTINE_SYSTEM_ONLY'],
    ['an instant before the stream’s latest (R-TIME-4)', { now: '2023-04-01T08:00+08:00' }, 'TIME_RUNS_BACKWARDS'],
    ['a negative revision', { revision: -1 }, 'INVALID_INPUT'],
    ['a stream of no known kind', { streamName: 'ledger-1' }, 'QUARANTINE_EVENT_UNKNOWN'],
  ])('refuses %s and appends nothing', async (_what, overrides, code) => {
    const { store, broken } = await setUp();
    const before = (await store.readAll()).length;
    const refused = await repair(store, broken, overrides);
    expect(codeOf(refused)).toBe(code);
    if (E.isLeft(refused)) expect(refused.left.message['zh-TW'] && refused.left.message.en).toBeTruthy();
    expect((await store.readAll()).length).toBe(before);
  });

  it('refuses a readable event: a decodable fact is never set aside', async () => {
    const { store } = await setUp();
    const [first] = await store.readStream(SCHOOL);
    const refused = await repair(store, first!, { revision: 0 });
    expect(codeOf(refused)).toBe('QUARANTINE_EVENT_READABLE');
  });

  it('reads the record in a portfolio stream as in a school stream', async () => {
    const store = new InMemoryEventStore();
    const stream = portfolioStreamName('sch1', 's1');
    await seedEvents(store, portfolioAggregate, stream, []);
    await store.appendToStream(
      stream,
      chainBatch('0'.repeat(64), [
        { eventId: 'e0', type: 'NoSuchEvent', data: {}, metadata: { occurredAt: '2023-04-10T09:00+08:00' } },
      ]),
      'any',
    );
    const [broken] = await store.readStream(stream);
    const repaired = await quarantineStoredEvent(store, {
      streamName: stream,
      revision: 0,
      eventId: broken!.eventId,
      contentHash: storedContentHash(broken!),
      reason: 'unknown type',
      actor: system,
      now: '2023-04-12T08:00+08:00',
      commandId: 'repair-p',
    });
    expect(codeOf(repaired)).toBe('accepted');
    const loaded = await loadStream(store, portfolioAggregate, stream);
    expect(E.isRight(loaded) && loaded.right.version).toBe(1);
  });
});
