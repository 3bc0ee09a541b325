import { domainError } from '../shared/errors';

/**
 * The refusals of the repair of an unreadable stream (issue 16, item 6). No rule of RULES.md governs store
 * repair, so none cites a rule; R-TIME-4 (`TIME_RUNS_BACKWARDS`) applies to it as to any command.
 */
export const quarantineErrors = {
  systemOnly: (streamName: string, role: string) =>
    domainError(
      'QUARANTINE_SYSTEM_ONLY',
      null,
      `只有平台維運（system）可以隔離串流 ${streamName} 的事件，${role} 不可`,
      `Only the platform operator (system) may set aside an event of ${streamName}, not a ${role}`,
      { streamName, role },
    ),
  unknownEvent: (streamName: string, revision: number | null, eventId: string | null, storedEventId: string | null) =>
    domainError(
      'QUARANTINE_EVENT_UNKNOWN',
      null,
      revision === null
        ? `串流 ${streamName} 不屬於任何已知的串流種類，或沒有任何事件`
        : `串流 ${streamName} 第 ${revision} 版沒有編號 ${eventId ?? ''} 的事件`,
      revision === null
        ? `${streamName} is no known kind of stream, or holds no events`
        : `${streamName} holds no event ${eventId ?? ''} at revision ${revision}`,
      { streamName, revision, eventId, storedEventId },
    ),
  alreadyRecorded: (streamName: string, revision: number, eventId: string) =>
    domainError(
      'QUARANTINE_ALREADY_RECORDED',
      null,
      `串流 ${streamName} 第 ${revision} 版的事件已被隔離`,
      `The event at ${streamName} revision ${revision} is already set aside`,
      { streamName, revision, eventId },
    ),
  hashDiffers: (streamName: string, revision: number, eventId: string, expected: string, actual: string) =>
    domainError(
      'QUARANTINE_HASH_DIFFERS',
      null,
      `串流 ${streamName} 第 ${revision} 版事件的內容雜湊為 ${actual}，與指定的 ${expected} 不同`,
      `The stored content of ${streamName} revision ${revision} hashes to ${actual}, not ${expected}`,
      { streamName, revision, eventId, expected, actual },
    ),
  eventReadable: (streamName: string, revision: number, eventId: string) =>
    domainError(
      'QUARANTINE_EVENT_READABLE',
      null,
      `串流 ${streamName} 第 ${revision} 版的事件可以讀取，不可隔離：只有無法讀取的事件可以擱置`,
      `The event at ${streamName} revision ${revision} reads; only an unreadable event may be set aside`,
      { streamName, revision, eventId },
    ),
};

type Factories = typeof quarantineErrors;
/** Every code the repair refuses with (besides INVALID_INPUT and TIME_RUNS_BACKWARDS). */
export type QuarantineErrorCode = ReturnType<Factories[keyof Factories]>['code'];
