import { admin, specify, system } from '@licheng/domain/testing';
import { type Actor, type TaipeiInstant } from '@licheng/domain';
import { quarantineDecider, type StoredRecordSummary } from './decider';
import type { EventQuarantined, QuarantineEvent } from './events';

/** Issue 16, item 6: the refusals of the repair, given the stream as the repair tool read it. */
const given = specify(quarantineDecider);
const STREAM = 'school-sch1';
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const stored: ReadonlyArray<StoredRecordSummary> = [
  { revision: 0, eventId: 'e-0', contentHash: HASH_B, readable: true },
  { revision: 1, eventId: 'e-1', contentHash: HASH_A, readable: false },
];
const ctx = (actor: Actor = system()) => ({
  now: '2023-04-21T09:00+08:00' as TaipeiInstant,
  actor,
  streamName: STREAM,
  stored,
});
const quarantine = (revision: number, eventId: string, contentHash: string): QuarantineEvent =>
  ({
    type: 'QuarantineEvent',
    data: { revision, eventId, contentHash, reason: 'actor role lost to a getter' },
  }) as QuarantineEvent;
const quarantined = (revision: number, eventId: string, contentHash: string) =>
  ({
    type: 'EventQuarantined',
    data: { revision, eventId, contentHash, reason: 'actor role lost to a getter' },
  }) as EventQuarantined;

describe('setting aside an unreadable stored event (issue 16, item 6)', () => {
  it('records the quarantine of the unreadable event named by revision, id and content hash', () => {
    given()
      .when(quarantine(1, 'e-1', HASH_A), ctx())
      .then(quarantined(1, 'e-1', HASH_A));
  });

  it('refuses a school administrator: only the platform operator repairs a stream', () => {
    given()
      .when(quarantine(1, 'e-1', HASH_A), ctx(admin()))
      .thenError('QUARANTINE_SYSTEM_ONLY', null);
  });

  it('refuses an event the stream does not hold at that revision', () => {
    given()
      .when(quarantine(7, 'e-7', HASH_A), ctx())
      .thenError('QUARANTINE_EVENT_UNKNOWN', null);
    given()
      .when(quarantine(1, 'e-other', HASH_A), ctx())
      .thenError('QUARANTINE_EVENT_UNKNOWN', null);
  });

  it('refuses a decodable event: a readable fact is never set aside', () => {
    given()
      .when(quarantine(0, 'e-0', HASH_B), ctx())
      .thenError('QUARANTINE_EVENT_READABLE', null);
  });

  it('refuses a hash other than the stored content’s, so the record covers exactly what is stored', () => {
    const error = given()
      .when(quarantine(1, 'e-1', HASH_B), ctx())
      .thenError('QUARANTINE_HASH_DIFFERS', null);
    expect(error.details).toMatchObject({ expected: HASH_B, actual: HASH_A });
  });

  it('refuses setting aside the same event twice', () => {
    given(quarantined(1, 'e-1', HASH_A))
      .when(quarantine(1, 'e-1', HASH_A), ctx())
      .thenError('QUARANTINE_ALREADY_RECORDED', null);
  });
});
