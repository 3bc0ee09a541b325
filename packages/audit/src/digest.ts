import { STREAM_PREFIXES, chainHashes, headsDigest, type RecordedEvent, type StreamHead } from '@licheng/eventstore';
import { decodeRecorded } from '@licheng/projections';
import * as E from 'fp-ts/Either';
import { finding, type Finding } from './findings';
import type { LogEntry } from './log';
import { isSealedBy } from './streams';

interface Chain {
  readonly records: ReadonlyArray<RecordedEvent>;
  readonly hashes: ReadonlyArray<string>;
}

/** The school's streams over the events before `cut` (a global position), each in revision order with its hashes. */
const chainsBefore = (entries: ReadonlyArray<LogEntry>, schoolId: string, cut: number): Map<string, Chain> => {
  const streams = new Map<string, RecordedEvent[]>();
  for (const { record } of entries) {
    if (record.position >= cut || !isSealedBy(record.streamName, schoolId)) continue;
    const stream = streams.get(record.streamName);
    if (stream) stream.push(record);
    else streams.set(record.streamName, [record]);
  }
  const chains = new Map<string, Chain>();
  for (const [name, events] of streams) {
    const records = [...events].sort((a, b) => a.revision - b.revision);
    chains.set(name, { records, hashes: chainHashes(records) });
  }
  return chains;
};

/**
 * Whether the stated digest is that of the heads just before the seal, or — because the runner computes
 * it a moment before it appends the seal — of the heads at an earlier cut after the school stream's
 * previous event: walking back one event at a time, each step moves one stream's head back by one.
 */
const digestHolds = (chains: Map<string, Chain>, since: number, stated: string): { holds: boolean; computed: string } => {
  const heads = new Map<string, number>([...chains].map(([name, chain]) => [name, chain.records.length - 1]));
  const digest = (): string => {
    const live: StreamHead[] = [];
    for (const [name, index] of heads) {
      const chain = chains.get(name)!;
      if (index >= 0) live.push([name, chain.records[index]!.revision, chain.hashes[index]!]);
    }
    return headsDigest(live);
  };
  const computed = digest();
  if (computed === stated) return { holds: true, computed };
  const recent = [...chains]
    .flatMap(([name, chain]) => chain.records.map((record, index) => ({ name, index, position: record.position })))
    .filter((event) => event.position > since)
    .sort((a, b) => b.position - a.position);
  for (const event of recent) {
    heads.set(event.name, event.index - 1);
    if (digest() === stated) return { holds: true, computed };
  }
  return { holds: false, computed };
};

/**
 * Verifies each PeriodSealed digest (schema v2) against the heads of the school's streams (docs/audit.md).
 * A v1 seal, upcast to `digest: null`, has nothing to verify.
 */
export const verifySealDigests = (entries: ReadonlyArray<LogEntry>): Finding[] => {
  const findings: Finding[] = [];
  const previousSchoolEvent = new Map<string, number>();
  for (const { record, line } of entries) {
    if (!record.streamName.startsWith(STREAM_PREFIXES.school)) continue;
    const schoolId = record.streamName.slice(STREAM_PREFIXES.school.length);
    const since = previousSchoolEvent.get(schoolId) ?? -1;
    previousSchoolEvent.set(schoolId, record.position);
    if (record.type !== 'PeriodSealed') continue;
    const decoded = decodeRecorded(record);
    if (E.isLeft(decoded) || decoded.right.event.type !== 'PeriodSealed' || decoded.right.event.data.digest === null) continue;
    const stated = decoded.right.event.data.digest;
    const { holds, computed } = digestHolds(chainsBefore(entries, schoolId, record.position), since, stated);
    if (holds) continue;
    const { category, period } = decoded.right.event.data;
    findings.push(
      finding(
        'digest-mismatch',
        { streamName: record.streamName, revision: record.revision, line },
        `封存 ${category} ${period} 的摘要與當時各串流的末端不符`,
        `the digest of the seal of ${category} ${period} does not match the heads of the school's streams at the time`,
        { details: { stored: stated, computed } },
      ),
    );
  }
  return findings;
};
