import type { RecordedEvent } from '@licheng/eventstore';
import { decodeRecorded, type ProjectedEvent } from '@licheng/projections';
import * as E from 'fp-ts/Either';
import { readWhole } from './readModelLog';
import { isSetAside } from './setAside';
import type { SqlQuery } from './sql';

/**
 * Events decoded or folded between two turns of the event loop. The catch-up decodes and folds pages while a
 * transaction of the page before waits for its answers: each of its round trips is answered only at a turn of the
 * loop, so a page's work in one piece held each of them up by tens of milliseconds (measured).
 */
export const BREATH = 500;

/** Lets the event loop answer the other pages' queries and transactions. */
export const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * An event of the log as read, with what decoding it gave: a page is decoded as soon as it arrives, beside the fold of
 * the page before it, so that the fold's transaction does not wait for it.
 */
export interface ReadEvent {
  readonly recorded: RecordedEvent;
  readonly decoded: ReturnType<typeof decodeRecorded>;
}

export const decodedPage = async (page: ReadonlyArray<RecordedEvent>): Promise<ReadEvent[]> => {
  const decoded: ReadEvent[] = [];
  for (const recorded of page) {
    decoded.push({ recorded, decoded: decodeRecorded(recorded) });
    if (decoded.length % BREATH === 0) await breathe();
  }
  return decoded;
};

/** The page's events as the reports fold them; an unreadable one stops the page unless a quarantine sets it aside. */
export const projectedOf = async (tx: SqlQuery, page: ReadonlyArray<ReadEvent>): Promise<ProjectedEvent[]> => {
  const events: ProjectedEvent[] = [];
  for (const { recorded: trimmed, decoded: first } of page) {
    if (E.isRight(first)) {
      events.push(first.right);
      continue;
    }
    // Read whole (the page's metadata may be trimmed: readModelLog.ts) before it is judged unreadable.
    const recorded = await readWhole(tx, trimmed);
    const decoded = decodeRecorded(recorded);
    if (E.isRight(decoded)) events.push(decoded.right);
    else if (!(await isSetAside(tx, recorded))) throw new Error(decoded.left.message.en);
  }
  return events;
};
