import { parseSubmissionStreamName, portfolioOwnerOf, schoolIdOfSchoolStream, type SchoolState } from '@licheng/domain';
import {
  compactPortfolioOf,
  compactReportsProjection,
  type CompactPortfolio,
  type CompactReportsView,
  type ProjectedEvent,
} from '@licheng/projections';
import { receiptStatusOf } from '@licheng/projections/internal';
import type { Draft } from 'immer';
import type { FoldedStates } from './readModelCache';
import { BREATH, breathe, projectedOf, type ReadEvent } from './readModelFold';
import { schoolStatements, type Statement } from './readModelSchool';
import type { SqlQuery } from './sql';
import type { FoldedPage } from './readModelWrite';

/**
 * The policy of a school the page has no school event for: nothing in the fold reads or changes it there, and
 * only the schools with school events are written back.
 */
const UNREAD_POLICY = Object.freeze({}) as SchoolState;

type MutableView = {
  schools: Record<string, { policy: SchoolState; portfolios: Record<string, CompactPortfolio>; submissions?: unknown }>;
};

/** What a page touches: schools it needs (and those whose own events it holds) and students, by school. */
const touchedBy = (events: ReadonlyArray<ProjectedEvent>) => {
  const schools = new Set<string>();
  const evolving = new Set<string>();
  const students = new Map<string, { schoolId: string; studentId: string }>();
  for (const event of events) {
    if (event.stream === 'school') evolving.add(schoolIdOfSchoolStream(event.streamName));
    else if (event.stream === 'portfolio') {
      const owner = portfolioOwnerOf(event.streamName);
      if (owner) students.set(event.streamName, owner);
      if (owner) schools.add(owner.schoolId);
    } else {
      const schoolId = parseSubmissionStreamName(event.streamName)?.schoolId;
      if (schoolId !== undefined) schools.add(schoolId);
    }
  }
  for (const schoolId of evolving) schools.add(schoolId);
  return { schools, evolving, students };
};

/**
 * Adds to `view` the part of the reports' view the page touches that it does not hold yet, from memory where the
 * states are held and from the tables otherwise (one query each for the schools and the portfolios missing). A
 * school's whole state is read only for a page with events of its own stream (so a school the view holds unread is
 * read again then); for the others the row is only checked to exist (a portfolio needs its school). What the view
 * holds already was folded by an earlier page of the same group: newer than the tables.
 */
const extendView = async (
  tx: SqlQuery,
  states: FoldedStates,
  view: MutableView,
  touched: ReturnType<typeof touchedBy>,
) => {
  const needed = [...touched.schools].filter(
    (id) => !view.schools[id] || (touched.evolving.has(id) && view.schools[id].policy === UNREAD_POLICY),
  );
  const unknown = needed.filter(
    (id) =>
      (touched.evolving.has(id) ? states.school(id) === undefined : !states.isRegistered(id)) &&
      states.mayHaveSchool(id),
  );
  const read = new Map<string, SchoolState | null>();
  if (unknown.length > 0) {
    const { rows } = await tx.query<{ school_id: string; state: SchoolState | null }>(
      `select school_id, case when school_id = any($2::text[]) then state end as state
       from licheng_rm_schools where school_id = any($1::text[])`,
      [unknown, [...touched.evolving]],
    );
    for (const row of rows) read.set(row.school_id, row.state);
  }
  for (const id of needed) {
    const held = touched.evolving.has(id) ? states.school(id) : undefined;
    const known = read.has(id) || (states.isRegistered(id) && !touched.evolving.has(id));
    const policy = held ?? (known ? (read.get(id) ?? UNREAD_POLICY) : undefined);
    if (policy === undefined) continue;
    const school = view.schools[id];
    if (school) school.policy = policy;
    else view.schools[id] = { policy, portfolios: {} };
  }
  const missing: { schoolId: string; studentId: string }[] = [];
  for (const { schoolId, studentId } of touched.students.values()) {
    const school = view.schools[schoolId];
    if (!school || school.portfolios[studentId]) continue;
    const held = states.portfolio(schoolId, studentId);
    if (held) school.portfolios[studentId] = held;
    else if (states.mayHavePortfolio(schoolId, studentId)) missing.push({ schoolId, studentId });
  }
  if (missing.length > 0) {
    const { rows } = await tx.query<{ school_id: string; student_id: string; state: CompactPortfolio }>(
      'select school_id, student_id, state from licheng_rm_portfolios where (school_id, student_id) in (select * from ' +
        'unnest($1::text[], $2::text[]))',
      [missing.map((owner) => owner.schoolId), missing.map((owner) => owner.studentId)],
    );
    // A row an earlier version wrote holds the domain's whole state: taken as compact like any other.
    for (const row of rows) view.schools[row.school_id]!.portfolios[row.student_id] = compactPortfolioOf(row.state);
  }
};

