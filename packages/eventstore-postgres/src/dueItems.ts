import type { ReceiptCategory, ReceiptState } from '@licheng/domain';
import { STREAM_PREFIXES } from '@licheng/domain';
import { type EventStore, type RecordedEvent } from '@licheng/eventstore';
import {
  applyReceiptChange,
  receiptChangeOf,
  type DueItems,
  type DuePeriod,
  type DueReceipt,
  type ReceiptChange,
} from '@licheng/workflows';
import { catchUpProjection, checkpointOf, type LogReader } from './checkpoints';
import { readSettledUpTo } from './reads';
import { isSetAside } from './setAside';
import type { SqlDatabase, SqlQuery } from './sql';
import { PostgresEventStore } from './store';

/** The checkpoint's name in `licheng_checkpoints`. */
export const DUE_ITEMS = 'due-items';

const PAGE = 5_000;
const PORTFOLIOS = [STREAM_PREFIXES.portfolio];

const keyOf = (change: Pick<ReceiptChange, 'schoolId' | 'category' | 'period' | 'studentId'>): string =>
  JSON.stringify([change.schoolId, change.category, change.period, change.studentId]);

/** The stored receipts the page's changes touch. */
const loadTouched = async (tx: SqlQuery, changes: ReadonlyArray<ReceiptChange>): Promise<Map<string, ReceiptState>> => {
  const { rows } = await tx.query<{
    school_id: string;
    category: ReceiptCategory;
    period: string;
    student_id: string;
    receipt: ReceiptState;
  }>(
    `select school_id, category, period, student_id, receipt from licheng_due_receipts
     where (school_id, category, period, student_id) in (select * from unnest($1::text[], $2::text[], $3::text[], $4::text[]))`,
    [
      changes.map((c) => c.schoolId),
      changes.map((c) => c.category),
      changes.map((c) => c.period),
      changes.map((c) => c.studentId),
    ],
  );
  return new Map(
    rows.map((row) => [
      keyOf({ schoolId: row.school_id, category: row.category, period: row.period, studentId: row.student_id }),
      row.receipt,
    ]),
  );
};

/** The page's receipt changes; an unreadable receipt event stops the page unless a quarantine sets it aside. */
const changesOf = async (tx: SqlQuery, fresh: ReadonlyArray<RecordedEvent>): Promise<ReceiptChange[]> => {
  const changes: ReceiptChange[] = [];
  for (const recorded of fresh) {
    try {
      const change = receiptChangeOf(recorded);
      if (change) changes.push(change);
    } catch (error) {
      if (!(await isSetAside(tx, recorded))) throw error;
    }
  }
  return changes;
};

const write = async (tx: SqlQuery, fresh: ReadonlyArray<RecordedEvent>): Promise<void> => {
  const changes = await changesOf(tx, fresh);
  if (changes.length === 0) return;
  const receipts = await loadTouched(tx, changes);
  const touched = new Map<string, ReceiptChange>();
  for (const change of changes) {
    const key = keyOf(change);
    const after = applyReceiptChange(receipts.get(key), change);
    if (!after) continue;
    receipts.set(key, after);
    touched.set(key, change);
  }
  const rows = [...touched].map(([key, change]) => ({ ...change, receipt: JSON.stringify(receipts.get(key)) }));
  const columns = [rows.map((r) => r.schoolId), rows.map((r) => r.category), rows.map((r) => r.period)];
  await tx.query(
    `insert into licheng_due_periods (school_id, category, period) select * from unnest($1::text[], $2::text[], ` +
      `$3::text[]) on conflict do nothing`,
    columns,
  );
  await tx.query(
    `insert into licheng_due_receipts (school_id, category, period, student_id, receipt)
     select s, c, p, st, r::jsonb from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) as u(s, c, p, st, r)
     on conflict (school_id, category, period, student_id) do update set receipt = excluded.receipt`,
    [...columns, rows.map((r) => r.studentId), rows.map((r) => r.receipt)],
  );
};

/**
 * The due-items index in PostgreSQL (`licheng_due_periods`, `licheng_due_receipts`; docs/postgres.md): the
 * receipts folded by the portfolio's own evolve, written with the index's checkpoint in one transaction,
 * so that a crash leaves it exactly as of some checkpoint. Hand it to `runDeadlines` as `dueItems`. Given the
 * `PostgresEventStore` of `db` (as `connectPostgres` and `openPglite` give them), it reads the log in `db` as far as
 * it is settled, and a run with nothing new reads no events; given any other store, it reads through the store.
 */
export class PostgresDueItems implements DueItems {
  constructor(
    readonly db: SqlDatabase,
    readonly store: EventStore,
  ) {}

  checkpoint(): Promise<number> {
    return checkpointOf(this.db, DUE_ITEMS);
  }

  async catchUp(): Promise<void> {
    await catchUpProjection(this.db, DUE_ITEMS, this.reader(), write);
  }

  /**
   * The log as the store on this database holds it, read as far as it is settled, so that the checkpoint moves past
   * other streams' events and a run with nothing new reads nothing; through any other store, up to the last event
   * read (the events after it are read again on the next run).
   */
  private reader(): LogReader {
    const options = { maxCount: PAGE, streamPrefixes: PORTFOLIOS };
    if (this.store instanceof PostgresEventStore && this.store.db === this.db)
      return (after) => readSettledUpTo(this.db, { ...options, after });
    return async (after) => {
      const events = await this.store.readAll({ ...options, after });
      return { events, upTo: events[events.length - 1]?.position ?? after };
    };
  }

  async periodsOf(schoolId: string): Promise<ReadonlyArray<DuePeriod>> {
    const { rows } = await this.db.query<{ category: ReceiptCategory; period: string }>(
      'select category, period from licheng_due_periods where school_id = $1 order by category, period',
      [schoolId],
    );
    return rows;
  }

  async receiptsOf(schoolId: string, category: ReceiptCategory, period: string): Promise<ReadonlyArray<DueReceipt>> {
    const { rows } = await this.db.query<{ student_id: string; receipt: ReceiptState }>(
      'select student_id, receipt from licheng_due_receipts where school_id = $1 and category = $2 and period = $3 ' +
        'order by student_id',
      [schoolId, category, period],
    );
    return rows.map((row) => ({ studentId: row.student_id, receipt: row.receipt }));
  }
}
