import * as E from 'fp-ts/Either';
import type { Actor } from '../shared/actor';
import type { Decider, Evolve } from '../shared/decider';
import { domainError } from '../shared/errors';
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

const refuse = (code: string, zhTW: string, en: string, details: Record<string, unknown>) =>
  E.left(domainError(code, null, zhTW, en, details));

/**
 * Only the platform operator (`system`) sets an event aside: it changes what every reader of the stream
 * folds, and no school role may decide that a stored fact stops counting (a school administrator could
 * otherwise drop a student's record). No rule of RULES.md governs store repair, so refusals cite none.
 */
const decide = (
  command: QuarantineEvent,
  state: QuarantineState,
  { actor, streamName, stored }: QuarantineContext,
): E.Either<ReturnType<typeof domainError>, ReadonlyArray<EventQuarantined>> => {
  const { revision, eventId, contentHash, reason } = command.data;
  if (actor.role !== 'system')
    return refuse(
      'QUARANTINE_SYSTEM_ONLY',
      `只有平台維運（system）可以隔離串流 ${streamName} 的事件，${actor.role} 不可`,
      `Only the platform operator (system) may set aside an event of ${streamName}, not a ${actor.role}`,
      { streamName, role: actor.role },
    );
  const target = stored.find((record) => record.revision === revision);
  if (target === undefined || target.eventId !== eventId)
    return refuse(
      'QUARANTINE_EVENT_UNKNOWN',
      `串流 ${streamName} 第 ${revision} 版沒有編號 ${eventId} 的事件`,
      `${streamName} holds no event ${eventId} at revision ${revision}`,
      { streamName, revision, eventId, storedEventId: target?.eventId ?? null },
    );
  if (state.quarantined.includes(revision))
    return refuse(
      'QUARANTINE_ALREADY_RECORDED',
      `串流 ${streamName} 第 ${revision} 版的事件已被隔離`,
      `The event at ${streamName} revision ${revision} is already set aside`,
      { streamName, revision, eventId },
    );
  if (target.contentHash !== contentHash)
    return refuse(
      'QUARANTINE_HASH_DIFFERS',
      `串流 ${streamName} 第 ${revision} 版事件的內容雜湊為 ${target.contentHash}，與指定的 ${contentHash} 不同`,
      `The stored content of ${streamName} revision ${revision} hashes to ${target.contentHash}, not ${contentHash}`,
      { streamName, revision, eventId, expected: contentHash, actual: target.contentHash },
    );
  if (target.readable)
    return refuse(
      'QUARANTINE_EVENT_READABLE',
      `串流 ${streamName} 第 ${revision} 版的事件可以讀取，不可隔離：只有無法讀取的事件可以擱置`,
      `The event at ${streamName} revision ${revision} reads; only an unreadable event may be set aside`,
      { streamName, revision, eventId },
    );
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