type Statuses = Map<string, string>;

const statusesOf = (portfolio: CompactPortfolio | undefined): Statuses => {
  const statuses: Statuses = new Map();
  if (portfolio)
    for (const [k, receipt] of Object.entries(portfolio.receipts)) statuses.set(k, receiptStatusOf(receipt));
  return statuses;
};

/** `category:period` as the receipts' rows hold it. */
const receiptRow = (schoolId: string, studentId: string, k: string, status?: string) => {
  const colon = k.indexOf(':');
  return {
    school_id: schoolId,
    student_id: studentId,
    category: k.slice(0, colon),
    period: k.slice(colon + 1),
    status,
  };
};

/**
 * Consecutive pages folded in place into the states they touch (from memory, or read through `reader`), to be written
 * as one: each state the pages touch is written once for all of them. In a log in the order things happened, a page
 * touches most of a school's students, and writing their states once per page was most of a rebuild (docs/postgres.md).
 * Read in the write's own transaction, with the checkpoint row locked and `states` validated against it; or ahead of
 * it, outside any transaction (readModel.ts), when that transaction will check that the checkpoint is still where the
 * states say it is.
 */
export class FoldGroup {
  private readonly view: MutableView = { schools: {} };
  private readonly evolving = new Set<string>();
  /** Each touched student's receipt statuses before the group's first page, by portfolio stream. */
  private readonly before = new Map<string, { schoolId: string; studentId: string; statuses: Statuses }>();
  /** Events added so far. */
  events = 0;

  constructor(
    private readonly reader: SqlQuery,
    private readonly states: FoldedStates,
  ) {
    states.folding();
  }

  /** Portfolios touched so far. */
  get portfolios(): number {
    return this.before.size;
  }

  async add(page: ReadonlyArray<ReadEvent>): Promise<void> {
    const events = await projectedOf(this.reader, page);
    const touched = touchedBy(events);
    await extendView(this.reader, this.states, this.view, touched);
    for (const [streamName, owner] of touched.students)
      if (!this.before.has(streamName))
        this.before.set(streamName, {
          ...owner,
          statuses: statusesOf(this.view.schools[owner.schoolId]?.portfolios[owner.studentId]),
        });
    for (let i = 0; i < events.length; i++) {
      compactReportsProjection.apply(this.view as Draft<CompactReportsView>, events[i]!);
      if (i % BREATH === BREATH - 1) await breathe();
    }
    for (const schoolId of touched.evolving) {
      this.evolving.add(schoolId);
      this.states.setSchool(schoolId, this.view.schools[schoolId]!.policy);
    }
    for (const schoolId of touched.schools) if (this.view.schools[schoolId]) this.states.setRegistered(schoolId);
    for (const [, { schoolId, studentId }] of touched.students) {
      const state = this.view.schools[schoolId]?.portfolios[studentId];
      if (state) this.states.setPortfolio(schoolId, studentId, state);
    }
    this.events += page.length;
  }

  /** What to write for every page added: every parameter taken, so the states may change in memory after. */
  async finish(): Promise<FoldedPage> {
    const schools: Statement[] = [];
    for (const schoolId of this.evolving)
      schools.push(...schoolStatements(schoolId, this.view.schools[schoolId]!.policy));
    const portfolios: string[] = [];
    const changed: unknown[] = [];
    const gone: unknown[] = [];
    let i = 0;
    for (const { schoolId, studentId, statuses: earlier } of this.before.values()) {
      if (++i % (BREATH / 10) === 0) await breathe();
      const state = this.view.schools[schoolId]!.portfolios[studentId]!;
      portfolios.push(schoolId, studentId, JSON.stringify(state));
      for (const [k, status] of statusesOf(state)) {
        if (earlier.get(k) !== status) changed.push(receiptRow(schoolId, studentId, k, status));
        earlier.delete(k);
      }
      for (const k of earlier.keys()) gone.push(receiptRow(schoolId, studentId, k));
    }
    return { schools, portfolios, changed: JSON.stringify(changed), gone: JSON.stringify(gone) };
  }
}

/** One page folded as a group of its own. */
export const foldPage = async (
  reader: SqlQuery,
  states: FoldedStates,
  page: ReadonlyArray<ReadEvent>,
): Promise<FoldedPage> => {
  const group = new FoldGroup(reader, states);
  await group.add(page);
  return group.finish();
};
