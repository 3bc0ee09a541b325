import * as fc from 'fast-check';
import { byCodeUnits } from './order';

describe('ordering ids by code units', () => {
  it('orders as the code units do, where every locale collates otherwise', () => {
    const ids = ['t1', 'T9', 'aa', 'Z', 'å', 'ab'];
    expect([...ids].sort(byCodeUnits)).toEqual(['T9', 'Z', 'aa', 'ab', 't1', 'å']);
    expect([...ids].sort((a, b) => a.localeCompare(b, 'da'))).not.toEqual([...ids].sort(byCodeUnits));
  });

  it('is a total order: antisymmetric, zero only for equal strings, and as `<` says', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(byCodeUnits(a, b)).toBe(-byCodeUnits(b, a) || 0);
        expect(byCodeUnits(a, b) === 0).toBe(a === b);
        expect(byCodeUnits(a, b) < 0).toBe(a < b);
      }),
    );
  });
});
