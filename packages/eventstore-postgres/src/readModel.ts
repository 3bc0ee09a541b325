import { STREAM_PREFIXES } from '@licheng/domain';
import { type EventStore, type Subscription } from '@licheng/eventstore';
import { checkpointOf, lockCheckpoint, madeCheckpointRow } from './checkpoints';
import * as E from 'fp-ts/Either';
import { FoldedStates, type ReadModelCacheOptions } from './readModelCache';
import { decodedPage, type ReadEvent } from './readModelFold';
import { FoldGroup, foldPage } from './readModelGroup';
import { writeFolded, type FoldedPage } from './readModelWrite';
import { pagesUpTo } from './readModelPages';
import { settledBound } from './globalOrder';
import { readFoldableRange } from './readModelLog';
import type { SqlDatabase } from './sql';

/** The checkpoint's name in `licheng_checkpoints`. */
export const RECEIPTS_READ_MODEL = 'receipts';

const PREFIXES = Object.values(STREAM_PREFIXES);
const PAGE = 10_000;
/** Pages read at once beside the one being folded: the client folds one while the server reads the next ones. */
const AHEAD = 2;
/** The first page of a catch-up is this many times shorter (then twice as long each, up to the page size). */
const FIRST = 8;
/**
 * A catch-up writes the pages it folds together until they hold this many events (`eventsPerWrite`) or touch this many
 * portfolios: each state is written once for all of them. The portfolios bound what a group holds in memory (a compact
 * portfolio is a few KB of JSON); the events, how much a crash leaves to fold again and how long the first commit
 * waits (200,000 events fold in a few seconds).
 */
const EVENTS_PER_WRITE = 200_000;
const PORTFOLIOS_PER_WRITE = 5_000;

/** Where a write's transaction expects the checkpoint row: its position and the transaction that last wrote it. */
interface Basis {
  readonly position: number;
  readonly writer: string;
}

/** The checkpoint was not where a page was folded for: another folder wrote it (or moved it back for a rebuild). */
class Moved extends Error {
  constructor() {
    super("the read model's checkpoint moved under a fold");
  }
}

export interface ReceiptReadModelOptions {
  /** The folded states kept in memory between folds (readModelCache.ts). */
  readonly cache?: ReadModelCacheOptions;
  /** Positions per page of a catch-up (so at most as many events), each page one read. Default 10,000. */
  readonly pageSize?: number;
  /**
   * A catch-up writes consecutive pages in one transaction until they hold this many events or touch 5,000 portfolios,
   * so that each state is written once for them all. Default 200,000; 1 writes each page in its own.
   */
  readonly eventsPerWrite?: number;
}

/**
 * The receipt read model in PostgreSQL (docs/postgres.md lists its tables): one row per student, category
 * and period with R-REP-1's status, the class rosters, and the folded states they come from. Each page of
 * events (or run of pages, in a catch-up) is folded by the reports' own projection and written, rows and
 * checkpoint, in one transaction, so that a crash at any point leaves the tables exactly as of some checkpoint:
 * nothing applied twice or lost.
 *
 * The states the model folds stay in memory between its folds (`FoldedStates`), valid for as long as the
 * checkpoint row was last written by this model's own last commit: a live fold then reads no state and writes
 * only the rows that changed. The model's own folds run one at a time.
 */
export class ReceiptReadModel {
  private readonly states: FoldedStates;
  private readonly pageSize: number;
  private readonly eventsPerWrite: number;
  private running: Promise<unknown> = Promise.resolve();
  /** The newest checkpoint this model saw: a checkpoint found behind it was moved back by another model's rebuild. */
  private reached = -1;

