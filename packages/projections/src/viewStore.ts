/** A projection's view together with the global position of the last event folded into it (-1: none). */
export interface StoredView<View> {
  readonly view: View;
  readonly position: number;
}

/**
 * Where views and their checkpoints live. Saving both together keeps them consistent: a view is never
 * stored ahead of or behind its checkpoint.
 */
export interface ViewStore {
  load<View>(projection: string): Promise<StoredView<View> | undefined>;
  save<View>(projection: string, stored: StoredView<View>): Promise<void>;
}

export const inMemoryViewStore = (): ViewStore => {
  const views = new Map<string, StoredView<unknown>>();
  return {
    load: async <View>(projection: string) => views.get(projection) as StoredView<View> | undefined,
    save: async <View>(projection: string, stored: StoredView<View>) => void views.set(projection, stored),
  };
};
