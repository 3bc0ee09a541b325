import * as E from 'fp-ts/Either';
import type { Actor } from '../shared/actor';
import type { Decider, Evolve } from '../shared/decider';
import type { DomainError } from '../shared/errors';
import { quarantineErrors, type QuarantineErrorCode } from './errors';
import type { TaipeiInstant } from '../shared/time';
import type { EventQuarantined, QuarantineEvent } from './events';

/** One stored event of the stream being repaired, as the repair tool read it (the domain hashes nothing). */
export interface StoredRecordSummary {
  readonly revision: number;
  readonly eventId: string;
  /** SHA-256 hex of the canonical JSON of the stored `{ type, data, metadata }`. */
  readonly contentHash: string;
  /** Whether the stream's serializer reads it (a quarantine record reads as one). */
  readonly readable: boolean;
}

export interface QuarantineContext {
  readonly now: TaipeiInstant;
  readonly actor: Actor;
  readonly streamName: string;
  readonly stored: ReadonlyArray<StoredRecordSummary>;
}

/** The revisions already set aside in the stream. */
export interface QuarantineState {
  readonly quarantined: number[];
}

/**
 * Only the platform operator (`system`) sets an event aside: it changes what every reader of the stream
 * folds, and no school role may decide that a stored fact stops counting (a school administrator could
 * otherwise drop a student's record). The hash is checked before readability, so a refusal never says
 * "readable" about content other than what the operator named.
 */
const decide = (
  command: QuarantineEvent,
  state: QuarantineState,
  { actor, streamName, stored }: QuarantineContext,
): E.Either<DomainError<QuarantineErrorCode>, ReadonlyArray<EventQuarantined>> => {
  const { revision, eventId, contentHash, reason } = command.data;
  if (actor.role !== 'system') return E.left(quarantineErrors.systemOnly(streamName, actor.role));
  const target = stored.find((record) => record.revision === revision);
  if (target === undefined || target.eventId !== eventId)
    return E.left(quarantineErrors.unknownEvent(streamName, revision, eventId, target?.eventId ?? null));
  if (state.quarantined.includes(revision))
    return E.left(quarantineErrors.alreadyRecorded(streamName, revision, eventId));
  if (target.contentHash !== contentHash)
    return E.left(quarantineErrors.hashDiffers(streamName, revision, eventId, contentHash, target.contentHash));
  if (target.readable) return E.left(quarantineErrors.eventReadable(streamName, revision, eventId));
  return E.right([{ type: 'EventQuarantined', data: { revision, eventId, contentHash, reason } }]);
};

const evolve: Evolve<QuarantineState, EventQuarantined> = (state, event) => {
  if (!state.quarantined.includes(event.data.revision)) state.quarantined.push(event.data.revision);
};

/** The repair of an unreadable stream as a decider: given the quarantines so far and the stored events, one more. */
export const quarantineDecider: Decider<QuarantineEvent, EventQuarantined, QuarantineState, QuarantineContext> = {
  initialState: () => ({ quarantined: [] }),
  decide,
  evolve,
};
