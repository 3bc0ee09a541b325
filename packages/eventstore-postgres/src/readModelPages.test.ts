import type { RecordedEvent } from '@licheng/eventstore';
import * as fc from 'fast-check';
import { pagesUpTo } from './readModelPages';

describe('the pages of a catch-up', () => {
  it('cover the positions after the cursor up to the bound once, in order, with at most `ahead` reads beside the one handed out, growing from `first` to `span`, a short rest joined to the last', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1, max: 50 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 4 }),
        fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
        (after, length, span, ahead, first) => {
          const reads: Array<[number, number]> = [];
          let settled = 0;
          const pages = pagesUpTo(
            (from, upTo) => {
              reads.push([from, upTo]);
              return Promise.resolve([] as RecordedEvent[]);
            },
            { after, bound: after + length, span, ahead, ...(first === undefined ? {} : { first }) },
          );
          const handed: number[] = [];
          for (let page = pages.next(); page !== undefined; page = pages.next()) {
            handed.push(page.upTo);
            settled += 1;
            expect(reads.length - settled).toBeLessThanOrEqual(ahead);
          }
          let from = after;
          let longest = Math.min(first ?? span, span);
          for (const [start, upTo] of reads) {
            expect(start).toBe(from);
            expect(upTo - start).toBeGreaterThan(0);
            // Each page but the last is as long as it may be; the last takes a rest shorter than half that.
            if (upTo < after + length) {
              expect(upTo - start).toBe(longest);
              expect(after + length - upTo).toBeGreaterThanOrEqual(longest / 2);
            } else expect(upTo - start).toBeLessThan(longest * 1.5 + 1);
            longest = Math.min(longest * 2, span);
            from = upTo;
          }
          expect(from).toBe(after + length);
          expect(handed).toEqual(reads.map(([, upTo]) => upTo));
        },
      ),
    );
  });

  it('does not fail the process when a page read ahead fails and is never asked for', async () => {
    const pages = pagesUpTo(() => Promise.reject(new Error('the server went away')), {
      after: 0,
      bound: 100,
      span: 10,
      ahead: 3,
    });
    await expect(pages.next()!.events).rejects.toThrow('went away');
    // The three read beside it failed too, unobserved; Jest fails the test on an unhandled rejection.
    await new Promise((resolve) => setImmediate(resolve));
  });
});
