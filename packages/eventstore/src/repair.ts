import {
  Actor,
  QUARANTINE_EVENT_TYPE,
  QUARANTINE_SCHEMA_VERSION,
  QuarantineEvent,
  quarantineDecider,
  streamKindOf,
  TaipeiInstant,
  type DomainError,
  type StoredRecordSummary,
} from '@licheng/domain';
import { backdated, decodeWith, quarantineErrors } from '@licheng/domain/internal';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { portfolioAggregate, schoolAggregate, submissionAggregate } from './aggregates';
import { chainBatch, headHashOf } from './chainHead';
import { eventIdOf } from './handler';
import type { EventStore, RecordedEvent } from './port';
import { decodeQuarantine, isQuarantineRecord, quarantineOf, storedContentHash } from './quarantine';

/**
 * What an operator gives to set aside one unreadable stored event (docs/audit.md, "Repairing an unreadable stream").
 */
export const QuarantineRequest = t.strict(
  {
    streamName: t.string,
    revision: t.unknown,
    eventId: t.unknown,
    contentHash: t.unknown,
    reason: t.unknown,
    actor: Actor,
    now: TaipeiInstant,
    commandId: t.string,
  },
  'QuarantineRequest',
);

export interface QuarantineResult {
  readonly streamName: string;
  /** The revision of the quarantine record appended. */
  readonly revision: number;
  readonly eventId: string;
  /** The store already held this repair (the same command id): nothing was appended. */
  readonly alreadyApplied: boolean;
}

/** The stream kind's reader: whether it decodes a stored event. */
const readerOf = (streamName: string): ((record: RecordedEvent) => boolean) | undefined => {
  switch (streamKindOf(streamName)) {
    case 'school':
      return (record) => E.isRight(schoolAggregate.serializer.decode(record));
    case 'portfolio':
      return (record) => E.isRight(portfolioAggregate.serializer.decode(record));
    case 'submission':
      return (record) => E.isRight(submissionAggregate.serializer.decode(record));
    case undefined:
      return undefined;
  }
};

/** Each stored event as the decider needs it: is it readable where it stands (quarantines already there honoured)? */
const summaries = (records: ReadonlyArray<RecordedEvent>, decode: (r: RecordedEvent) => boolean) =>
  records.map((record, index): StoredRecordSummary => ({
    revision: record.revision,
    eventId: record.eventId,
    contentHash: storedContentHash(record),
    readable: isQuarantineRecord(record)
      ? E.isRight(decodeQuarantine(record))
      : decode(record) || quarantineOf(record, records.slice(index + 1)) !== undefined,
  }));

/** The latest instant the stream recorded, read from each event's metadata as stored (broken ones included). */
const latestInstant = (records: ReadonlyArray<RecordedEvent>): string | undefined => {
  let latest: string | undefined;
  for (const record of records) {
    const at = (record.metadata as { occurredAt?: unknown } | null)?.occurredAt;
    if (typeof at === 'string' && TaipeiInstant.is(at) && (latest === undefined || at > latest)) latest = at;
  }
  return latest;
};

/**
 * Issue 16, item 6: appends an `EventQuarantined` record to the stream, setting aside the one unreadable
 * stored event it names. Input is decoded in full (an operator's file or flags are untrusted); the decider
 * refuses a readable, unknown or differently hashed event and any actor but `system`; R-TIME-4 holds as for
 * any command; the record is chained onto the stream's last stored hash and records its command.
 */
export const quarantineStoredEvent = async (
  store: EventStore,
  input: unknown,
): Promise<E.Either<DomainError, QuarantineResult>> => {
  const request = decodeWith(QuarantineRequest, 'repair quarantine')(input);
  if (E.isLeft(request)) return request;
  const { streamName, actor, now, commandId, revision, eventId, contentHash, reason } = request.right;
  const command = decodeWith(
    QuarantineEvent,
    'QuarantineEvent',
  )({
    type: 'QuarantineEvent',
    data: { revision, eventId, contentHash, reason },
  });
  if (E.isLeft(command)) return command;
  const readable = readerOf(streamName);
  const records = await store.readStream(streamName);
  const last = records[records.length - 1];
  if (readable === undefined || last === undefined)
    return E.left(quarantineErrors.unknownEvent(streamName, null, null, null));

  const newEventId = eventIdOf(streamName, commandId, 0);
  const repeat = records.find((record) => record.eventId === newEventId);
  if (repeat !== undefined)
    return E.right({ streamName, revision: repeat.revision, eventId: newEventId, alreadyApplied: true });

  const state = quarantineDecider.initialState();
  for (const record of records) {
    const quarantine = isQuarantineRecord(record) ? decodeQuarantine(record) : undefined;
    if (quarantine && E.isRight(quarantine)) quarantineDecider.evolve(state, quarantine.right.event);
  }
  const stored = summaries(records, readable);
  const backwards = backdated(now, latestInstant(records), streamName);
  if (backwards) return E.left(backwards);
  const decided = quarantineDecider.decide(command.right, state, { now, actor, streamName, stored });
  if (E.isLeft(decided)) return decided;

  const [record] = decided.right;
  const metadata = {
    occurredAt: now,
    actor,
    commandId,
    correlationId: commandId,
    causationId: commandId,
    schemaVersion: QUARANTINE_SCHEMA_VERSION,
    command: { type: command.right.type, data: command.right.data },
  };
  const prevHash = await headHashOf(store, streamName, last.revision, last.metadata);
  const batch = chainBatch(prevHash, [
    { eventId: newEventId, type: QUARANTINE_EVENT_TYPE, data: record!.data, metadata },
  ]);
  const appended = await store.appendToStream(streamName, batch, last.revision);
  if (E.isLeft(appended)) return appended;
  return E.right({
    streamName,
    revision: appended.right.nextVersion,
    eventId: newEventId,
    alreadyApplied: appended.right.alreadyStored,
  });
};
