import {
  foldEvents,
  foldFromInitial,
  portfolioDecider,
  schoolDecider,
  submissionDecider,
  type SchoolEvent,
} from '@licheng/domain';
import { setAutoFreeze } from 'immer';

const registered: SchoolEvent = {
  type: 'SchoolRegistered',
  data: { schoolId: 'S1' as never, name: '甲高中' as never },
};

describe('the fold contract (shared/decider.ts)', () => {
  it.each([
    ['school', schoolDecider],
    ['portfolio', portfolioDecider],
    ['submission', submissionDecider],
  ] as const)(
    'gives each %s caller a new initial state of its own, so folding one in place leaves the next untouched',
    (_, decider) => {
      const first = decider.initialState() as unknown as Record<string, unknown>;
      const second = decider.initialState() as unknown as Record<string, unknown>;
      expect(first).not.toBe(second);
      expect(first).toEqual(second);
      for (const key of Object.keys(first)) {
        if (typeof first[key] === 'object' && first[key] !== null) expect(first[key]).not.toBe(second[key]);
      }
      expect(Object.isFrozen(first)).toBe(false);
    },
  );

  it('folds in place from a new initial state to the state a produce gives, frozen all the way down', () => {
    const inPlace = foldFromInitial(schoolDecider, [registered]);
    expect(inPlace).toStrictEqual(foldEvents(schoolDecider.evolve, schoolDecider.initialState(), [registered]));
    expect(Object.isFrozen(inPlace)).toBe(true);
    expect(Object.isFrozen(inPlace.students)).toBe(true);
    expect(schoolDecider.initialState().schoolId).toBeNull();
  });

  it("hands out frozen states from a fold even when the embedding application turned immer's auto-freeze off", () => {
    setAutoFreeze(false);
    try {
      const base = foldFromInitial(schoolDecider, []);
      const folded = foldEvents(schoolDecider.evolve, base, [registered]);
      expect(folded).not.toBe(base);
      expect(folded.schoolId).toBe('S1');
      expect(Object.isFrozen(folded)).toBe(true);
    } finally {
      setAutoFreeze(true);
    }
  });
});
