import { onItem } from './context';
import { itemErrors } from './errors';

describe('a check on an item the list looks up (onItem)', () => {
  const notFound = itemErrors.notFound('outcome', 'o1', 'R-SEL-1');

  it(
    'holds while the item is missing, so placed before the existence check it leaves that refusal to it instead of ' +
      'throwing',
    () => {
      const checks = [
        onItem<{ readonly status: string }>(undefined, (o) => (o.status === 'passed' ? null : notFound)),
        () => notFound,
      ];
      expect(checks.map((check) => check())).toEqual([null, notFound]);
    },
  );

  it('checks the item when it is there', () => {
    expect(onItem({ status: 'draft' }, (o) => (o.status === 'passed' ? null : notFound))()).toBe(notFound);
  });
});
