import { sheetNames } from './sheetNames';

describe('sheetNames', () => {
  it('never splits a character outside the BMP when cutting to 31 UTF-16 units', () => {
    const [name] = sheetNames([`${'甲'.repeat(30)}𠀋乙`]);
    expect(name).toBe('甲'.repeat(30));
  });

  it('renames the name Excel reserves, in any case, and keeps numbering repeats past nine', () => {
    expect(sheetNames(['history'])).toEqual(['Sheet']);
    const names = sheetNames(Array.from({ length: 11 }, () => '統計'));
    expect(names.slice(-2)).toEqual(['統計 (10)', '統計 (11)']);
    expect(new Set(names).size).toBe(11);
  });
});
