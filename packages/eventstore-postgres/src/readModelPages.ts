export interface Page<Event> {
  /** The last position of the page's range: every event up to it is in this page or an earlier one. */
  readonly upTo: number;
  readonly events: Promise<ReadonlyArray<Event>>;
}

/**
 * The ranges of positions after `after` up to `bound`, `span` positions each, handed out in order; `ahead` of them are
 * being read beside the one handed out last. The first ones may be shorter (`first` positions, twice as many for
 * each next one, up to `span`): nothing is folded until the first page has been read, so a short one starts the fold
 * sooner, and the reads of longer pages go on beside it. A rest shorter than half a span joins the page before it. A page read and then not asked for (the fold failed, or another folder
 * moved the checkpoint) must not fail the process, so its failure is only seen by whoever awaits it.
 */
export const pagesUpTo = <Event>(
  read: (after: number, upTo: number) => Promise<ReadonlyArray<Event>>,
  range: {
    readonly after: number;
    readonly bound: number;
    readonly span: number;
    readonly ahead: number;
    readonly first?: number;
  },
): { next(): Page<Event> | undefined } => {
  const queue: Page<Event>[] = [];
  let from = range.after;
  let span = Math.min(range.first ?? range.span, range.span);
  const fill = (reads: number) => {
    while (queue.length < reads && from < range.bound) {
      // A short rest joins the last page: the log's newest events touch many states, each written once per page.
      const upTo = range.bound - (from + span) < span / 2 ? range.bound : from + span;
      span = Math.min(span * 2, range.span);
      const events = read(from, upTo);
      events.catch(() => undefined);
      queue.push({ upTo, events });
      from = upTo;
    }
  };
  return {
    next: () => {
      fill(1);
      const page = queue.shift();
      fill(range.ahead);
      return page;
    },
  };
};
