import type { RecordedEvent, SubscribeOptions, Subscription } from './port';

/** What a store offers a catch-up subscription. Internal: each store adapts its own reading to it. */
export interface EventFeed {
  /**
   * Up to `max` matching events after `after`, in position order, and the last position examined, so that
   * a quiet filter does not rescan the same unrelated events on every wake-up. Synchronous, so that no
   * append can slip in between a scan that found nothing and the wait that follows it.
   */
  scan(
    after: number,
    streamPrefixes: ReadonlyArray<string> | undefined,
    max: number,
  ): { readonly events: ReadonlyArray<RecordedEvent>; readonly scannedTo: number };
  /** Calls `wake` once, after the next append that writes. Returns a function that cancels the wait. */
  waitForAppend(wake: () => void): () => void;
}

/** Bounds the memory of a catch-up over a long history. */
const BATCH_SIZE = 256;

export const startSubscription = (feed: EventFeed, options: SubscribeOptions): Subscription => {
  let closed = false;
  let stopWaiting: (() => void) | null = null;

  const nextAppend = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const cancel = feed.waitForAppend(resolve);
      stopWaiting = () => {
        cancel();
        resolve();
      };
    });

  const run = async (): Promise<void> => {
    // Deliver nothing inside subscribeToAll itself: the caller has not even received the subscription yet.
    await Promise.resolve();
    let cursor = options.after ?? -1;
    while (!closed) {
      const { events, scannedTo } = feed.scan(cursor, options.streamPrefixes, BATCH_SIZE);
      for (const event of events) {
        if (closed) return;
        await options.onEvent(event);
        cursor = event.position;
      }
      cursor = Math.max(cursor, scannedTo);
      if (events.length === 0 && !closed) await nextAppend();
    }
  };

  const finished = run().then(undefined, (error: unknown) => {
    closed = true;
    if (options.onError) options.onError(error);
    // With nobody to tell, a stopped projection must not go unnoticed.
    else void Promise.reject(error);
  });

  return {
    close: async () => {
      closed = true;
      stopWaiting?.();
      await finished;
    },
  };
};
