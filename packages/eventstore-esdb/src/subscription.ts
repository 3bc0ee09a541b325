import type {
  ClientResolvedEvent as AllStreamResolvedEvent,
  ClientSubscription as AllStreamSubscription,
} from './client';
import type { RecordedEvent, SubscribeOptions, Subscription } from '@licheng/eventstore';

/** How a dropped subscription is resumed. */
export interface ResubscribeOptions {
  /** The wait before the first new attempt; it doubles on each failed attempt. Default 50 ms. */
  readonly initialDelayMs?: number;
  /** The longest wait between two attempts. Default 2 s. */
  readonly maxDelayMs?: number;
  /**
   * Consecutive failed attempts before the subscription gives up and reports the last error through
   * `onError`. An attempt that delivers an event, or that stayed up for `maxDelayMs`, ends a run of
   * failures. Default 20 (about half a minute of an unreachable server with the default delays).
   */
  readonly maxAttempts?: number;
}

export const DEFAULT_RESUBSCRIBE: Required<ResubscribeOptions> = {
  initialDelayMs: 50,
  maxDelayMs: 2_000,
  maxAttempts: 20,
};

/** The subscription gave up: the server kept dropping it, or could not be reached. */
export class SubscriptionDroppedError extends Error {
  constructor(
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(
      `the $all subscription was dropped and ${attempts} attempts to resume it failed: ` +
        `${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'SubscriptionDroppedError';
  }
}

export interface SubscriptionSource {
  /** A catch-up subscription to `$all` that starts strictly after `after` (-1: from the start). */
  open(after: number): AllStreamSubscription;
  /** The port's event, or null for one the port does not see (a link, a system event). */
  toRecorded(resolved: AllStreamResolvedEvent): RecordedEvent | null;
}

/** Thrown out of the delivery loop: a failing handler, or an event the port cannot take, is no dropped subscription. */
class Fatal {
  constructor(readonly error: unknown) {}
}

/** gRPC statuses that another attempt cannot change: a bad request, no rights, no such method. */
const PERMANENT = new Set([
  3 /* INVALID_ARGUMENT */, 7 /* PERMISSION_DENIED */, 12 /* UNIMPLEMENTED */, 16 /* UNAUTHENTICATED */,
]);
const permanent = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && PERMANENT.has((error as { code?: unknown }).code as number);

const stopped = new WeakSet<AllStreamSubscription>();

/** Cancels the gRPC call and ends the readable side, so that a pending `for await` returns. */
const stop = async (subscription: AllStreamSubscription): Promise<void> => {
  if (stopped.has(subscription)) return;
  stopped.add(subscription);
  try {
    await subscription.unsubscribe();
  } catch {
    // The call never started (the server was unreachable): nothing to cancel.
  }
  subscription.destroy();
};

/**
 * A port subscription over EventStoreDB catch-up subscriptions. It remembers the position of the last
 * event it delivered; when the server drops the subscription (restart, leader change, network, a slow
 * consumer) it opens a new one strictly after that position, waiting 50 ms, 100 ms, … up to 2 s between
 * attempts. The server never sends an event at or before the start position, and the loop drops any event
 * not after the last delivered one besides, so nothing is delivered twice and nothing is skipped.
 */
export const resilientSubscription = (
  source: SubscriptionSource,
  options: SubscribeOptions,
  retry: Required<ResubscribeOptions>,
): Subscription => {
  let closed = false;
  let current: AllStreamSubscription | undefined;
  let cancelWait: (() => void) | undefined;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        cancelWait = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      cancelWait = () => {
        clearTimeout(timer);
        done();
      };
    });

  const run = async (): Promise<void> => {
    // Deliver nothing inside subscribeToAll itself: the caller has not even received the subscription yet.
    await Promise.resolve();
    let cursor = options.after ?? -1;
    let failures = 0;
    while (!closed) {
      const openedAt = Date.now();
      const subscription = source.open(cursor);
      current = subscription;
      let dropped: unknown = new Error('the server ended the subscription');
      try {
        for await (const resolved of subscription as AsyncIterable<AllStreamResolvedEvent>) {
          if (closed) break;
          let recorded: RecordedEvent | null;
          try {
            recorded = source.toRecorded(resolved);
            if (recorded === null || recorded.position <= cursor) continue;
            await options.onEvent(recorded);
          } catch (error) {
            throw new Fatal(error);
          }
          cursor = recorded.position;
          failures = 0;
          if (closed) break;
        }
      } catch (error) {
        if (error instanceof Fatal) throw error.error;
        if (permanent(error)) throw error;
        dropped = error;
      } finally {
        current = undefined;
        await stop(subscription);
      }
      if (closed) return;
      if (Date.now() - openedAt >= retry.maxDelayMs) failures = 0;
      failures += 1;
      if (failures > retry.maxAttempts) throw new SubscriptionDroppedError(retry.maxAttempts, dropped);
      await wait(Math.min(retry.initialDelayMs * 2 ** (failures - 1), retry.maxDelayMs));
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
      cancelWait?.();
      if (current) await stop(current);
      await finished;
    },
  };
};
