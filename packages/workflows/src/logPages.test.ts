import { InMemoryEventStore } from '@licheng/eventstore';
import { logPages } from './logPages';

const event = (id: string) => ({ eventId: id, type: 'Happened', data: {}, metadata: {} });

describe('the log a page at a time', () => {
  it('gives every event of the streams named, once and in global order, in pages of at most the size asked', async () => {
    const store = new InMemoryEventStore();
    for (let i = 0; i < 7; i++) {
      await store.appendToStream(`portfolio-s${i % 3}`, [event(`p${i}`)], 'any');
      await store.appendToStream('other-1', [event(`o${i}`)], 'any');
    }
    const pages = [];
    for await (const page of logPages(store, ['portfolio-'], 2)) pages.push(page.map((e) => e.eventId));
    expect(pages).toEqual([['p0', 'p1'], ['p2', 'p3'], ['p4', 'p5'], ['p6']]);
  });

  it('gives no page for an empty store', async () => {
    const pages = [];
    for await (const page of logPages(new InMemoryEventStore(), ['portfolio-'])) pages.push(page);
    expect(pages).toEqual([]);
  });
});
