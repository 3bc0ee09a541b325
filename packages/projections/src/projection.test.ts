import { setAutoFreeze } from 'immer';
import type { ProjectedEvent } from './envelope';
import { applyEvent, applyEvents, type Projection } from './projection';

const counter: Projection<{ readonly seen: number; readonly types: ReadonlyArray<string> }> = {
  name: 'counter',
  initialView: { seen: 0, types: [] },
  apply: (view, event) => {
    view.seen += 1;
    view.types.push(event.event.type);
  },
};
const event = { event: { type: 'SchoolRegistered' } } as ProjectedEvent;

describe('applying events to a view', () => {
  it("hands readers a frozen view even when the embedding application turned immer's auto-freeze off", () => {
    setAutoFreeze(false);
    try {
      const one = applyEvent(counter, counter.initialView, event);
      const two = applyEvents(counter, one, [event, event]);
      expect(two).toEqual({ seen: 3, types: ['SchoolRegistered', 'SchoolRegistered', 'SchoolRegistered'] });
      expect(Object.isFrozen(one)).toBe(true);
      expect(Object.isFrozen(two.types)).toBe(true);
    } finally {
      setAutoFreeze(true);
    }
  });
});
