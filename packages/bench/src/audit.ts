import { auditLog, type LogEntry } from '@licheng/audit';
import type { RecordedEvent } from '@licheng/eventstore';
import { now } from './measure';
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

/** `licheng audit verify`'s work (hash chains, seal digests, every command decided again) over a whole log. */
export const measureAudit = (entries: ReadonlyArray<LogEntry>, rounds: number) => {
  // A whole pass first, as replay's measurement has, so that both measure steady state.
  let report = auditLog({ file: 'warm-up', entries });
  let ms = 0;
  for (let round = 0; round < rounds; round++) {
    const start = now();
    report = auditLog({ file: 'bench', entries });
    ms += now() - start;
  }
  return { eventsPerSecond: (entries.length * rounds) / (ms / 1000), events: entries.length, seconds: ms / 1000, findings: report.findings.length, clean: report.clean, counts: report.counts };
};
