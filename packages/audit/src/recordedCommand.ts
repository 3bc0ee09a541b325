import { createCommandDecoder, type RecordedActor } from '@licheng/domain';
import { boundToSchool } from '@licheng/domain/internal';
import type { EventMetadata } from '@licheng/eventstore';
import { fastDecode } from '@licheng/fast-decode';

// Every recorded command is decoded again, as the service decoded it: the same fast strategy, equal to io-ts.
// What it decodes is stored JSON, parsed from a log or handed back parsed by a store, in an envelope the
// audit builds of plain values: the boundary copy an untrusted caller's object needs would copy it as it is.
const decodeCommand = createCommandDecoder(fastDecode, { input: 'parsed-json' });

/** Actors stored before they were bound to a school acted for the school their command names (R-AUTH-1/3). */
const actorAsJudged = (actor: RecordedActor, data: unknown): unknown => {
  const schoolId = (data as { schoolId?: unknown } | null)?.schoolId;
  return typeof schoolId === 'string' ? boundToSchool(actor, schoolId) : actor;
};

/** The command recorded with an event, decoded again: at the instant and by the actor recorded, under the ids recorded. */
export const decodeRecordedCommand = (metadata: EventMetadata, command: NonNullable<EventMetadata['command']>) =>
  decodeCommand({
    commandId: metadata.commandId,
    now: metadata.occurredAt,
    actor: actorAsJudged(metadata.actor, command.data),
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    type: command.type,
    data: command.data,
  });
