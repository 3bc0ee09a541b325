import fc from 'fast-check';
import { v5 as uuidv5 } from 'uuid';
import { EVENT_ID_NAMESPACE, eventIdOf, uuidV5 } from './eventId';

const wellFormed = (s: string): boolean => !/\p{Surrogate}/u.test(s);

describe('event ids (UUID v5 in the event namespace)', () => {
  it("equal uuid's v5 for any well-formed name, ASCII or not, short or longer than the scratch buffer", () => {
    const name = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.string({ unit: 'binary', minLength: 200, maxLength: 400 }),
    );
    fc.assert(
      fc.property(name, (n) => {
        fc.pre(wellFormed(n));
        expect(uuidV5(n)).toBe(uuidv5(n, EVENT_ID_NAMESPACE));
      }),
      { numRuns: 200 },
    );
  });

  it("equal uuid's v5 for the names commands give, and refuse a lone surrogate as uuid does", () => {
    expect(eventIdOf('portfolio-tp001-s1', 'cmd-1', 0)).toBe(uuidv5('portfolio-tp001-s1/cmd-1/0', EVENT_ID_NAMESPACE));
    expect(eventIdOf('學生-一', '指令', 12)).toBe(uuidv5('學生-一/指令/12', EVENT_ID_NAMESPACE));
    expect(() => uuidV5('a\ud800b')).toThrow();
  });
});
