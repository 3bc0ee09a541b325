import * as t from 'io-ts';
import { eventCodec } from '../shared/codecs';
import { NonEmptyText, NonNegativeInt, Sha256Hex } from '../shared/primitives';

/** The store's name of the quarantine record; the same in every kind of stream. */
export const QUARANTINE_EVENT_TYPE = 'EventQuarantined';

/** The current schema version of EventQuarantined (docs/audit.md, "Repairing an unreadable stream"). */
export const QUARANTINE_SCHEMA_VERSION = 1;

/**
 * Issue 16, item 6: an operator sets aside one stored event that no codec reads. It names that event by
 * revision, event id and the SHA-256 of its stored content (canonical JSON of `{ type, data, metadata }`),
 * so it covers exactly that content: an event edited afterwards is no longer the one set aside. It is a
 * record about the stream, not a fact of the school: readers skip the named event and fold nothing for it.
 */
export const EventQuarantinedData = t.strict(
  { revision: NonNegativeInt, eventId: NonEmptyText, contentHash: Sha256Hex, reason: NonEmptyText },
  'EventQuarantinedData',
);
export const EventQuarantined = eventCodec(QUARANTINE_EVENT_TYPE, EventQuarantinedData);
export type EventQuarantined = t.TypeOf<typeof EventQuarantined>;

/** The operator's command: the same fields, as the caller names the event to set aside. */
export const QuarantineEventData = t.strict(
  { revision: NonNegativeInt, eventId: NonEmptyText, contentHash: Sha256Hex, reason: NonEmptyText },
  'QuarantineEventData',
);
export const QuarantineEvent = t.type(
  { type: t.literal('QuarantineEvent'), data: QuarantineEventData },
  'QuarantineEvent',
);
export type QuarantineEvent = t.TypeOf<typeof QuarantineEvent>;
