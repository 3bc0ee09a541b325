import type * as crypto from 'node:crypto';
import { schoolIdOfSchoolStream, streamKindOf } from '@licheng/domain';
import {
  chainHashes,
  GENESIS_HASH,
  headsDigest,
  linkHash,
  sealKeyIdOf,
  sealSignatureHolds,
  type RecordedEvent,
  type StreamHead,
} from '@licheng/eventstore';
import { decodeRecorded } from '@licheng/projections';
import * as E from 'fp-ts/Either';
import { finding, type Finding } from './findings';
import type { LogEntry } from './log';
import { byStream, isSealedBy } from './streams';

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
const digestHolds = (
  chains: Map<string, Chain>,
  since: number,
  stated: string,
): { holds: boolean; computed: string } => {
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

/** The stored schema version of an event (1 when absent: events written before versions were recorded). */
const storedVersionOf = (record: RecordedEvent): number => {
  const version = (record.metadata as { schemaVersion?: unknown } | null)?.schemaVersion;
  return typeof version === 'number' ? version : 1;
};

export interface SealVerifyOptions {
  /** The deadline runner's public key: every seal must then carry its valid signature. */
  readonly publicKey?: crypto.KeyObject;
}

/**
 * Verifies each seal (docs/audit.md). A v3 seal names the exact heads it covers: the digest must be theirs,
 * and each covered stream, its chain recomputed from its events, must end at that revision in that hash —
 * no search. A v3 seal without them, or a v2 seal whose digest was nulled, is `unprotected-seal`, as is a
 * v1 seal after a later-schema one (a downgrade). A v2 seal keeps the older check, which walks back to
 * the school stream's previous event (why: docs/audit.md). With `publicKey`, a seal without a valid
 * signature by that key is `unsigned-seal`.
 */
export const verifySealDigests = (entries: ReadonlyArray<LogEntry>, options: SealVerifyOptions = {}): Finding[] => {
  const findings: Finding[] = [];
  const previousSchoolEvent = new Map<string, number>();
  const newestSealVersion = new Map<string, number>();
  const keyId = options.publicKey ? sealKeyIdOf(options.publicKey) : undefined;
  const streams = byStream(entries);
  for (const { record, line } of entries) {
    if (streamKindOf(record.streamName) !== 'school') continue;
    const schoolId = schoolIdOfSchoolStream(record.streamName);
    const since = previousSchoolEvent.get(schoolId) ?? -1;
    previousSchoolEvent.set(schoolId, record.position);
    if (record.type !== 'PeriodSealed') continue;
    const decoded = decodeRecorded(record);
    if (E.isLeft(decoded) || decoded.right.event.type !== 'PeriodSealed') continue;
    const { category, period, digest, integrity, cohorts } = decoded.right.event.data;
    const at = { streamName: record.streamName, revision: record.revision, line };
    const report = (kind: Finding['kind'], zh: string, en: string, details: Record<string, unknown> = {}) =>
      findings.push(
        finding(kind, at, `封存 ${category} ${period}：${zh}`, `the seal of ${category} ${period}: ${en}`, { details }),
      );
    const version = storedVersionOf(record);
    const newest = newestSealVersion.get(schoolId) ?? 0;
    newestSealVersion.set(schoolId, Math.max(newest, version));

    if (options.publicKey && keyId) {
      const signature = integrity?.signature;
      if (!signature || digest === null || !integrity)
        report('unsigned-seal', '沒有簽章', 'carries no signature', { keyId });
      else if (signature.keyId !== keyId)
        report(
          'unsigned-seal',
          `簽章金鑰 ${signature.keyId} 不是所給的 ${keyId}`,
          `is signed by key ${signature.keyId}, not the given ${keyId}`,
          { keyId, signedBy: signature.keyId },
        );
      else if (
        !sealSignatureHolds(
          options.publicKey,
          {
            schoolStream: record.streamName,
            category,
            period,
            digest,
            heads: integrity.heads,
            ...(cohorts ? { cohorts } : {}),
          },
          signature.value,
          signature.statement ?? 1,
        )
      ) {
        report(
          'unsigned-seal',
          '簽章與封存內容不符',
          'has a signature that does not verify over what the seal states',
          { keyId },
        );
      }
    }

    if (integrity !== undefined && digest !== null) {
      const computed = headsDigest(integrity.heads);
      if (computed !== digest)
        report('digest-mismatch', '摘要不是所列各串流末端的摘要', 'its digest is not that of the heads it lists', {
          stored: digest,
          computed,
        });
      // A stream of the school with an event before the school stream's previous event existed when the heads were
      // read.
      const covered = new Set(integrity.heads.map((head) => head[0]));
      for (const [name, stream] of streams) {
        if (!covered.has(name) && isSealedBy(name, schoolId) && stream.some((entry) => entry.record.position < since)) {
          report(
            'digest-mismatch',
            `未涵蓋當時已存在的串流 ${name}`,
            `does not cover ${name}, which existed when it was taken`,
            { uncovered: name },
          );
        }
      }
      for (const head of integrity.heads) {
        const problem = headProblem(streams, head, record.position);
        if (problem)
          report(
            'digest-mismatch',
            `涵蓋的串流 ${head[0]} 第 ${head[1]} 版${problem.zh}`,
            `covered stream ${head[0]} at revision ${head[1]} ${problem.en}`,
            { covered: [...head], ...problem.details },
          );
      }
      continue;
    }
    if (version >= 3 || (version === 2 && digest === null)) {
      report(
        'unprotected-seal',
        `以第 ${version} 版格式寫入卻沒有摘要與涵蓋範圍`,
        `was written as schema ${version} but has no digest and coverage`,
        { schemaVersion: version },
      );
      continue;
    }
    if (version === 1 && newest >= 2) {
      report(
        'unprotected-seal',
        '在有摘要的封存之後卻是沒有摘要的舊格式（降版）',
        'is in the old schema without a digest after a seal with one (a downgrade)',
        { schemaVersion: version, newest },
      );
      continue;
    }
    if (digest === null) continue;
    const { holds, computed } = digestHolds(chainsBefore(entries, schoolId, record.position), since, digest);
    if (!holds)
      report(
        'digest-mismatch',
        '摘要與當時各串流的末端不符',
        "its digest does not match the heads of the school's streams at the time",
        { stored: digest, computed },
      );
  }
  return findings;
};

/**
 * Whether the log holds the covered head: the stream's events 0..revision, each once, before the seal, whose
 * chain — recomputed from their content, not read from their stored hashes — ends in the covered hash.
 */
const headProblem = (
  streams: ReadonlyMap<string, ReadonlyArray<LogEntry>>,
  [streamName, revision, hash]: StreamHead,
  sealPosition: number,
): { zh: string; en: string; details: Record<string, unknown> } | null => {
  const events = (streams.get(streamName) ?? [])
    .map((entry) => entry.record)
    .filter((record) => record.revision <= revision);
  events.sort((a, b) => a.revision - b.revision);
  if (events.length !== revision + 1 || events.some((record, index) => record.revision !== index)) {
    return {
      zh: '之前的事件不完整或重複',
      en: 'does not have each of its events up to there exactly once',
      details: { found: events.length },
    };
  }
  if (events[revision]!.position > sealPosition)
    return { zh: '在封存之後才出現', en: 'comes after the seal in the log', details: {} };
  let prev = GENESIS_HASH;
  for (const record of events) prev = linkHash(prev, record);
  return prev === hash ? null : { zh: '的雜湊鏈結果不同', en: 'chains to another hash', details: { computed: prev } };
};
