import { STREAM_PREFIXES } from '@licheng/domain';
import { type EventStore, type Subscription } from '@licheng/eventstore';
import { checkpointOf, lockCheckpoint } from './checkpoints';
import { FoldedStates, type ReadModelCacheOptions } from './readModelCache';
import { decodedPage, foldAndWrite, type ReadEvent } from './readModelFold';
import { pagesUpTo } from './readModelPages';
import { readFoldableRange, settledBound } from './readModelLog';
import type { SqlDatabase } from './sql';

/** The checkpoint's name in `licheng_checkpoints`. */
export const RECEIPTS_READ_MODEL = 'receipts';

const PREFIXES = Object.values(STREAM_PREFIXES);
const PAGE = 10_000;
/** Pages read at once beside the one being folded: the client folds one while the server reads the next ones. */
const AHEAD = 2;

export interface ReceiptReadModelOptions {
  /** The folded states kept in memory between folds (readModelCache.ts). */
  readonly cache?: ReadModelCacheOptions;
  /** Positions per page of a catch-up (so at most as many events), each page one transaction. Default 10,000. */
  readonly pageSize?: number;
}

/**
 * The receipt read model in PostgreSQL (docs/postgres.md lists its tables): one row per student, category
 * and period with R-REP-1's status, the class rosters, and the folded states they come from. Each page of
 * events is folded by the reports' own projection and written, rows and checkpoint, in one transaction, so
 * that a crash at any point leaves the tables exactly as of some checkpoint: nothing applied twice or lost.
 *
 * The states the model folds stay in memory between its folds (`FoldedStates`), valid for as long as the
 * checkpoint row was last written by this model's own last commit: a live fold then reads no state and writes
 * only the rows that changed. The model's own folds run one at a time.
 */
export class ReceiptReadModel {
  private readonly states: FoldedStates;
  private readonly pageSize: number;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    readonly db: SqlDatabase,
    readonly store: EventStore,
    options: ReceiptReadModelOptions = {},
  ) {
    this.states = new FoldedStates(options.cache);
    this.pageSize = options.pageSize ?? PAGE;
  }

  checkpoint(): Promise<number> {
    return checkpointOf(this.db, RECEIPTS_READ_MODEL);
  }

  /** Folds every event after the checkpoint; returns the new checkpoint. */
  catchUp(): Promise<number> {
    return this.exclusive(() => this.catchUpNow());
  }

  /** Empties the tables and folds the whole log again. */
  async rebuild(): Promise<number> {
    await this.exclusive(async () => {
      try {
        const writer = await this.db.transaction(async (tx) => {
          await tx.query(
            'truncate licheng_rm_schools, licheng_rm_portfolios, licheng_rm_classes, licheng_rm_roster, ' +
              'licheng_rm_receipts',
          );
          // Written, not deleted: the row's new writer tells every other folder that its states are gone.
          const { rows } = await tx.query<{ writer: string }>(
            `insert into licheng_checkpoints (projection, position) values ($1, -1)
             on conflict (projection) do update set position = -1 returning xmin::text as writer`,
            [RECEIPTS_READ_MODEL],
          );
          return rows[0]!.writer;
        });
        this.states.emptied(writer);
      } catch (error) {
        this.states.clear();
        throw error;
      }
    });
    return this.catchUp();
  }

  /** Catches up, then folds each new event as it comes, until closed. */
  async start(options: { readonly onError?: (error: unknown) => void } = {}): Promise<Subscription> {
    const after = await this.catchUp();
    return this.store.subscribeToAll({
      after,
      streamPrefixes: PREFIXES,
      onEvent: (event) => this.exclusive(() => this.fold(decodedPage([event]))).then(() => undefined),
      ...options,
    });
  }

  /**
   * A page at a time, each in its own transaction, up to the log's settled bound (readModelLog.ts), then again up to
   * the next bound until there is none newer. Pages are ranges of positions below the bound, so the next ones are read
   * (on other connections of the pool) while one is folded and written. When another folder has moved the checkpoint
   * past a page, reading goes on from there.
   */
  private async catchUpNow(): Promise<number> {
    let checkpoint = await this.checkpoint();
    let read = checkpoint;
    for (;;) {
      const bound = await settledBound(this.db);
      if (bound <= read) return checkpoint;
      const pages = pagesUpTo(
        async (after, upTo) => decodedPage(await readFoldableRange(this.db, after, upTo, PREFIXES)),
        {
          after: read,
          bound,
          span: this.pageSize,
          ahead: AHEAD,
        },
      );
      for (let page = pages.next(); page !== undefined; page = pages.next()) {
        const events = await page.events;
        if (events.length > 0) checkpoint = await this.fold(events);
        read = Math.max(page.upTo, checkpoint);
        if (checkpoint > page.upTo) break;
      }
    }
  }

  /** One transaction: the page's changes and the checkpoint after it, or nothing (and no state kept). */
  private async fold(page: ReadonlyArray<ReadEvent>): Promise<number> {
    let writer = '';
    try {
      const position = await this.db.transaction(async (tx) => {
        // The model is derived from the log: a server crash may take its last commits back, never half of
        // one (rows and checkpoint commit together), and its next catch-up folds them again. So it does not wait
        // for the commit's WAL flush, as the log's own appends do (decision 0017).
        const locked = await lockCheckpoint(tx, RECEIPTS_READ_MODEL, { asynchronousCommit: true });
        this.states.validate(locked.writer);
        writer = locked.writer;
        const fresh = page.filter((event) => event.recorded.position > locked.position);
        if (fresh.length === 0) return locked.position;
        const last = fresh[fresh.length - 1]!.recorded.position;
        writer = await foldAndWrite(tx, this.states, fresh, { projection: RECEIPTS_READ_MODEL, position: last });
        return last;
      });
      this.states.committed(writer);
      return position;
    } catch (error) {
      this.states.clear();
      throw error;
    }
  }

  /** Runs `work` after every earlier fold of this model has settled: the states in memory have one folder. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.running.then(work, work);
    this.running = run.catch(() => undefined);
    return run;
  }
}
