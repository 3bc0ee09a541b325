import { QUARANTINE_EVENT_TYPE, schoolIdOfSchoolStream } from '@licheng/domain';
import { schoolNotRegistered } from '@licheng/domain/internal';
import {
  portfolioStreamName,
  schoolStreamName,
  submissionStreamName,
  type DomainError,
  type PortfolioEvent,
  type PortfolioState,
  type RoutedCommand,
  type SchoolState,
  type Tagged,
} from '@licheng/domain';
import {
  canonicallyEqual,
  portfolioAggregate,
  schoolAggregate,
  storedContentHash,
  submissionAggregate,
  type Aggregate,
  type Envelope,
} from '@licheng/eventstore';
import * as E from 'fp-ts/Either';
import type { Draft } from 'immer';
import { finding, type Finding } from './findings';
import { consistencyWatch } from './inconsistent';
import { decodeRecordedCommand } from './recordedCommand';
import type { LogEntry } from './log';
import { byStream, streamKindOf, type StreamKind } from './streams';

// One shape for the three aggregates: the audit only decides, folds and stores what they give it.
type AnyAggregate = Aggregate<Tagged, Tagged, unknown, unknown>;
const AGGREGATES: Readonly<Record<StreamKind, AnyAggregate>> = {
  school: schoolAggregate as unknown as AnyAggregate,
  portfolio: portfolioAggregate as unknown as AnyAggregate,
  submission: submissionAggregate as unknown as AnyAggregate,
};

/** One stream as the audit walks it: its entries in log order, how many the walk has met, and its state. */
interface StreamWalk {
  readonly entries: ReadonlyArray<LogEntry>;
  /** Entries of the stream met so far in the log. */
  met: number;
  /** Where the last command's run of events ends: entries before it were judged with their command. */
  judgedTo: number;
  /** The audit's own state of the stream, folded in place; undefined until its first command. */
  state: unknown;
}

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

/** Where the routed command writes, and the context its decider needs at that point of the log. */
/**
 * R-SUB-4 / R-SEAL-3: the portfolios a roster lists, as they stand at this point of the log (every event
 * before it folded), as the service loads them before deciding.
 */
const portfoliosAt = (
  routed: RoutedCommand,
  walks: ReadonlyMap<string, StreamWalk>,
): Record<string, PortfolioState> => {
  const portfolios: Record<string, PortfolioState> = {};
  if (routed.aggregate !== 'submission' || routed.command.type !== 'SubmitRoster') return portfolios;
  const { schoolId, roster } = routed.command.data;
  for (const { studentId } of roster) {
    const state = walks.get(portfolioStreamName(schoolId, studentId))?.state;
    if (state !== undefined) portfolios[studentId] = state as PortfolioState;
  }
  return portfolios;
};

const targetOf = (
  routed: RoutedCommand,
  policies: ReadonlyMap<string, SchoolState>,
  walks: ReadonlyMap<string, StreamWalk>,
) => {
  const { now, actor } = routed.meta;
  switch (routed.aggregate) {
    case 'school':
      return { streamName: schoolStreamName(routed.command.data.schoolId), context: E.right({ now, actor }) };
    case 'portfolio':
    case 'submission': {
      const data = routed.command.data as {
        schoolId: string;
        studentId?: string;
        category?: string;
        period?: string;
        cohorts?: ReadonlyArray<number>;
      };
      const streamName =
        routed.aggregate === 'portfolio'
          ? portfolioStreamName(data.schoolId, data.studentId!)
          : submissionStreamName(data.schoolId, data.category!, data.period!, data.cohorts);
      const policy = policies.get(data.schoolId);
      // As the service does: a command for a school not yet registered is refused.
      const context: E.Either<DomainError, unknown> =
        policy && policy.schoolId !== null
          ? E.right({
              now,
              actor,
              policy,
              ...(routed.aggregate === 'submission' ? { portfolios: portfoliosAt(routed, walks) } : {}),
            })
          : E.left(schoolNotRegistered(data.schoolId));
      return { streamName, context };
    }
  }
};

/** An event as the store would give it back: through the serializer and back, as the handler stores it. */
const asStored = (aggregate: AnyAggregate, event: Tagged, like: Envelope<Tagged>): Tagged => {
  const { schemaVersion: _version, ...metadata } = like.metadata;
  const newEvent = aggregate.serializer.toNewEvent(event, metadata, like.eventId);
  const back = aggregate.serializer.decode({
    ...like,
    type: newEvent.type,
    data: newEvent.data,
    metadata: newEvent.metadata,
  });
  return E.isRight(back) ? back.right.event : event;
};

