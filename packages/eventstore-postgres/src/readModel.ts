import {
  portfolioOwnerOf,
  schoolIdOfSchoolStream,
  STREAM_PREFIXES,
  streamKindOf,
  type PortfolioState,
  type SchoolState,
} from '@licheng/domain';
import { valuesOf } from '@licheng/domain/internal';
import { type EventStore, type RecordedEvent, type Subscription } from '@licheng/eventstore';
import {
  applyEvents,
  decodeRecorded,
  reportsProjection,
  type ProjectedEvent,
  type ReportsView,
} from '@licheng/projections';
import { receiptStatusOf } from '@licheng/projections/internal';
import * as E from 'fp-ts/Either';
import { catchUpProjection, checkpointOf, foldWithCheckpoint } from './checkpoints';
import { isSetAside } from './setAside';
import type { SqlDatabase, SqlQuery } from './sql';

/** The checkpoint's name in `licheng_checkpoints`. */
export const RECEIPTS_READ_MODEL = 'receipts';

const PREFIXES = Object.values(STREAM_PREFIXES);
const PAGE = 2_000;

type Owner = { readonly schoolId: string; readonly studentId?: string };

/** The school (and student) a stream belongs to: `school-{school}`, `portfolio-{school}-{student}`. */
const ownerOf = (streamName: string): Owner | undefined =>
  streamKindOf(streamName) === 'school'
    ? { schoolId: schoolIdOfSchoolStream(streamName) }
    : portfolioOwnerOf(streamName);

/** The page's events as the reports fold them; an unreadable one stops the page unless a quarantine sets it aside. */
const projectedOf = async (tx: SqlQuery, page: ReadonlyArray<RecordedEvent>): Promise<ProjectedEvent[]> => {
  const events: ProjectedEvent[] = [];
  for (const recorded of page) {
    const decoded = decodeRecorded(recorded);
    if (E.isRight(decoded)) events.push(decoded.right);
    else if (!(await isSetAside(tx, recorded))) throw new Error(decoded.left.message.en);
  }
  return events;
};

/**
 * The policy of a school the page has no school event for: nothing in the fold reads or changes it there,
 * and `writeTouched` writes a policy back only when it is another object than the one loaded.
 */
const UNREAD_POLICY = Object.freeze({}) as SchoolState;

/** The part of the reports' view that the page touches, as stored. */
const loadTouched = async (tx: SqlQuery, page: ReadonlyArray<RecordedEvent>): Promise<ReportsView> => {
  const owners = page.map((event) => ownerOf(event.streamName)).filter((owner): owner is Owner => owner !== undefined);
  const schoolIds = [...new Set(owners.map((owner) => owner.schoolId))];
  const students = owners.filter((owner) => owner.studentId !== undefined);
  // A school's state (every student and class) is the largest read of a fold, and only the school's own
  // events change it: for the others the row is only checked to exist (a portfolio needs its school).
  const evolving = owners.filter((owner) => owner.studentId === undefined).map((owner) => owner.schoolId);
  const { rows: schools } = await tx.query<{ school_id: string; state: SchoolState | null }>(
    `select school_id, case when school_id = any($2::text[]) then state end as state
     from licheng_rm_schools where school_id = any($1::text[])`,
    [schoolIds, [...new Set(evolving)]],
  );
  const { rows: portfolios } = await tx.query<{ school_id: string; student_id: string; state: PortfolioState }>(
    'select school_id, student_id, state from licheng_rm_portfolios where (school_id, student_id) in (select * from ' +
      'unnest($1::text[], $2::text[]))',
    [students.map((owner) => owner.schoolId), students.map((owner) => owner.studentId)],
  );
  const view: { schools: Record<string, { policy: SchoolState; portfolios: Record<string, PortfolioState> }> } = {
    schools: {},
  };
  for (const row of schools) view.schools[row.school_id] = { policy: row.state ?? UNREAD_POLICY, portfolios: {} };
  for (const row of portfolios) {
    const school = view.schools[row.school_id];
    if (school) school.portfolios[row.student_id] = row.state;
  }
  return view;
};

/** Writes back what the page changed: states, then the rows computed from them. */
const writeTouched = async (tx: SqlQuery, before: ReportsView, after: ReportsView): Promise<void> => {
  for (const [schoolId, school] of Object.entries(after.schools)) {
    const earlier = before.schools[schoolId];
    if (earlier?.policy !== school.policy) await writeSchool(tx, schoolId, school.policy);
    for (const [studentId, portfolio] of Object.entries(school.portfolios)) {
      if (earlier?.portfolios[studentId] !== portfolio) await writePortfolio(tx, schoolId, studentId, portfolio);
    }
  }
};

