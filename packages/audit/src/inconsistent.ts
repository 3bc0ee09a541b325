import { evolvePortfolio, portfolioDecider, type PortfolioEvent, type PortfolioState } from '@licheng/domain';
import { decodeRecorded } from '@licheng/projections';
import * as E from 'fp-ts/Either';
import type { Draft } from 'immer';
import { changeTracker } from './changeTracking';
import { finding, type Finding } from './findings';
import type { LogEntry } from './log';
import { streamKindOf } from './streams';

const inconsistent = (streamName: string, entry: LogEntry, event: PortfolioEvent): Finding =>
  finding(
    'inconsistent',
    { streamName, revision: entry.record.revision, line: entry.line },
    `事件 ${event.type} 與串流先前的內容不符（例如所指的成果或收訖明細不存在），報表不採計`,
    `Event ${event.type} does not follow from the stream before it (what it refers to does not exist or is ` +
      `not in that state); reports do not count it`,
    { details: { type: event.type, data: event.data } },
  );

/**
 * Events that decode but that the stream they sit in cannot have produced: a certification of an outcome
 * never uploaded, a receipt confirmed without a statement (issue 16, item 4). The portfolio's `evolve`
 * leaves the state as it was for such an event — reports, which fold with the same `evolve`, therefore
 * never show it as a fact — and the audit says where each one is. A decider never writes an event that
 * changes nothing, so an event without effect was not decided: it was written around the command handler.
 * Chained or not, it is a finding even when the hash chain holds (whoever wrote it could re-chain).
 *
 * The readable definition: the audit finds the same while re-deciding (`consistencyWatch`), which decodes and
 * folds every portfolio event anyway (tested equal in inconsistent.test.ts).
 */
export const findInconsistentEvents = (streams: ReadonlyMap<string, ReadonlyArray<LogEntry>>): Finding[] => {
  const findings: Finding[] = [];
  const tracker = changeTracker();
  for (const [streamName, entries] of streams) {
    if (streamKindOf(streamName) !== 'portfolio') continue;
    // Folded in place on a state this check owns; the tracker tells an event that changed nothing (as
    // immer's produce returning its base did, without copying what each event touches).
    const state = tracker.track(portfolioDecider.initialState() as Draft<PortfolioState>);
    for (const entry of entries) {
      const decoded = decodeRecorded(entry.record);
      // Undecodable events are the chain's and the decoder's findings, not this check's.
      if (E.isLeft(decoded) || decoded.right.stream !== 'portfolio') continue;
      const event = decoded.right.event as PortfolioEvent;
      tracker.reset();
      evolvePortfolio(state, event);
      if (!tracker.changed()) findings.push(inconsistent(streamName, entry, event));
    }
  }
  return findings;
};

/**
 * The same check made by a walk that folds each portfolio stream's decodable events in the order of the
 * stream, as re-deciding does: `evolve` folds one event into the state the walk owns and notes it if it
 * changed nothing; `findings` gives them as `findInconsistentEvents` does, stream after stream in the order of
 * `streams`, whatever order the walk visited the streams in.
 */
export const consistencyWatch = (streams: ReadonlyMap<string, unknown>) => {
  const tracker = changeTracker();
  const found = new Map<string, Finding[]>();
  return {
    evolve: (state: PortfolioState, event: PortfolioEvent, entry: LogEntry): void => {
      tracker.reset();
      evolvePortfolio(tracker.track(state as Draft<PortfolioState>), event);
      if (tracker.changed()) return;
      const { streamName } = entry.record;
      const stream = found.get(streamName);
      const at = inconsistent(streamName, entry, event);
      if (stream) stream.push(at);
      else found.set(streamName, [at]);
    },
    findings: (): Finding[] => {
      const findings: Finding[] = [];
      if (found.size === 0) return findings;
      for (const streamName of streams.keys()) findings.push(...(found.get(streamName) ?? []));
      return findings;
    },
  };
};