  constructor(
    readonly db: SqlDatabase,
    readonly store: EventStore,
    options: ReceiptReadModelOptions = {},
  ) {
    this.states = new FoldedStates(options.cache);
    this.pageSize = options.pageSize ?? PAGE;
    this.eventsPerWrite = options.eventsPerWrite ?? EVENTS_PER_WRITE;
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
        this.reached = -1;
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
      onEvent: (event) => this.exclusive(async () => this.foldLive(await decodedPage([event]))),
      ...options,
    });
  }

  /**
   * Page by page up to the log's settled bound (readModelLog.ts), then again up to the next bound until there is none
   * newer. Pages are ranges of positions below the bound, so the next ones are read (on other connections of the pool)
   * while one is folded. Consecutive pages are folded in memory into one group (`FoldGroup`), written in one
   * transaction (`commitFolded`) while the next group is folded; when the checkpoint is then not where the fold
   * expected it (another folder wrote it), nothing of that group is written and the catch-up starts again from the
   * checkpoint, each page folded inside its own transaction from then on.
   */
  private async catchUpNow(): Promise<number> {
    let ahead = true;
    for (;;) {
      const row = await madeCheckpointRow(this.db, RECEIPTS_READ_MODEL);
      this.reached = row.position;
      try {
        return await this.catchUpFrom(row, ahead);
      } catch (error) {
        this.states.clear();
        if (!(error instanceof Moved)) throw error;
        ahead = false;
      }
    }
  }

  private async catchUpFrom(start: Basis, ahead: boolean): Promise<number> {
    // The states held are valid as of the checkpoint's writer; each write's transaction checks it still is.
    if (ahead) this.states.validate(start.writer);
    let read = start.position;
    let basis = Promise.resolve(start);
    // Pages folded ahead and not yet written, and the last position among them.
    let group: { fold: FoldGroup; last: number } | null = null;
    // The group goes to its transaction, which runs beside the next group's fold (once the one before has committed).
    const write = async () => {
      if (group === null) return;
      const { fold, last } = group;
      group = null;
      const previous = basis;
      const folded = fold.finish();
      basis = previous.then((expected) => folded.then((page) => this.commitFolded(page, expected, last)));
      basis.catch(() => undefined);
      await folded;
      this.settled(await previous);
    };
    try {
      for (;;) {
        const bound = await settledBound(this.db);
        if (bound <= read) return this.settled(await basis).position;
        const pages = pagesUpTo(
          async (after, upTo) => decodedPage(await readFoldableRange(this.db, after, upTo, PREFIXES)),
          { after: read, bound, span: this.pageSize, ahead: AHEAD, first: Math.ceil(this.pageSize / FIRST) },
        );
        for (let page = pages.next(); page !== undefined; page = pages.next()) {
          const events = await page.events;
          read = page.upTo;
          if (events.length === 0) continue;
          if (ahead && events.every((event) => E.isRight(event.decoded))) {
            // A fold that fails here may have read the tables while another folder was changing them, so it counts
            // as `Moved`: the catch-up then folds the page again in its own transaction, where a failure is its own.
            group ??= { fold: new FoldGroup(this.db, this.states), last: -1 };
            await group.fold.add(events).catch(() => Promise.reject(new Moved()));
            group.last = events[events.length - 1]!.recorded.position;
            if (group.fold.events >= this.eventsPerWrite || group.fold.portfolios >= PORTFOLIOS_PER_WRITE)
              await write();
          } else {
            await write();
            const folded = await this.fold(events, this.settled(await basis).position);
            basis = Promise.resolve(folded);
            read = Math.max(read, folded.position);
            if (folded.position > page.upTo) break;
          }
        }
        await write();
      }
    } finally {
      // No transaction of this catch-up outlives it (the next fold of the model may start once it has settled).
      await basis.catch(() => undefined);
    }
  }

  /** Notes the checkpoint a write's transaction left. */
  private settled(basis: Basis): Basis {
    this.reached = Math.max(this.reached, basis.position);
    return basis;
  }

  /**
   * Writes pages folded ahead of their transaction, if the checkpoint is still where the fold expected it: at the last
   * group's position, written by that group's transaction (so nothing else changed the tables since the states in
   * memory were valid). Otherwise nothing is written and `Moved` is thrown.
   */
  private async commitFolded(folded: FoldedPage, expected: Basis, position: number): Promise<Basis> {
    const writer = await this.db.transaction(async (tx) => {
      const locked = await lockCheckpoint(tx, RECEIPTS_READ_MODEL, { asynchronousCommit: true });
      if (locked.position !== expected.position || locked.writer !== expected.writer) throw new Moved();
      return writeFolded(tx, folded, { projection: RECEIPTS_READ_MODEL, position });
    });
    this.states.committed(writer);
    return { position, writer };
  }

  /**
   * One transaction: the page's changes and the checkpoint after it, or nothing (and no state kept). Refused when
   * the checkpoint is behind `reached` (another model emptied the tables for a rebuild since): folding the page there
   * would skip every event before it, so the model catches up from the checkpoint instead.
   */
  private async foldLive(page: ReadonlyArray<ReadEvent>): Promise<void> {
    const folded = await this.fold(page, this.reached).catch((error: unknown) => {
      if (error instanceof Moved) return undefined;
      throw error;
    });
    if (folded === undefined) await this.catchUpNow();
    else this.settled(folded);
  }

  /**
   * One transaction: the page's changes and the checkpoint after it, or nothing (and no state kept). Throws `Moved`,
   * writing nothing, when the checkpoint is behind `reached`: another model has emptied the tables for a rebuild
   * since, and folding the page there would skip every event before it.
   */
  private async fold(page: ReadonlyArray<ReadEvent>, reached: number): Promise<Basis> {
    let writer = '';
    try {
      const position = await this.db.transaction(async (tx) => {
        // The model is derived from the log: a server crash may take its last commits back, never half of
        // one (rows and checkpoint commit together), and its next catch-up folds them again. So it does not wait
        // for the commit's WAL flush, as the log's own appends do (decision 0017).
        const locked = await lockCheckpoint(tx, RECEIPTS_READ_MODEL, { asynchronousCommit: true });
        if (locked.position < reached) throw new Moved();
        this.states.validate(locked.writer);
        writer = locked.writer;
        const fresh = page.filter((event) => event.recorded.position > locked.position);
        if (fresh.length === 0) return locked.position;
        const last = fresh[fresh.length - 1]!.recorded.position;
        const folded = await foldPage(tx, this.states, fresh);
        writer = await writeFolded(tx, folded, { projection: RECEIPTS_READ_MODEL, position: last });
        return last;
      });
      this.states.committed(writer);
      return { position, writer };
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
