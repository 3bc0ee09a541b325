import type { KeyObject } from 'node:crypto';
import { decodeRecorded } from '@licheng/projections';
import * as E from 'fp-ts/Either';
import { verifyChains } from './chain';
import { verifySealDigests } from './digest';
import { countByKind, isError, type Finding, type FindingKind } from './findings';
import type { EventLog } from './log';
import { verifyQuarantines } from './quarantine';
import { reDecide } from './redecide';
import { verifyTimeOrder } from './timeOrder';
import { byStream } from './streams';

/** A seal and the digest it states, printed so that it can be compared with a copy kept outside the log. */
export interface SealRecord {
  readonly streamName: string;
  readonly revision: number;
  readonly category: string;
  readonly period: string;
  readonly occurredAt: string;
  readonly digest: string | null;
}

export interface AuditReport {
  readonly streams: number;
  readonly events: number;
  /** Command groups met: each decided again, or counted as unverifiable. */
  readonly commands: number;
  readonly findings: ReadonlyArray<Finding>;
  readonly counts: Readonly<Record<FindingKind, number>>;
  readonly seals: ReadonlyArray<SealRecord>;
  /** Whether any finding is an error (with `strict`, `unverifiable` ones too). */
  readonly clean: boolean;
}

const sealsOf = (log: EventLog): SealRecord[] => {
  const seals: SealRecord[] = [];
  for (const { record } of log.entries) {
    if (record.type !== 'PeriodSealed') continue;
    const decoded = decodeRecorded(record);
    if (E.isLeft(decoded) || decoded.right.event.type !== 'PeriodSealed') continue;
    const { category, period, digest } = decoded.right.event.data;
    seals.push({
      streamName: record.streamName,
      revision: record.revision,
      category,
      period,
      occurredAt: decoded.right.metadata.occurredAt,
      digest,
    });
  }
  return seals;
};

/**
 * The whole audit of a log (docs/audit.md): the hash chain of every stream, every seal digest, and every
 * recorded command decided again, every quarantine record against what it sets aside, and the order of time
 * in each school (R-TIME-4). Findings come in that order, each naming stream, revision and line.
 */
export const auditLog = (
  log: EventLog,
  options: {
    readonly strict?: boolean;
    readonly onPhase?: (phase: string) => void;
    readonly publicKey?: KeyObject;
  } = {},
): AuditReport => {
  const streams = byStream(log.entries);
  options.onPhase?.('hash chains');
  const chain = verifyChains(log.entries, streams);
  options.onPhase?.('seal digests');
  const digests = verifySealDigests(log.entries, options.publicKey ? { publicKey: options.publicKey } : {});
  // Re-deciding folds every event: it finds the inconsistent ones (issue 16, item 4) on the way.
  options.onPhase?.('re-deciding commands, consistency');
  const decisions = reDecide(log.entries, streams);
  options.onPhase?.('quarantines');
  const quarantines = verifyQuarantines(streams);
  options.onPhase?.('time order');
  const findings = [
    ...chain,
    ...digests,
    ...decisions.inconsistent,
    ...decisions.findings,
    ...quarantines,
    ...verifyTimeOrder(log.entries),
  ];
  return {
    streams: streams.size,
    events: log.entries.length,
    commands: decisions.commands,
    findings,
    counts: countByKind(findings),
    seals: sealsOf(log),
    clean: !findings.some((f) => isError(f.kind, options.strict)),
  };
};
