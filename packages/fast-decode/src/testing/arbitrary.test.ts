import { damaged } from './arbitrary';

describe('damaging an input for the property tests', () => {
  it("adds a key named length to an array by replacing the array, since an array's length takes no other value", () => {
    const input = { items: ['a', 'b'] };
    const at = 1; // paths: [], ['items'], ['items', '0'], ['items', '1']
    expect(damaged(input, { kind: 'add', at, with: 'x', key: 'length' })).toEqual({ items: 'x' });
    expect(damaged(input, { kind: 'add', at, with: 'x', key: 'extra' })).toEqual({
      items: Object.assign(['a', 'b'], { extra: 'x' }),
    });
    expect(input).toEqual({ items: ['a', 'b'] });
  });
});
