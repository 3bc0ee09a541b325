import { auditLog, type LogEntry } from '@licheng/audit';
import type { RecordedEvent } from '@licheng/eventstore';
import type { StoreWorkload } from './workload';

/**
 * The workload as an NDJSON log would hand it to `licheng audit verify`: every stream's events merged in the
 * order they were recorded (the audit checks that a school's recorded time never runs backwards, R-TIME-4);
 * the sort is stable, so each stream keeps its own order.
 */
export const logEntriesOf = (workload: StoreWorkload): LogEntry[] => {
  const events = [workload.school, ...workload.streams].flatMap((stream) =>
    stream.events.map((event, revision) => ({ stream, event, revision })),
  );
  const at = (e: (typeof events)[number]) => (e.event.metadata as { occurredAt: string }).occurredAt;
  events.sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : 0));
  return events.map(({ stream, event, revision }, position) => {
    const record: RecordedEvent = JSON.parse(
      JSON.stringify({
        eventId: event.eventId,
        streamName: stream.streamName,
        revision,
        position,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
      }),
    ) as RecordedEvent;
    return { record, line: position + 1 };
  });
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
