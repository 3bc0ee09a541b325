import type { SqlDatabase } from './sql';

/** Advisory-lock namespaces (the first key of the two-key form): one per purpose, so that they never meet. */
export const LOCKS = { migrate: 0x4c430001, stream: 0x4c430002, append: 0x4c430003 } as const;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The schema, as the versions that build it. Append only: a migration that has run on a school's server is
 * never edited, a change is a new version (docs/postgres.md describes the tables).
 */
export const MIGRATIONS: ReadonlyArray<Migration> = [
  {
    version: 1,
    name: 'events',
    sql: `
      create table licheng_events (
        position bigint generated always as identity primary key,
        -- The writing transaction: readers of the global order stop below the oldest one still running.
        transaction_id xid8 not null default pg_current_xact_id(),
        stream_name text not null,
        revision integer not null,
        event_id text not null,
        type text not null,
        data jsonb not null,
        metadata jsonb not null,
        recorded_at timestamptz not null default now(),
        constraint licheng_events_stream_revision unique (stream_name, revision)
      );
      create index licheng_events_stream_event_id on licheng_events (stream_name, event_id);
      create index licheng_events_transaction on licheng_events (transaction_id, position);`,
  },
  {
    version: 2,
    name: 'receipt read model',
    sql: `
      create table licheng_checkpoints (
        projection text primary key,
        position bigint not null
      );
      -- The folded states the rows are computed from, so that folding resumes where it stopped.
      create table licheng_rm_schools (
        school_id text primary key,
        state jsonb not null
      );
      create table licheng_rm_portfolios (
        school_id text not null,
        student_id text not null,
        state jsonb not null,
        primary key (school_id, student_id)
      );
      create table licheng_rm_classes (
        school_id text not null,
        class_id text not null,
        school_year integer not null,
        name text not null,
        primary key (school_id, class_id)
      );
      create table licheng_rm_roster (
        school_id text not null,
        school_year integer not null,
        class_id text not null,
        seat_number integer not null,
        student_id text not null,
        student_number text not null,
        name text not null,
        primary key (school_id, school_year, student_id)
      );
      create index licheng_rm_roster_class on licheng_rm_roster (school_id, school_year, class_id, seat_number);
      create table licheng_rm_receipts (
        school_id text not null,
        student_id text not null,
        category text not null,
        period text not null,
        status text not null,
        primary key (school_id, student_id, category, period)
      );
      create index licheng_rm_receipts_period on licheng_rm_receipts (school_id, category, period, status);`,
  },
  {
    version: 3,
    name: 'due items',
    sql: `
      -- Each school's periods that hold a receipt: what a deadline run looks at before reading any receipt.
      create table licheng_due_periods (
        school_id text not null,
        category text not null,
        period text not null,
        primary key (school_id, category, period)
      );
      -- Each receipt as the portfolio folds it, read only for a period where something may be due.
      create table licheng_due_receipts (
        school_id text not null,
        category text not null,
        period text not null,
        student_id text not null,
        receipt jsonb not null,
        primary key (school_id, category, period, student_id)
      )`,
  },
];

const HISTORY = `
  create table if not exists licheng_migrations (
    version integer primary key,
    name text not null,
    applied_at timestamptz not null default now()
  )`;

/**
 * Brings the schema to the latest version. Safe from several processes at once: each takes the same
 * transaction-level advisory lock, so the second waits for the first and then finds nothing left to do.
 * Each pending migration runs in that one transaction, so that a failure leaves the schema as it was.
 */
export const migrate = async (db: SqlDatabase, migrations: ReadonlyArray<Migration> = MIGRATIONS): Promise<number[]> =>
  db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1, 0)', [LOCKS.migrate]);
    await tx.query(HISTORY);
    const { rows } = await tx.query<{ version: number }>('select version from licheng_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    const ran: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      for (const statement of statements(migration.sql)) await tx.query(statement);
      await tx.query('insert into licheng_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
      ran.push(migration.version);
    }
    return ran;
  });

/** One statement at a time: a parameterised query (the extended protocol) takes exactly one. */
const statements = (sql: string): string[] =>
  sql
    .split(/;\s*(?:\n|$)/)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter((statement) => statement.length > 0);
