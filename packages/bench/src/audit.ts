import { auditLog, type LogEntry } from '@licheng/audit';
import type { RecordedEvent } from '@licheng/eventstore';
import type { StoreWorkload } from './workload';

/** The workload as an NDJSON log would hand it to `licheng audit verify`: school stream first, then each student's. */
export const logEntriesOf = (workload: StoreWorkload): LogEntry[] => {
  const entries: LogEntry[] = [];
  let position = 0;
  for (const stream of [workload.school, ...workload.streams]) {
    stream.events.forEach((event, revision) => {
      const record: RecordedEvent = JSON.parse(JSON.stringify({ eventId: event.eventId, streamName: stream.streamName, revision, position, type: event.type, data: event.data, metadata: event.metadata })) as RecordedEvent;
      entries.push({ record, line: ++position });
    });
  }
  return entries;
};

/**
 * `licheng audit verify`'s work (hash chains, seal digests, every command decided again) over a whole log,
 * as a companion of the replay measurement: after one whole pass of warm-up, each `run` audits the log once.
 */
export const auditCompanion = (entries: ReadonlyArray<LogEntry>) => {
  let report = auditLog({ file: 'warm-up', entries });
  return {
    events: entries.length,
    run: (): void => {
      report = auditLog({ file: 'bench', entries });
    },
    report: () => report,
  };
};
