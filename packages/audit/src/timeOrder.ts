import { finding, type Finding } from './findings';
import type { LogEntry } from './log';
import { ownerOf, schoolIdsOf } from './streams';

type Mark = { readonly at: string; readonly streamName: string; readonly revision: number };

const occurredAtOf = (entry: LogEntry): string | undefined => {
  const at = (entry.record.metadata as { occurredAt?: unknown } | null)?.occurredAt;
  return typeof at === 'string' ? at : undefined;
};

/** Recorded by a release that binds actors to a school, and so refuses back-dated commands (R-TIME-4). */
const boundActor = (entry: LogEntry): boolean =>
  typeof (entry.record.metadata as { actor?: { schoolId?: unknown } } | null)?.actor?.schoolId === 'string';

/**
 * Of `best` and `mark`, the later one `at` comes before; on a tie the one named last, as the marks of the
 * stream, the school stream and the whole school are weighed in that order. Every event of a log weighs them,
 * so no array is made for it.
 */
const latestAfter = (at: string, best: Mark | undefined, mark: Mark | undefined): Mark | undefined =>
  mark !== undefined && at < mark.at && (best === undefined || mark.at >= best.at) ? mark : best;

const raise = (marks: Map<string, Mark>, key: string, mark: Mark): void => {
  const current = marks.get(key);
  if (current === undefined || current.at < mark.at) marks.set(key, mark);
};

/**
 * R-TIME-4 in a log. Flagged, in each school: an event dated before one recorded earlier in its own stream,
 * or before the school stream's latest (the service refuses both: they are what a command reads or
 * writes); and a school-stream event dated before anything the school recorded earlier in any stream — a
 * back-dated period change would make an upload another stream had accepted look late. Portfolios of two
 * students are not ordered against each other: their commands run side by side and may commit in either
 * order within the minutes they take. A school's events before its first one recorded with a bound actor
 * were written before R-TIME-4 and are not judged by it; they still set the marks later events must follow.
 */
export const verifyTimeOrder = (entries: ReadonlyArray<LogEntry>): Finding[] => {
  const schoolIds = schoolIdsOf(entries.map((entry) => entry.record));
  const streamLatest = new Map<string, Mark>();
  const schoolLatest = new Map<string, Mark>();
  const anyLatest = new Map<string, Mark>();
  const judged = new Set<string>();
  const findings: Finding[] = [];
  // A stream's owner is looked up once: the log names each stream hundreds of times.
  const owners = new Map<string, ReturnType<typeof ownerOf>>();
  const ownerOfStream = (streamName: string) => {
    if (!owners.has(streamName)) owners.set(streamName, ownerOf(streamName, schoolIds));
    return owners.get(streamName);
  };
  for (const entry of entries) {
    const at = occurredAtOf(entry);
    const owner = ownerOfStream(entry.record.streamName);
    if (at === undefined || owner === undefined) continue;
    const { streamName, revision } = entry.record;
    const isSchoolStream = owner.rest === '';
    if (boundActor(entry)) judged.add(owner.schoolId);
    const before = !judged.has(owner.schoolId)
      ? undefined
      : latestAfter(
          at,
          latestAfter(at, latestAfter(at, undefined, streamLatest.get(streamName)), schoolLatest.get(owner.schoolId)),
          isSchoolStream ? anyLatest.get(owner.schoolId) : undefined,
        );
    if (before !== undefined) {
      findings.push(
        finding(
          'time-backwards',
          { streamName, revision, line: entry.line },
          `事件時間 ${at} 早於學校 ${owner.schoolId} 先前記錄的 ${before.at}（${before.streamName} 第 ` +
            `${before.revision} 版），紀錄的時間不可倒流`,
          `dated ${at}, before ${before.at} recorded earlier in school ${owner.schoolId} (${before.streamName} ` +
            `revision ${before.revision}); recorded time never runs backwards`,
          { rule: 'R-TIME-4', details: { occurredAt: at, latest: before } },
        ),
      );
    }
    const mark = { at, streamName, revision };
    raise(streamLatest, streamName, mark);
    raise(anyLatest, owner.schoolId, mark);
    if (isSchoolStream) raise(schoolLatest, owner.schoolId, mark);
  }
  return findings;
};
