import type { EventStore, RecordedEvent } from '@licheng/eventstore';

/** How many events a page holds: enough to keep the reads few, few enough that a page is a few MB of heap. */
export const PAGE = 5_000;

/**
 * The events of the streams under `streamPrefixes`, in global order, a page at a time. A whole school's log
 * read in one call is every event parsed at once: at 5,000 students that alone filled most of a 768 MB heap
 * (issue #18 item 4), where a caller that folds as it goes needs only a page.
 */
export async function* logPages(
  store: EventStore,
  streamPrefixes: ReadonlyArray<string>,
  pageSize: number = PAGE,
): AsyncGenerator<ReadonlyArray<RecordedEvent>> {
  let after: number | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: pageSize, streamPrefixes });
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1]!.position;
  }
}
