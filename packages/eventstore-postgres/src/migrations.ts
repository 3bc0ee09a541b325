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
  {
    version: 4,
    name: 'append in one statement',
    // What store.ts did in ten round trips, in one call (docs/postgres.md, "Appends"). The outcome is
    // 'appended', 'repeated' (the same consecutive run of ids is stored: its result), 'partial' or 'wrong_version'.
    sql: `
      create function licheng_append(p_stream text, p_expected text, p_ids text[], p_types text[], p_data text[], p_metadata text[])
      returns table (outcome text, version integer, last_position bigint)
      language plpgsql as $$
      declare
        n integer := cardinality(p_ids);
        current_version integer;
        found_count integer;
        first_revision integer;
        run_length integer;
        last bigint;
      begin
        -- Writers of one stream queue here; writers of other streams do not wait.
        perform pg_advisory_xact_lock(${LOCKS.stream}, hashtext(p_stream));
        select coalesce(max(revision), -1) into current_version from licheng_events where stream_name = p_stream;
        select count(*), min(revision) filter (where event_id = p_ids[1]) into found_count, first_revision
          from licheng_events where stream_name = p_stream and event_id = any(p_ids);
        if found_count > 0 then
          if first_revision is null then
            return query select 'partial'::text, current_version, null::bigint;
            return;
          end if;
          select count(*), max(e.position) into run_length, last
            from unnest(p_ids) with ordinality as u(id, ord)
            join licheng_events e on e.stream_name = p_stream and e.revision = first_revision + u.ord - 1 and e.event_id = u.id;
          if run_length <> n then
            return query select 'partial'::text, current_version, null::bigint;
            return;
          end if;
          return query select 'repeated'::text, first_revision + n - 1, last;
          return;
        end if;
        if not (p_expected = 'any' or (p_expected = 'no_stream' and current_version = -1)
                or (p_expected = 'stream_exists' and current_version <> -1) or p_expected = current_version::text) then
          return query select 'wrong_version'::text, current_version, null::bigint;
          return;
        end if;
        -- The global lock spans the insert only (not the commit): positions follow transaction ids, and a
        -- session lock survives an error, so it is released on the way out of a failing insert too.
        perform pg_advisory_lock(${LOCKS.append}, 0);
        begin
          with inserted as (
            insert into licheng_events (stream_name, revision, event_id, type, data, metadata)
            select p_stream, current_version + e.ord, e.id, e.type, e.data::jsonb, e.metadata::jsonb
            from unnest(p_ids, p_types, p_data, p_metadata) with ordinality as e(id, type, data, metadata, ord)
            order by e.ord
            returning position)
          select max(position) into last from inserted;
        exception when others then
          perform pg_advisory_unlock(${LOCKS.append}, 0);
          raise;
        end;
        perform pg_advisory_unlock(${LOCKS.append}, 0);
        perform pg_notify('licheng_events', '');
        return query select 'appended'::text, current_version + n, last;
      end
      $$`,
  },
  {
    version: 5,
    name: 'read model states as json',
    // The receipt read model's folded states (derived data, never events) kept as the JSON text the model writes:
    // nothing queries inside them, and turning 50 KB of text into jsonb cost most of a fold's write (decision 0017).
    sql: `
      alter table licheng_rm_portfolios alter column state type json using state::json;
      alter table licheng_rm_schools alter column state type json using state::json`,
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
      await tx.query('insert into licheng_migrations (version, name) values ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      ran.push(migration.version);
    }
    return ran;
  });

/**
 * One statement at a time: a parameterised query (the extended protocol) takes exactly one. A function's
 * body between `$$` quotes is never split.
 */
const statements = (sql: string): string[] => {
  const found: string[] = [];
  let current = '';
  sql.split('$$').forEach((part, i) => {
    if (i % 2 === 1) {
      current += `$$${part}$$`;
      return;
    }
    const pieces = part.split(/;\s*(?:\n|$)/);
    current += pieces[0]!;
    for (const piece of pieces.slice(1)) {
      found.push(current);
      current = piece;
    }
  });
  found.push(current);
  return found
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter((statement) => statement.length > 0);
};
