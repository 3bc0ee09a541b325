import { createCachingLoader, createLichengService, type EventStore } from '@licheng/eventstore';
import { PostgresDueItems, type SqlDatabase } from '@licheng/eventstore-postgres';
import { mayBeDue, runDeadlines } from '@licheng/workflows';
import * as E from 'fp-ts/Either';
import { median, now, percentile } from './measure';

/**
 * Fills the due-items index (`licheng_due_periods`, `licheng_due_receipts`) to city scale: the bench school's
 * own rows come from folding its log (`catchUp`); the other `schools - 1` schools get `students` students each,
 * with, per period the bench school has, a receipt copied from one of the bench school's. Seeded by SQL
 * rather than by simulating a city year: the run being measured reads only the index, never the log.
 */
export const seedCityDueItems = async (db: SqlDatabase, dueItems: PostgresDueItems, schoolId: string, size: City) => {
  await dueItems.catchUp();
  await db.query(
    `insert into licheng_due_periods (school_id, category, period)
     select 'city' || lpad(s::text, 3, '0'), p.category, p.period
     from generate_series(1, $2::int) s, (select category, period from licheng_due_periods where school_id = $1) p`,
    [schoolId, size.schools - 1],
  );
  // A school per statement: one statement for the whole city outlasts the store's statement timeout.
  for (let school = 1; school < size.schools; school++)
    await db.query(
      `insert into licheng_due_receipts (school_id, category, period, student_id, receipt)
       select 'city' || lpad($2::text, 3, '0'), t.category, t.period, 's' || lpad(n::text, 5, '0'), t.receipt
       from generate_series(1, $3::int) n,
            (select distinct on (category, period) category, period, receipt from licheng_due_receipts
             where school_id = $1 order by category, period, student_id) t`,
      [schoolId, school, size.students],
    );
  await db.query('analyze licheng_due_periods, licheng_due_receipts');
  const { rows } = await db.query<{ n: string }>('select count(*) as n from licheng_due_receipts');
  return { receipts: Number(rows[0]!.n) };
};

export interface City {
  readonly schools: number;
  readonly students: number;
}

/**
 * `runDeadlines` of one school with the due-items index in PostgreSQL, at an instant when nothing is due:
 * the latest start of one of its work periods at which no period of the school's index may be due. Warm, as a scheduler
 * running it every minute would be (its service keeps the school's state cached); each run still catches
 * the index up (the log's settled bound, and the log after the checkpoint when the bound is past it) and reads the
 * school's periods.
 */
export const measureIdleDeadlines = async (
  store: EventStore,
  dueItems: PostgresDueItems,
  schoolId: string,
  runs: number,
) => {
  const service = createLichengService({ store, load: createCachingLoader(store) });
  const school = await service.loadSchool(schoolId);
  if (E.isLeft(school)) throw new Error(school.left.message.en);
  const periods = await dueItems.periodsOf(schoolId);
  // The latest instant, among the starts of the school's work periods, at which nothing may be due.
  const candidates = [...new Set(Object.values(school.right.workPeriods).map((window) => window.start))].sort();
  const at = candidates
    .reverse()
    .find((instant) => periods.every((p) => !mayBeDue(school.right, p.category, p.period, instant)));
  if (at === undefined) throw new Error(`something is due at each start of ${schoolId}'s work periods`);
  const times: number[] = [];
  for (let i = 0; i < runs + 5; i++) {
    const start = now();
    const report = await runDeadlines(service, schoolId, at, { dueItems });
    const ms = now() - start;
    if (report.deemed + report.sealed + report.alreadyDone + report.refused.length > 0)
      throw new Error(`runDeadlines did something at ${at}: ${JSON.stringify(report)}`);
    if (i >= 5) times.push(ms);
  }
  return { at, periods: periods.length, median: median(times), p99: percentile(times, 99) };
};