const writeSchool = async (tx: SqlQuery, schoolId: string, policy: SchoolState): Promise<void> => {
  await tx.query(
    'insert into licheng_rm_schools (school_id, state) values ($1, $2::jsonb) on conflict (school_id) do update set ' +
      'state = excluded.state',
    [schoolId, JSON.stringify(policy)],
  );
  await tx.query('delete from licheng_rm_classes where school_id = $1', [schoolId]);
  const classes = valuesOf(policy.classes);
  await tx.query(
    'insert into licheng_rm_classes (school_id, class_id, school_year, name) select $1, * from unnest($2::text[], ' +
      '$3::int[], $4::text[])',
    [schoolId, classes.map((c) => c.classId), classes.map((c) => c.schoolYear), classes.map((c) => c.name)],
  );
  await tx.query('delete from licheng_rm_roster where school_id = $1', [schoolId]);
  const placed = valuesOf(policy.students).flatMap((student) =>
    Object.entries(student.placements).map(([year, placement]) => ({ student, year: Number(year), ...placement })),
  );
  await tx.query(
    `insert into licheng_rm_roster (school_id, school_year, class_id, seat_number, student_id, student_number, name)
     select $1, * from unnest($2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[])`,
    [
      schoolId,
      placed.map((p) => p.year),
      placed.map((p) => p.classId),
      placed.map((p) => p.seatNumber),
      placed.map((p) => p.student.studentId),
      placed.map((p) => p.student.studentNumber),
      placed.map((p) => p.student.name),
    ],
  );
};

const writePortfolio = async (
  tx: SqlQuery,
  schoolId: string,
  studentId: string,
  portfolio: PortfolioState,
): Promise<void> => {
  await tx.query(
    `insert into licheng_rm_portfolios (school_id, student_id, state) values ($1, $2, $3::jsonb)
     on conflict (school_id, student_id) do update set state = excluded.state`,
    [schoolId, studentId, JSON.stringify(portfolio)],
  );
  await tx.query('delete from licheng_rm_receipts where school_id = $1 and student_id = $2', [schoolId, studentId]);
  const receipts = Object.entries(portfolio.receipts).map(([key, receipt]) => {
    const colon = key.indexOf(':');
    return { category: key.slice(0, colon), period: key.slice(colon + 1), status: receiptStatusOf(receipt) };
  });
  await tx.query(
    `insert into licheng_rm_receipts (school_id, student_id, category, period, status)
     select $1, $2, * from unnest($3::text[], $4::text[], $5::text[])`,
    [
      schoolId,
      studentId,
      receipts.map((r) => r.category),
      receipts.map((r) => r.period),
      receipts.map((r) => r.status),
    ],
  );
};

/** Folds a page by the reports' own projection and writes what it changed. */
const foldPage = async (tx: SqlQuery, fresh: ReadonlyArray<RecordedEvent>): Promise<void> => {
  const before = await loadTouched(tx, fresh);
  await writeTouched(tx, before, applyEvents(reportsProjection, before, await projectedOf(tx, fresh)));
};

/**
 * The receipt read model in PostgreSQL (docs/postgres.md lists its tables): one row per student, category
 * and period with R-REP-1's status, the class rosters, and the folded states they come from. Each page of
 * events is folded by the reports' own projection and written, rows and checkpoint, in one transaction, so
 * that a crash at any point leaves the tables exactly as of some checkpoint: nothing applied twice or lost.
 */
export class ReceiptReadModel {
  constructor(
    readonly db: SqlDatabase,
    readonly store: EventStore,
  ) {}

  checkpoint(): Promise<number> {
    return checkpointOf(this.db, RECEIPTS_READ_MODEL);
  }

  /** Folds every event after the checkpoint; returns the new checkpoint. */
  catchUp(): Promise<number> {
    return catchUpProjection(this.db, this.store, RECEIPTS_READ_MODEL, PREFIXES, foldPage, PAGE);
  }

  /** Empties the tables and folds the whole log again. */
  async rebuild(): Promise<number> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        'truncate licheng_rm_schools, licheng_rm_portfolios, licheng_rm_classes, licheng_rm_roster, ' +
          'licheng_rm_receipts',
      );
      await tx.query('delete from licheng_checkpoints where projection = $1', [RECEIPTS_READ_MODEL]);
    });
    return this.catchUp();
  }

  /** Catches up, then folds each new event as it comes, until closed. */
  async start(options: { readonly onError?: (error: unknown) => void } = {}): Promise<Subscription> {
    const after = await this.catchUp();
    return this.store.subscribeToAll({
      after,
      streamPrefixes: PREFIXES,
      onEvent: (event) => this.fold([event]).then(() => undefined),
      ...options,
    });
  }

  /** One transaction: the page's changes and the checkpoint after it, or nothing. */
  private fold(page: ReadonlyArray<RecordedEvent>): Promise<number> {
    return foldWithCheckpoint(this.db, RECEIPTS_READ_MODEL, page, foldPage);
  }
}
