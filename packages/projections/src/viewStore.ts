/** A projection's view together with the global position of the last event folded into it (-1: none). */
export interface StoredView<View> {
  readonly view: View;
  readonly position: number;
  /**
   * The stored events this view skipped because an operator set them aside (issue 16, item 6), in the
   * order met: the streams it shows as repaired at those revisions. Absent when there were none.
   */
  readonly repairs?: ReadonlyArray<Repair>;
}

/** One unreadable stored event a quarantine record set aside, as a view reports it (docs/audit.md). */
export interface Repair {
  readonly streamName: string;
  /** The revision of the event set aside. */
  readonly revision: number;
  readonly eventId: string;
  /** The revision of the quarantine record. */
  readonly recordRevision: number;
  readonly reason: string;
  readonly at: string;
  readonly by: string;
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
