import * as fc from 'fast-check';
import { Id, isObjectMemberName, OBJECT_MEMBER_NAMES, SchoolId } from './primitives';

describe('ids', () => {
  it("refuses exactly the names of Object.prototype's own properties, as this runtime has them", () => {
    expect([...OBJECT_MEMBER_NAMES].sort()).toEqual(Object.getOwnPropertyNames(Object.prototype).sort());
    for (const name of Object.getOwnPropertyNames(Object.prototype)) {
      expect(Id.is(name)).toBe(false);
      expect(SchoolId.is(name)).toBe(false);
    }
  });

  it('accepts letters, digits and _ . : - up to 64 characters (a school id without -)', () => {
    expect(Id.is('o-1_a.b:c')).toBe(true);
    expect(Id.is('x'.repeat(64))).toBe(true);
    expect(Id.is('x'.repeat(65))).toBe(false);
    expect(Id.is('')).toBe(false);
    expect(SchoolId.is('tp_c001')).toBe(true);
    expect(SchoolId.is('tp-c001')).toBe(false);
  });

  it('tells a member name by its length and text exactly as the set of names does', () => {
    const names = [...OBJECT_MEMBER_NAMES];
    const nearMiss = fc
      .constantFrom(...names)
      .chain((name) => fc.nat(name.length - 1).map((i) => `${name.slice(0, i)}X${name.slice(i + 1)}`));
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...names), nearMiss, fc.string({ maxLength: 24 })), (s) => {
        expect(isObjectMemberName(s)).toBe(OBJECT_MEMBER_NAMES.has(s));
      }),
      { numRuns: 2_000 },
    );
  });
});
