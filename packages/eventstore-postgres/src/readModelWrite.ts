import type { Statement } from './readModelSchool';
import type { SqlQuery } from './sql';

/** What a page's fold leaves to write: every parameter already taken, so the states may change in memory after. */
export interface FoldedPage {
  readonly schools: ReadonlyArray<Statement>;
  /** School id, student id and the state as JSON, for each portfolio the page touched. */
  readonly portfolios: ReadonlyArray<string>;
  readonly changed: string;
  readonly gone: string;
}

/**
 * The states' upsert, one parameter per state: the server checks each state's JSON once as it takes it in (about half
 * the server's time of the write where the states were fields of one JSON document: it parsed that document, then
 * each state again out of it). Three parameters a row, from `$first` on.
 */
const upsertStates = (rows: number, first: number): string => {
  const values = Array.from({ length: rows }, (_, i) => {
    const at = first + 3 * i;
    return `($${at}, $${at + 1}, $${at + 2}::json)`;
  });
  return (
    `insert into licheng_rm_portfolios (school_id, student_id, state) values ${values.join(', ')} ` +
    'on conflict (school_id, student_id) do update set state = excluded.state'
  );
};

/** States per statement: well below the protocol's 65,535 parameters. */
const STATES_PER_STATEMENT = 5_000;

/**
 * One statement for all the page changed beside the schools: the touched portfolios' states (the first
 * `STATES_PER_STATEMENT` of them; more go before it), the receipt rows whose status changed (R-REP-1) or that went
 * away, and the checkpoint; it returns the checkpoint row's new writer.
 */
const write = (states: number) => `
  with ${states > 0 ? `portfolios as (${upsertStates(states, 5)}),` : ''}
  changed as (
    insert into licheng_rm_receipts (school_id, student_id, category, period, status)
    select * from json_to_recordset($3::json) as r(school_id text, student_id text, category text, period text, status text)
    on conflict (school_id, student_id, category, period) do update set status = excluded.status),
  gone as (
    delete from licheng_rm_receipts r using json_to_recordset($4::json)
      as g(school_id text, student_id text, category text, period text)
    where (r.school_id, r.student_id, r.category, r.period) = (g.school_id, g.student_id, g.category, g.period))
  update licheng_checkpoints set position = $2 where projection = $1 returning xmin::text as writer`;

/**
 * Writes a folded page and moves the checkpoint to `position`, in the caller's transaction with the checkpoint row
 * locked; returns the row's new writer.
 */
export const writeFolded = async (
  tx: SqlQuery,
  folded: FoldedPage,
  checkpoint: { readonly projection: string; readonly position: number },
): Promise<string> => {
  for (const { text, params } of folded.schools) await tx.query(text, params);
  const chunk = 3 * STATES_PER_STATEMENT;
  const rest = folded.portfolios.length % chunk || Math.min(chunk, folded.portfolios.length);
  for (let at = rest; at < folded.portfolios.length; at += chunk) {
    await tx.query(upsertStates(STATES_PER_STATEMENT, 1), folded.portfolios.slice(at, at + chunk));
  }
  const { rows } = await tx.query<{ writer: string }>(write(rest / 3), [
    checkpoint.projection,
    checkpoint.position,
    folded.changed,
    folded.gone,
    ...folded.portfolios.slice(0, rest),
  ]);
  return rows[0]!.writer;
};
