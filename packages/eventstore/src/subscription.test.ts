import { InMemoryEventStore } from './inMemoryStore';
import type { NewEvent, RecordedEvent } from './port';

const event = (type: string): NewEvent => ({ eventId: `id-${type}`, type, data: { type }, metadata: {} });

/** Resolves once `predicate` holds; fails the test after two seconds rather than hanging. */
const eventually = async (predicate: () => boolean, what: string): Promise<void> => {
  const deadline = Date.now() + 2_000;
  while (Date.now() < deadline) {
    if (predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error(`timed out waiting for ${what}`);
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('subscribing to all streams', () => {
  it('catches up on stored events, then delivers live ones, each exactly once in order', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('a', [event('A1'), event('A2')], 'any');
    await store.appendToStream('b', [event('B1')], 'any');
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ onEvent: (e) => void seen.push(e) });
    await eventually(() => seen.length === 3, 'the catch-up');
    await store.appendToStream('a', [event('A3')], 'any');
    await store.appendToStream('b', [event('B2'), event('B3')], 'any');
    await eventually(() => seen.length === 6, 'the live events');
    await settle();
    expect(seen.map((e) => e.type)).toEqual(['A1', 'A2', 'B1', 'A3', 'B2', 'B3']);
    expect(seen.map((e) => e.position)).toEqual([0, 1, 2, 3, 4, 5]);
    await subscription.close();
  });

  it('starts strictly after the given position and keeps to the stream prefixes', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('school-1', [event('S1'), event('S2')], 'any');
    await store.appendToStream('portfolio-1', [event('P1')], 'any');
    const seen: string[] = [];
    const subscription = store.subscribeToAll({
      after: 0,
      streamPrefixes: ['school-'],
      onEvent: (e) => void seen.push(e.type),
    });
    await store.appendToStream('portfolio-1', [event('P2')], 'any');
    await store.appendToStream('school-2', [event('S3')], 'any');
    await eventually(() => seen.length === 2, 'the school events');
    await settle();
    expect(seen).toEqual(['S2', 'S3']);
    await subscription.close();
  });

  it('awaits the handler before delivering the next event', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('a', [event('A1'), event('A2'), event('A3')], 'any');
    const log: string[] = [];
    const subscription = store.subscribeToAll({
      onEvent: async (e) => {
        log.push(`start ${e.type}`);
        await settle();
        log.push(`end ${e.type}`);
      },
    });
    await eventually(() => log.length === 6, 'three handled events');
    expect(log).toEqual(['start A1', 'end A1', 'start A2', 'end A2', 'start A3', 'end A3']);
    await subscription.close();
  });

  it('stops at the event whose handler throws and reports the error', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('a', [event('A1'), event('A2'), event('A3')], 'any');
    const attempted: string[] = [];
    const errors: unknown[] = [];
    const failure = new Error('projection broke');
    const subscription = store.subscribeToAll({
      onEvent: async (e) => {
        attempted.push(e.type);
        if (e.type === 'A2') throw failure;
      },
      onError: (error) => errors.push(error),
    });
    await eventually(() => errors.length === 1, 'the error report');
    await store.appendToStream('a', [event('A4')], 'any');
    await settle();
    expect(attempted).toEqual(['A1', 'A2']);
    expect(errors).toEqual([failure]);
    await subscription.close();
  });

  it('delivers nothing more once closed', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('a', [event('A1')], 'any');
    const seen: string[] = [];
    const subscription = store.subscribeToAll({ onEvent: (e) => void seen.push(e.type) });
    await eventually(() => seen.length === 1, 'the first event');
    await subscription.close();
    await store.appendToStream('a', [event('A2')], 'any');
    await settle();
    expect(seen).toEqual(['A1']);
  });

  it('finishes the event in hand when closed during a catch-up, then stops', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('a', [event('A1'), event('A2'), event('A3')], 'any');
    const handled: string[] = [];
    let closing: Promise<void> | undefined;
    const subscription = store.subscribeToAll({
      onEvent: async (e) => {
        if (e.type === 'A1') closing = subscription.close();
        await settle();
        handled.push(e.type);
      },
    });
    await eventually(() => closing !== undefined, 'the close');
    await closing;
    expect(handled).toEqual(['A1']);
  });
});
