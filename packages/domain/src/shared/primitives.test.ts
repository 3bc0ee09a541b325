import { Id, OBJECT_MEMBER_NAMES, SchoolId } from './primitives';

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
});
