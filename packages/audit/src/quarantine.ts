import { QUARANTINE_EVENT_TYPE } from '@licheng/domain';
import {
  decodeQuarantine,
  portfolioAggregate,
  schoolAggregate,
  storedContentHash,
  submissionAggregate,
  type RecordedEvent,
} from '@licheng/eventstore';
import * as E from 'fp-ts/Either';
import { finding, type Finding } from './findings';
import type { LogEntry } from './log';
import { streamKindOf } from './streams';

const READERS = {
  school: (record: RecordedEvent) => E.isRight(schoolAggregate.serializer.decode(record)),
  portfolio: (record: RecordedEvent) => E.isRight(portfolioAggregate.serializer.decode(record)),
  submission: (record: RecordedEvent) => E.isRight(submissionAggregate.serializer.decode(record)),
} as const;

/**
 * Issue 16, item 6: every quarantine record of the log, checked as the repair tool checked it when it was
 * appended. One that sets aside exactly an unreadable stored event (that revision, that id, that content)
 * by the platform's operator is a `quarantined` notice at the event it answers, beside the `undecodable`
 * finding the re-decide pass reports there; any other is a `bad-quarantine` finding, since a store writer
 * could otherwise drop a readable fact by naming it, or keep a quarantine over an event edited since.
 */
export const verifyQuarantines = (streams: ReadonlyMap<string, ReadonlyArray<LogEntry>>): Finding[] => {
  const findings: Finding[] = [];
  for (const [streamName, entries] of streams) {
    const kind = streamKindOf(streamName);
    for (const { record, line } of entries) {
      if (record.type !== QUARANTINE_EVENT_TYPE || kind === undefined) continue;
      const at = { streamName, revision: record.revision, line };
      const bad = (reason: string, zh: string, en: string, details: Record<string, unknown> = {}) =>
        findings.push(
          finding('bad-quarantine', at, `隔離紀錄無效：${zh}`, `the quarantine record is void: ${en}`, {
            details: { reason, ...details },
          }),
        );
      const decoded = decodeQuarantine(record);
      if (E.isLeft(decoded)) {
        bad('undecodable', decoded.left.message['zh-TW'], decoded.left.message.en, { error: decoded.left });
        continue;
      }
      const { revision, eventId, contentHash, reason } = decoded.right.event.data;
      const { actor, commandId } = decoded.right.metadata;
      const target = entries.find((entry) => entry.record.revision === revision);
      if (actor.role !== 'system') {
        bad(
          'role',
          `由 ${actor.role} 寫入，只有平台維運（system）可隔離事件`,
          `written by a ${actor.role}, not by the platform operator (system)`,
        );
      } else if (target === undefined || target.record.eventId !== eventId || revision >= record.revision) {
        bad(
          'unknown-event',
          `第 ${revision} 版之前沒有編號 ${eventId} 的事件`,
          `no event ${eventId} stands at revision ${revision} before it`,
          { revision, eventId },
        );
      } else if (storedContentHash(target.record) !== contentHash) {
        bad(
          'hash',
          `第 ${revision} 版事件的內容已非隔離時的內容`,
          `the event at revision ${revision} is no longer the content it set aside`,
          {
            revision,
            expected: contentHash,
            actual: storedContentHash(target.record),
          },
        );
      } else if (READERS[kind](target.record)) {
        bad(
          'readable',
          `第 ${revision} 版事件可以讀取，不可隔離`,
          `the event at revision ${revision} reads, and a readable event is never set aside`,
          { revision },
        );
      } else {
        findings.push(
          finding(
            'quarantined',
            { streamName, revision, line: target.line },
            `已由第 ${record.revision} 版的隔離紀錄擱置（${actor.id}，${decoded.right.metadata.occurredAt}）：` +
              `${reason}`,
            `set aside by the quarantine record at revision ${record.revision} (${actor.id}, ` +
              `${decoded.right.metadata.occurredAt}): ${reason}`,
            { commandId, details: { record: record.revision, eventId, contentHash, reason } },
          ),
        );
      }
    }
  }
  return findings;
};
