import type { RecordedEvent, SubscribeOptions, Subscription } from '@licheng/eventstore';
import { isStoreFailure } from './errors';

/** How a subscription follows the log. */
export interface FollowOptions {
  /**
   * The longest wait between two reads when no notification arrives: the fallback when notifications are
   * lost (the listening connection dropped) or when a late transaction held events back. Default 500 ms.
   */
  readonly pollIntervalMs?: number;
  /** Events read per query during a catch-up. Default 500. */
  readonly batchSize?: number;
  /** The wait before reading again after a failed read; it doubles up to `maxRetryDelayMs`. Default 50 ms. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  /** Consecutive failed reads before the subscription stops and reports the last failure. Default 40 (≈ 1 min). */
  readonly maxAttempts?: number;
}

export const DEFAULT_FOLLOW: Required<FollowOptions> = {
  pollIntervalMs: 500,
  batchSize: 500,
  retryDelayMs: 50,
  maxRetryDelayMs: 2_000,
  maxAttempts: 40,
};

export interface LogSource {
  /** Settled events strictly after `after`, at most `max`, in position order. */
  read(after: number, max: number): Promise<ReadonlyArray<RecordedEvent>>;
  /** Calls `wake` on every commit of an append; `lost` when the listening connection drops. */
  listen(wake: () => void, lost: (error: unknown) => void): Promise<() => Promise<void>>;
}

/** Thrown out of the delivery loop: a failing handler is no failed read. */
class HandlerFailed {
  constructor(readonly error: unknown) {}
}

/**
 * A catch-up subscription that reads in batches from its cursor, which only ever moves to a delivered
 * event's position. Woken by notifications, polling as the fallback; after a failed read (the server went
 * away) it reads again from the same cursor, so nothing is lost or delivered twice.
 */
export const followAll = (
  source: LogSource,
  options: SubscribeOptions,
  follow: Required<FollowOptions>,
): Subscription => {
  let closed = false;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  let unlisten: (() => Promise<void>) | undefined;
  let listening: Promise<void> | undefined;

  const wake = () => {
    woken = true;
    wakeUp?.();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || closed) return resolve();
      const timer = setTimeout(finish, ms);
      function finish() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = finish;
    });
  /** Listens once more if not listening; a failure only leaves polling to do the work. */
  const ensureListening = () => {
    if (unlisten || listening || closed) return;
    listening = source
      .listen(wake, () => {
        unlisten = undefined;
      })
      .then(
        async (stop) => {
          if (closed) await stop();
          else unlisten = stop;
        },
        () => undefined,
      )
      .finally(() => (listening = undefined));
  };

  const run = async (): Promise<void> => {
    // Deliver nothing inside subscribeToAll itself: the caller has not even received the subscription yet.
    await Promise.resolve();
    let cursor = options.after ?? -1;
    let failures = 0;
    while (!closed) {
      ensureListening();
      woken = false;
      let batch: ReadonlyArray<RecordedEvent>;
      try {
        batch = await source.read(cursor, follow.batchSize);
        failures = 0;
      } catch (error) {
        failures += 1;
        if (failures >= follow.maxAttempts || !isStoreFailure(error)) throw error;
        await sleep(Math.min(follow.retryDelayMs * 2 ** (failures - 1), follow.maxRetryDelayMs));
        continue;
      }
      for (const event of batch) {
        if (closed) return;
        try {
          await options.onEvent(event);
        } catch (error) {
          throw new HandlerFailed(error);
        }
        cursor = event.position;
      }
      if (batch.length < follow.batchSize && !closed) await sleep(follow.pollIntervalMs);
    }
  };

  const finished = run().then(undefined, (error: unknown) => {
    closed = true;
    const reported = error instanceof HandlerFailed ? error.error : error;
    if (options.onError) options.onError(reported);
    // With nobody to tell, a stopped projection must not go unnoticed.
    else void Promise.reject(reported);
  });

  return {
    close: async () => {
      closed = true;
      wakeUp?.();
      await finished;
      await listening;
      await unlisten?.();
      unlisten = undefined;
    },
  };
};
