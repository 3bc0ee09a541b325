import type { SchoolState } from '@licheng/domain';
import type { CompactPortfolio } from '@licheng/projections';

/** How many folded states a receipt read model keeps in memory between folds. */
export interface ReadModelCacheOptions {
  /** Portfolios kept, the most recently folded first. Default 1,000 (a compact portfolio is a few KB of JSON). */
  readonly portfolios?: number;
  /** School states kept (a school of 1,000 students is ~2 MB of JSON). Default 4. */
  readonly schools?: number;
}

const key = (schoolId: string, studentId: string) => `${schoolId}\u0000${studentId}`;

/** Keeps at most `max` entries, dropping the least recently used but never one `kept` holds. */
const bounded = <V>(map: Map<string, V>, max: number, kept: (key: string) => boolean): void => {
  let over = map.size - max;
  for (const oldest of map.keys()) {
    if (over <= 0) return;
    if (kept(oldest)) continue;
    map.delete(oldest);
    over -= 1;
  }
};

/**
 * The read model's folded states as its own last commit left them in the tables, so that a live fold neither reads
 * nor parses a portfolio's whole state per event. The entries hold only while the checkpoint row's writer (`xmin`,
 * checkpoints.ts) is the transaction of that commit: another folder (another process, a rebuild) writes the row,
 * and then the next fold finds another writer and drops every entry. A restart begins empty. The states are the
 * model's own, folded in place; a fold that fails drops them all, as it may have changed some half-way.
 */
export class FoldedStates {
  private writer: string | undefined;
  /**
   * Whether the keys below name every row of the tables (after this model's own truncate): a state neither in
   * memory nor named there has no row, and is not read.
   */
  private complete = false;
  private readonly portfolios = new Map<string, CompactPortfolio>();
  private readonly schools = new Map<string, SchoolState>();
  /** Portfolios and schools known to have their row, whether or not their state is still in memory. */
  private readonly stored = new Set<string>();
  private readonly registered = new Set<string>();
  /**
   * The keys each fold not yet committed changed, oldest fold first: a catch-up folds a page while the page before
   * it commits, and a state changed by a fold must stay in memory until that fold's commit, for the table still
   * holds it as it was before.
   */
  private readonly unsettled: Set<string>[] = [];

  constructor(private readonly options: ReadModelCacheOptions = {}) {}

  /** Keeps the entries only if the locked checkpoint row was last written by this model's last commit. */
  validate(writer: string): void {
    if (writer !== this.writer) this.clear();
  }

  clear(): void {
    this.writer = undefined;
    this.complete = false;
    this.portfolios.clear();
    this.schools.clear();
    this.stored.clear();
    this.registered.clear();
    this.unsettled.length = 0;
  }

  /** A fold begins: what it changes is kept in memory until `committed` is called for it (folds commit in order). */
  folding(): void {
    this.unsettled.push(new Set());
  }

  /** After this model's own truncate, committed by `writer`: the tables are empty, and so is memory. */
  emptied(writer: string): void {
    this.clear();
    this.writer = writer;
    this.complete = true;
  }

  /** The fold that was validated last has committed, leaving `writer` on the checkpoint row. */
  committed(writer: string): void {
    this.writer = writer;
    this.unsettled.shift();
    const kept = (key: string) => this.unsettled.some((keys) => keys.has(key));
    bounded(this.portfolios, this.options.portfolios ?? 1_000, kept);
    bounded(this.schools, this.options.schools ?? 4, (schoolId) => kept(`\u0001${schoolId}`));
  }

  /** Whether the portfolio's row may exist: false only when it is known to have none. */
  mayHavePortfolio(schoolId: string, studentId: string): boolean {
    return !this.complete || this.stored.has(key(schoolId, studentId));
  }

  /** Whether the school's row may exist: false only when it is known to have none. */
  mayHaveSchool(schoolId: string): boolean {
    return !this.complete || this.registered.has(schoolId);
  }

  portfolio(schoolId: string, studentId: string): CompactPortfolio | undefined {
    const k = key(schoolId, studentId);
    const state = this.portfolios.get(k);
    if (state !== undefined) {
      // Most recently used last: the map's order is the eviction order.
      this.portfolios.delete(k);
      this.portfolios.set(k, state);
    }
    return state;
  }

  /** A state read or folded in this transaction; its row exists once the transaction commits. */
  setPortfolio(schoolId: string, studentId: string, state: CompactPortfolio): void {
    const k = key(schoolId, studentId);
    this.portfolios.set(k, state);
    this.stored.add(k);
    this.unsettled[this.unsettled.length - 1]?.add(k);
  }

  school(schoolId: string): SchoolState | undefined {
    return this.schools.get(schoolId);
  }

  setSchool(schoolId: string, state: SchoolState): void {
    this.schools.delete(schoolId);
    this.schools.set(schoolId, state);
    this.registered.add(schoolId);
    this.unsettled[this.unsettled.length - 1]?.add(`\u0001${schoolId}`);
  }

  isRegistered(schoolId: string): boolean {
    return this.registered.has(schoolId);
  }

  setRegistered(schoolId: string): void {
    this.registered.add(schoolId);
  }
}
