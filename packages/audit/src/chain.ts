import { GENESIS_HASH, linkHash, storedHash, type RecordedEvent } from '@licheng/eventstore';
import { finding, type Finding } from './findings';
import type { LogEntry } from './log';
import { byStream } from './streams';

const NO_ONE: ReadonlyArray<LogEntry> = [];
const linksFrom = (prev: string, record: RecordedEvent): boolean =>
  linkHash(prev, record) === storedHash(record.metadata);
const hasCommand = (record: RecordedEvent): boolean =>
  typeof record.metadata === 'object' && record.metadata !== null && 'command' in record.metadata;

/**
 * Revisions as the log holds them: a revision lower than one already seen, and new, came too late
 * (reordered); one seen before is a second event claiming it (inserted); the first claimant that links
 * stays. Returns the claimants of each revision, in revision order.
 */
const orderOf = (entries: ReadonlyArray<LogEntry>, findings: Finding[]): LogEntry[][] => {
  // An untouched stream holds revisions 0, 1, 2, … in order: one claimant each, nothing to report.
  if (entries.every((entry, i) => entry.record.revision === i)) return entries.map((entry) => [entry]);
  const seen = new Map<number, LogEntry[]>();
  let highest = -1;
  for (const entry of entries) {
    const { streamName, revision } = entry.record;
    const claimants = seen.get(revision);
    if (claimants) claimants.push(entry);
    else {
      if (revision < highest) {
        findings.push(
          finding(
            'reordered',
            { streamName, revision, line: entry.line },
            `第 ${revision} 版出現在第 ${highest} 版之後`,
            `revision ${revision} comes after revision ${highest}`,
          ),
        );
      }
      seen.set(revision, [entry]);
    }
    highest = Math.max(highest, revision);
  }
  return [...seen.keys()].sort((a, b) => a - b).map((revision) => seen.get(revision)!);
};

/**
 * Verifies one stream's chain (docs/audit.md): every event's stored hash must be the SHA-256 of
 * canonical [previous hash, type, data, metadata-without-hash]. A break is located and named: a gap in
 * revisions is a removal; an event the chain skips over is an insertion; two events that link once
 * swapped were reordered; anything else is a changed event (its stored hash no longer covers it).
 */
export const verifyStreamChain = (entries: ReadonlyArray<LogEntry>): Finding[] => {
  const findings: Finding[] = [];
  const revisions = orderOf(entries, findings);
  const ordered: LogEntry[] = revisions.map((claimants) => claimants[0]!);
  let prev = GENESIS_HASH;
  let chained = false;
  let expected = 0;
  for (let i = 0; i < ordered.length; i++) {
    const claimants = revisions[i]!;
    // Of several events claiming one revision, the one that links stays; the others were inserted.
    const entry =
      claimants.length === 1 ? claimants[0]! : (claimants.find((c) => linksFrom(prev, c.record)) ?? claimants[0]!);
    ordered[i] = entry;
    const { streamName, revision } = entry.record;
    const at = { streamName, revision, line: entry.line };
    // Most revisions have one claimant: no list of intruders is made for them.
    for (const intruder of claimants.length === 1 ? NO_ONE : claimants.filter((c) => c !== entry)) {
      findings.push(
        finding(
          'inserted',
          { streamName, revision, line: intruder.line },
          `第 ${revision} 版多出一筆事件`,
          `a second event claims revision ${revision}`,
          { details: { eventId: intruder.record.eventId } },
        ),
      );
    }
    const gap = revision > expected;
    for (let missing = expected; missing < revision; missing++) {
      findings.push(
        finding(
          'removed',
          { streamName, revision: missing },
          `第 ${missing} 版的事件不見了`,
          `the event at revision ${missing} is missing`,
        ),
      );
    }
    expected = revision + 1;
    const record = entry.record;
    const hash = storedHash(record.metadata);
    if (hash === undefined) {
      // Written before chaining, the event carries no hash: fine until the chain has begun.
      if (chained || hasCommand(record))
        findings.push(finding('hash-missing', at, '事件缺少雜湊值', 'the event carries no hash'));
      prev = linkHash(prev, record);
      continue;
    }
    chained = true;
    if (gap || linkHash(prev, record) === hash) {
      prev = hash;
      continue;
    }
    const next = ordered[i + 1]?.record;
    if (next !== undefined && linksFrom(prev, next) && linksFrom(storedHash(next.metadata)!, record)) {
      findings.push(
        finding(
          'reordered',
          at,
          `第 ${revision} 版與第 ${revision + 1} 版的事件順序對調了`,
          `the events at revisions ${revision} and ${revision + 1} were swapped`,
        ),
      );
      prev = hash;
      i += 1;
      expected += 1;
    } else if (next !== undefined && linksFrom(prev, next)) {
      findings.push(
        finding(
          'inserted',
          at,
          `第 ${revision} 版是插入的事件：鏈結略過它`,
          `the event at revision ${revision} was inserted: the chain skips it`,
          { details: { eventId: record.eventId } },
        ),
      );
    } else {
      findings.push(
        finding(
          'changed',
          at,
          `第 ${revision} 版的事件與其雜湊值不符：內容被改過`,
          `the event at revision ${revision} does not match its hash: it was changed`,
          {
            details: { stored: hash, computed: linkHash(prev, record) },
          },
        ),
      );
      prev = hash;
    }
  }
  return findings;
};

/** Every stream of the log; a log whose lines are out of global order says where. */
export const verifyChains = (
  entries: ReadonlyArray<LogEntry>,
  streams: ReadonlyMap<string, ReadonlyArray<LogEntry>> = byStream(entries),
): Finding[] => {
  const findings: Finding[] = [];
  for (const stream of streams.values()) findings.push(...verifyStreamChain(stream));
  // A line already found out of place in its stream is not reported twice.
  const placed = new Set(findings.map((f) => f.line));
  let last = -1;
  for (const { record, line } of entries) {
    if (record.position <= last && !placed.has(line)) {
      findings.push(
        finding(
          'reordered',
          { streamName: record.streamName, revision: record.revision, line },
          `全域位置 ${record.position} 出現在 ${last} 之後`,
          `global position ${record.position} comes after ${last}`,
        ),
      );
    }
    last = Math.max(last, record.position);
  }
  return findings;
};
