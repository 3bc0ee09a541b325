import {
  EventQuarantined,
  QUARANTINE_EVENT_TYPE,
  QUARANTINE_SCHEMA_VERSION,
  describeValidationErrors,
  type DomainError,
} from '@licheng/domain';
import * as E from 'fp-ts/Either';
import { canonicalJson } from './canonicalJson';
import { EventMetadata, sha256Hex } from './metadata';
import type { RecordedEvent } from './port';
import { storedEventInvalid, type Envelope } from './serializer';

/**
 * A quarantine record read from a stream of any kind: it decodes the same in school, portfolio and submission streams.
 */
export type QuarantineEnvelope = Envelope<EventQuarantined>;

/**
 * SHA-256 hex of the stored content a quarantine covers: canonical JSON of `{ type, data, metadata }` as
 * stored (the chain hash inside the metadata included), so any later edit of the event changes it.
 */
export const storedContentHash = (recorded: {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}): string => sha256Hex(canonicalJson({ type: recorded.type, data: recorded.data, metadata: recorded.metadata }));

export const isQuarantineRecord = (recorded: { readonly type: string }): boolean =>
  recorded.type === QUARANTINE_EVENT_TYPE;

/** Decodes a quarantine record; anything else, or a malformed one, is `STORED_EVENT_INVALID` like any event. */
export const decodeQuarantine = (recorded: RecordedEvent): E.Either<DomainError, QuarantineEnvelope> => {
  const metadata = EventMetadata.decode(recorded.metadata);
  if (E.isLeft(metadata))
    return E.left(
      storedEventInvalid(
        recorded,
        describeValidationErrors(metadata.left).map((p) => ({ ...p, path: `metadata.${p.path}` })),
      ),
    );
  if (metadata.right.schemaVersion > QUARANTINE_SCHEMA_VERSION)
    return E.left(
      storedEventInvalid(recorded, [
        {
          path: 'metadata.schemaVersion',
          expected: `at most ${QUARANTINE_SCHEMA_VERSION}`,
          actual: String(metadata.right.schemaVersion),
        },
      ]),
    );
  const event = EventQuarantined.decode({ type: recorded.type, data: recorded.data });
  if (E.isLeft(event)) return E.left(storedEventInvalid(recorded, describeValidationErrors(event.left)));
  return E.right({
    event: event.right,
    metadata: metadata.right,
    eventId: recorded.eventId,
    streamName: recorded.streamName,
    revision: recorded.revision,
    position: recorded.position,
  });
};

/** Whether `quarantine` sets aside exactly this stored event: its revision, its id and its content as stored. */
export const setsAside = (quarantine: QuarantineEnvelope, recorded: RecordedEvent): boolean =>
  quarantine.streamName === recorded.streamName &&
  quarantine.revision > recorded.revision &&
  quarantine.event.data.revision === recorded.revision &&
  quarantine.event.data.eventId === recorded.eventId &&
  quarantine.event.data.contentHash === storedContentHash(recorded);

/**
 * The quarantine among `later` (events of the same stream after `broken`) that sets `broken` aside, if one
 * does. Called only when an event fails to decode, so the replay of readable streams never pays for it.
 */
export const quarantineOf = (broken: RecordedEvent, later: Iterable<RecordedEvent>): QuarantineEnvelope | undefined => {
  for (const record of later) {
    if (!isQuarantineRecord(record) || record.streamName !== broken.streamName) continue;
    const decoded = decodeQuarantine(record);
    if (E.isRight(decoded) && setsAside(decoded.right, broken)) return decoded.right;
  }
  return undefined;
};
