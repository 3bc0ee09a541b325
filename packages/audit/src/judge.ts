import type { DomainError, SchoolState, Tagged } from '@licheng/domain';
import { canonicallyEqual, type Envelope } from '@licheng/eventstore';
import * as E from 'fp-ts/Either';
import { AGGREGATES, targetOf, type AnyAggregate, type StreamWalk } from './decisionTarget';
import { finding, type Finding } from './findings';
import type { LogEntry } from './log';
import { decodeRecordedCommand } from './recordedCommand';

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
 * One command's verdict: its recorded command decided again on `state` (its stream before it) must give the events
 * stored, type and data; none when they are equal, else one finding (unverifiable, refused or mismatch).
 */
export const judge = (
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
