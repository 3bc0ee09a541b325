import type { Subscription } from './port';

/** The subscriptions a store adapter has open, so that disposing the store closes every one still open. */
export class OpenSubscriptions {
  private readonly open = new Set<Subscription>();

  /** Keeps `subscription` until it is closed; the handle returned closes it and forgets it. */
  track(subscription: Subscription): Subscription {
    this.open.add(subscription);
    return {
      close: async () => {
        this.open.delete(subscription);
        await subscription.close();
      },
    };
  }

  async closeAll(): Promise<void> {
    const open = [...this.open];
    this.open.clear();
    await Promise.all(open.map((subscription) => subscription.close()));
  }
}