/**
 * Decides every recorded command again (docs/audit.md): against the state of its stream before it and,
 * for portfolio and submission commands, the school's policy as it stood before its first event (the
 * school stream folded up to the last school event earlier in the log), at the instant and by the actor
 * recorded. The events it gives must equal the stored ones, type and data.
 *
 * Since it decodes and folds every portfolio event, it also finds the inconsistent ones as it goes
 * (`inconsistent`, as `findInconsistentEvents` gives them): each event is decoded and folded once.
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
    if (decoded.length === group.length) findings.push(...judge(aggregate, group, decoded, before, policies, walks));
    // It judges each command before folding its events, so the state is folded in place (shared/decider.ts).
    if (kind === 'portfolio') {
      for (let i = 0; i < decoded.length; i++)
        consistency.evolve(before as PortfolioState, decoded[i]!.event as PortfolioEvent, decodedFrom[i]!);
    } else for (const { event } of decoded) aggregate.decider.evolve(before as Draft<unknown>, event);
    if (kind === 'school') policies.set(schoolIdOfSchoolStream(streamName), before as SchoolState);
  }
  return { findings, commands, inconsistent: consistency.findings() };
};

const judge = (
  aggregate: AnyAggregate,
  group: ReadonlyArray<LogEntry>,
  stored: ReadonlyArray<Envelope<Tagged>>,
  state: unknown,
  policies: ReadonlyMap<string, SchoolState>,
  walks: ReadonlyMap<string, StreamWalk>,
): Finding[] => {
  const first = stored[0]!;
  const at = { streamName: first.streamName, revision: first.revision, line: group[0]!.line };
  const { metadata } = first;
  const importedFrom = (metadata as { importedFrom?: unknown }).importedFrom;
  if (metadata.command === undefined || importedFrom !== undefined) {
    const why = importedFrom !== undefined ? 'imported' : 'no-command';
    const [zh, en] =
      why === 'imported'
        ? ['自他校匯入的事件，無法在此重新判定', 'imported from another school: not decided here']
        : ['事件未記錄產生它的指令，無法重新判定', 'no command was recorded with these events'];
    return [
      finding('unverifiable', at, zh, en, {
        commandId: metadata.commandId,
        details: { reason: why, events: stored.length },
      }),
    ];
  }
  const more = { commandId: metadata.commandId, commandType: metadata.command.type };
  // Only a finding shows them.
  const storedEvents = () => stored.map((s) => ({ type: s.event.type, data: s.event.data }));
  const routed = decodeRecordedCommand(metadata, metadata.command);
  const refusal = (error: DomainError): Finding =>
    finding(
      'refused',
      at,
      `重新判定時被拒：${error.message['zh-TW']}`,
      `decided again, the command is refused: ${error.message.en}`,
      {
        ...more,
        rule: error.rule,
        details: { code: error.code, stored: storedEvents(), error },
      },
    );
  if (E.isLeft(routed)) return [refusal(routed.left)];
  const target = targetOf(routed.right, policies, walks);
  if (target.streamName !== first.streamName || AGGREGATES[routed.right.aggregate] !== aggregate) {
    return [
      finding(
        'mismatch',
        at,
        `記錄的指令寫入的是 ${target.streamName}`,
        `the recorded command writes to ${target.streamName}`,
        { ...more, details: { stored: storedEvents(), target: target.streamName } },
      ),
    ];
  }
  if (E.isLeft(target.context)) return [refusal(target.context.left)];
  const decision = aggregate.decider.decide(routed.right.command, state, target.context.right);
  if (E.isLeft(decision)) return [refusal(decision.left)];
  // A decided event equal to the stored one as it is needs no trip through the serializer to be found equal.
  const decided = decision.right;
  const differs = stored.findIndex((s, i) => {
    const event = decided[i];
    return (
      event === undefined ||
      !(canonicallyEqual(event, s.event) || canonicallyEqual(asStored(aggregate, event, first), s.event))
    );
  });
  if (differs < 0 && decided.length === stored.length) return [];
  const index = differs < 0 ? stored.length : differs;
  const revision = first.revision + Math.min(index, stored.length - 1);
  return [
    finding(
      'mismatch',
      { ...at, revision, line: group[Math.min(index, group.length - 1)]!.line },
      '重新判定得到不同的事件',
      'decided again, the command gives other events',
      {
        ...more,
        details: { stored: storedEvents(), decided: decision.right.map((e) => ({ type: e.type, data: e.data })) },
      },
    ),
  ];
};
