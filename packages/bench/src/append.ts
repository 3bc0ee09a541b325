import * as E from 'fp-ts/Either';
import { InMemoryEventStore, type NewEvent } from '@licheng/eventstore';
import { collectGarbage, median, now } from './measure';

/** A pseudo-random sequence the bench owns (no Math.random: the same run appends to the same streams). */
const lcg = (seed: number) => {
  let x = seed >>> 0;
  return (n: number) => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x % n;
  };
};

// Object.assign rather than a spread literal with a key after it, which costs about 30 times as much on Node 20.
const eventLike = (template: NewEvent, id: number): NewEvent =>
  Object.assign({}, template, { eventId: `00000000-0000-5000-8000-${String(id).padStart(12, '0')}` });

/**
 * Mean latency of appending one event to one of `streams` streams (each holding a few events), for each size
 * given. A store of each size is filled first; then each round times `appends` appends on every store in
 * turn, in a rotating order, and each size's figure is the median of its rounds. So no size is measured only
 * while the JIT warms up or the heap grows, nor only in a slow stretch of the machine.
 */
export const ourAppendScaling = async (
  template: NewEvent,
  sizes: ReadonlyArray<number>,
  appends: number,
  rounds = 3,
) => {
  let ids = 0;
  const stores: {
    readonly size: number;
    readonly store: InMemoryEventStore;
    readonly versions: number[];
    readonly next: (n: number) => number;
    readonly means: number[];
  }[] = [];
  for (const size of sizes) {
    const store = new InMemoryEventStore();
    const versions: number[] = [];
    for (let i = 0; i < size; i++) {
      const result = await store.appendToStream(
        `portfolio-tp_scale-s${i}`,
        [eventLike(template, ids++), eventLike(template, ids++)],
        'no_stream',
      );
      if (E.isLeft(result)) throw new Error(result.left.message.en);
      versions.push(1);
    }
    stores.push({ size, store, versions, next: lcg(7), means: [] });
  }
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < stores.length; k++) {
      const { size, store, versions, next, means } = stores[(round + k) % stores.length]!;
      collectGarbage();
      const start = now();
      for (let a = 0; a < appends; a++) {
        const i = next(size);
        const result = await store.appendToStream(
          `portfolio-tp_scale-s${i}`,
          [eventLike(template, ids++)],
          versions[i]!,
        );
        if (E.isLeft(result)) throw new Error(result.left.message.en);
        versions[i]! += 1;
      }
      means.push(((now() - start) * 1000) / appends);
    }
  }
  return stores.map(({ size, means }) => ({ streams: size, meanMicros: median(means) }));
};

/** The same for Emmett's in-memory store (which counts every stream's events on each append). */
export const emmettAppendScaling = async (template: NewEvent, sizes: ReadonlyArray<number>, appends: number) => {
  const emmett = require('@event-driven-io/emmett') as typeof import('@event-driven-io/emmett');
  const store = emmett.getInMemoryEventStore();
  const event = { type: template.type, data: template.data } as never;
  let filled = 0;
  const rows: { streams: number; meanMicros: number }[] = [];
  const next = lcg(7);
  for (const size of sizes) {
    for (; filled < size; filled++) await store.appendToStream(`portfolio-tp_scale-s${filled}`, [event, event]);
    const start = now();
    for (let k = 0; k < appends; k++) await store.appendToStream(`portfolio-tp_scale-s${next(size)}`, [event]);
    rows.push({ streams: size, meanMicros: ((now() - start) * 1000) / appends });
  }
  return rows;
};
