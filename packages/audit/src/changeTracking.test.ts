import { evolvePortfolio, portfolioDecider, type PortfolioEvent, type PortfolioState } from '@licheng/domain';
import type { RecordedEvent } from '@licheng/eventstore';
import { decodeRecorded } from '@licheng/projections';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { produce, type Draft } from 'immer';
import { changeTracker } from './changeTracking';
import { simulatedYear } from './testing/histories';

/** The readable version the tracker replaced: one immer produce per event, unchanged when it returns its base. */
const unchangedByProduce = (events: ReadonlyArray<PortfolioEvent>): number[] => {
  const unchanged: number[] = [];
  let state: PortfolioState = portfolioDecider.initialState();
  events.forEach((event, i) => {
    const next = produce(state, (draft: Draft<PortfolioState>) => evolvePortfolio(draft, event));
    if (next === state) unchanged.push(i);
    state = next;
  });
  return unchanged;
};

const unchangedByTracker = (events: ReadonlyArray<PortfolioEvent>): { unchanged: number[]; state: PortfolioState } => {
  const unchanged: number[] = [];
  const tracker = changeTracker();
  const root = portfolioDecider.initialState();
  const state = tracker.track(root as Draft<PortfolioState>);
  events.forEach((event, i) => {
    tracker.reset();
    evolvePortfolio(state, event);
    if (!tracker.changed()) unchanged.push(i);
  });
  return { unchanged, state: root };
};

let streams: PortfolioEvent[][];

beforeAll(async () => {
  const { records } = await simulatedYear(4);
  const byStream = new Map<string, PortfolioEvent[]>();
  for (const record of records as ReadonlyArray<RecordedEvent>) {
    const decoded = decodeRecorded(record);
    if (E.isLeft(decoded) || decoded.right.stream !== 'portfolio') continue;
    const events = byStream.get(record.streamName) ?? [];
    events.push(decoded.right.event as PortfolioEvent);
    byStream.set(record.streamName, events);
  }
  streams = [...byStream.values()].filter((events) => events.length > 3);
});

describe('telling an event that changed nothing, folding in place', () => {
  it('finds no such event in a stream the command handler wrote, and folds to what produce folds to', () => {
    for (const events of streams) {
      const tracked = unchangedByTracker(events);
      expect(tracked.unchanged).toEqual([]);
      const byProduce = events.reduce<PortfolioState>(
        (state, event) => produce(state, (draft: Draft<PortfolioState>) => evolvePortfolio(draft, event)),
        portfolioDecider.initialState(),
      );
      expect(JSON.parse(JSON.stringify(tracked.state))).toEqual(JSON.parse(JSON.stringify(byProduce)));
    }
  });

  it('flags exactly the events immer finds unchanged when a stream is cut, repeated and reordered', () => {
    // Edits of a real stream: events dropped (later ones refer to nothing), repeated (a second certification
    // or deletion changes nothing) and moved (a send before its upload).
    const edit = fc.record({
      stream: fc.nat(),
      ops: fc.array(fc.record({ kind: fc.constantFrom('drop', 'repeat', 'move'), from: fc.nat(), to: fc.nat() }), {
        maxLength: 12,
      }),
    });
    fc.assert(
      fc.property(edit, ({ stream, ops }) => {
        const events = [...streams[stream % streams.length]!];
        for (const { kind, from, to } of ops) {
          if (events.length === 0) break;
          const event = events[from % events.length]!;
          if (kind === 'drop') events.splice(from % events.length, 1);
          else if (kind === 'repeat') events.splice(to % (events.length + 1), 0, event);
          else events.splice(to % events.length, 0, ...events.splice(from % events.length, 1));
        }
        expect(unchangedByTracker(events).unchanged).toEqual(unchangedByProduce(events));
      }),
      { numRuns: 200 },
    );
  });

  it('counts a delete of a missing key and a write of the same value as no change, as immer does', () => {
    const tracker = changeTracker();
    const root: { a: number; nested: { b?: string; list: number[] } } = { a: 1, nested: { b: 'x', list: [1] } };
    const view = tracker.track(root);
    view.a = 1;
    view.nested.b = 'x';
    delete (view.nested as { c?: unknown }).c;
    expect(tracker.changed()).toBe(false);
    view.nested.list.push(2);
    expect(tracker.changed()).toBe(true);
    tracker.reset();
    // A view stored elsewhere is stored as its object: no proxy ends up inside the state.
    (view as { copy?: unknown }).copy = view.nested;
    expect(tracker.changed()).toBe(true);
    expect((root as { copy?: unknown }).copy).toBe(root.nested);
  });
});
