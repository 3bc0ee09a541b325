import {
  QUARANTINE_EVENT_TYPE,
  schoolIdOfSchoolStream,
  type PortfolioEvent,
  type PortfolioState,
  type SchoolState,
  type Tagged,
} from '@licheng/domain';
import { storedContentHash, type Envelope } from '@licheng/eventstore';
import * as E from 'fp-ts/Either';
import type { Draft } from 'immer';
import { AGGREGATES, type StreamWalk } from './decisionTarget';
import { finding, type Finding } from './findings';
import { consistencyWatch } from './inconsistent';
import { judge } from './judge';
import type { LogEntry } from './log';
import { byStream, streamKindOf } from './streams';

const commandIdOf = (entry: LogEntry): unknown => (entry.record.metadata as { commandId?: unknown } | null)?.commandId;

/**
 * The run of events one command appended, if `entry` begins one: consecutive in its stream, with the same
 * commandId. The log visits a stream's entries in the stream's order, so the k-th visit is its k-th entry.
 */
const runBegunBy = (walk: StreamWalk): ReadonlyArray<LogEntry> | undefined => {
  const at = walk.met++;
  if (at < walk.judgedTo) return undefined;
  const commandId = commandIdOf(walk.entries[at]!);
  let end = at + 1;
  while (end < walk.entries.length && commandIdOf(walk.entries[end]!) === commandId) end++;
  walk.judgedTo = end;
  return walk.entries.slice(at, end);
};

/**
 * Decides every recorded command again (docs/audit.md): against the state of its stream before it and,
 * for portfolio and submission commands, the school's policy as it stood before its first event (the
 * school stream folded up to the last school event earlier in the log), at the instant and by the actor
 * recorded. The events it gives must equal the stored ones, type and data.
 *
 * Since it decodes and folds every portfolio event, it also finds the inconsistent ones as it goes
 * (`inconsistent`, as `findInconsistentEvents` gives them): each event is decoded and folded once, and only the
 * events of a command it could not verify are watched for a change.
 */
export const reDecide = (
  entries: ReadonlyArray<LogEntry>,
  streams: ReadonlyMap<string, ReadonlyArray<LogEntry>> = byStream(entries),
): { readonly findings: Finding[]; readonly commands: number; readonly inconsistent: Finding[] } => {
  const findings: Finding[] = [];
  let commands = 0;
  const walks = new Map<string, StreamWalk>();
  for (const [streamName, stream] of streams)
    walks.set(streamName, { entries: stream, met: 0, judgedTo: 0, state: undefined });
  const policies = new Map<string, SchoolState>();
  const consistency = consistencyWatch(streams);
  for (const entry of entries) {
    const walk = walks.get(entry.record.streamName);
    const group = walk && runBegunBy(walk);
    const kind = group && streamKindOf(entry.record.streamName);
    if (!group || !kind) continue;
    // A repair is no command of the stream's decider: quarantine.ts checks it against what it sets aside.
    // (No stream's serializer reads a quarantine record, so the consistency check would skip it too.)
    if (group.every((member) => member.record.type === QUARANTINE_EVENT_TYPE)) continue;
    const aggregate = AGGREGATES[kind];
    const { streamName } = entry.record;
    const decoded: Envelope<Tagged>[] = [];
    const decodedFrom: LogEntry[] = [];
    for (const member of group) {
      const result = aggregate.serializer.decode(member.record);
      if (E.isLeft(result)) {
        findings.push(
          finding(
            'undecodable',
            { streamName, revision: member.record.revision, line: member.line },
            result.left.message['zh-TW'],
            result.left.message.en,
            // The hash `licheng repair quarantine --hash` needs to set this event aside (issue 16, item 6).
            { details: { error: result.left, contentHash: storedContentHash(member.record) } },
          ),
        );
      } else {
        decoded.push(result.right);
        decodedFrom.push(member);
      }
    }
    // The audit owns every state it folds (each walk begins with a new initial state).
    const before = (walk!.state ??= aggregate.decider.initialState());
    commands += 1;
    const verdict = decoded.length === group.length ? judge(aggregate, group, decoded, before, policies, walks) : null;
    if (verdict !== null) findings.push(...verdict);
    // It judges each command before folding its events, so the state is folded in place (shared/decider.ts).
    // Events its recorded command gives again were decided on this very state, and a decider writes no event
    // that changes nothing (inconsistent.test.ts): only the others are watched for a change.
    if (kind === 'portfolio' && verdict?.length !== 0) {
      for (let i = 0; i < decoded.length; i++)
        consistency.evolve(before as PortfolioState, decoded[i]!.event as PortfolioEvent, decodedFrom[i]!);
    } else for (const { event } of decoded) aggregate.decider.evolve(before as Draft<unknown>, event);
    if (kind === 'school') policies.set(schoolIdOfSchoolStream(streamName), before as SchoolState);
  }
  return { findings, commands, inconsistent: consistency.findings() };
};
