import { parseSubmissionStreamName, portfolioOwnerOf, schoolIdOfSchoolStream, type SchoolState } from '@licheng/domain';
import type { RecordedEvent } from '@licheng/eventstore';
import {
  compactPortfolioOf,
  compactReportsProjection,
  decodeRecorded,
  type CompactPortfolio,
  type CompactReportsView,
  type ProjectedEvent,
} from '@licheng/projections';
import { receiptStatusOf } from '@licheng/projections/internal';
import * as E from 'fp-ts/Either';
import type { Draft } from 'immer';
import type { FoldedStates } from './readModelCache';
import { readWhole } from './readModelLog';
import { schoolStatements, type Statement } from './readModelSchool';
import { isSetAside } from './setAside';
import type { SqlQuery } from './sql';
import type { FoldedPage } from './readModelWrite';

/**
 * Events decoded or folded between two turns of the event loop. The catch-up decodes and folds pages while a
 * transaction of the page before waits for its answers: each of its round trips is answered only at a turn of the
 * loop, so a page's work in one piece held each of them up by tens of milliseconds (measured).
 */
const BREATH = 500;

/** Lets the event loop answer the other pages' queries and transactions. */
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * An event of the log as read, with what decoding it gave: a page is decoded as soon as it arrives, beside the fold of
 * the page before it, so that the fold's transaction does not wait for it.
 */
export interface ReadEvent {
  readonly recorded: RecordedEvent;
  readonly decoded: ReturnType<typeof decodeRecorded>;
}

export const decodedPage = async (page: ReadonlyArray<RecordedEvent>): Promise<ReadEvent[]> => {
  const decoded: ReadEvent[] = [];
  for (const recorded of page) {
    decoded.push({ recorded, decoded: decodeRecorded(recorded) });
    if (decoded.length % BREATH === 0) await breathe();
  }
  return decoded;
};

/** The page's events as the reports fold them; an unreadable one stops the page unless a quarantine sets it aside. */
export const projectedOf = async (tx: SqlQuery, page: ReadonlyArray<ReadEvent>): Promise<ProjectedEvent[]> => {
  const events: ProjectedEvent[] = [];
  for (const { recorded: trimmed, decoded: first } of page) {
    if (E.isRight(first)) {
      events.push(first.right);
      continue;
    }
    // Read whole (the page's metadata may be trimmed: readModelLog.ts) before it is judged unreadable.
    const recorded = await readWhole(tx, trimmed);
    const decoded = decodeRecorded(recorded);
    if (E.isRight(decoded)) events.push(decoded.right);
    else if (!(await isSetAside(tx, recorded))) throw new Error(decoded.left.message.en);
  }
  return events;
};

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
  return { schools, evolving, students: [...students.values()] };
};

/**
 * The part of the reports' view the page touches, from memory where the states are held and from the tables
 * otherwise (one query each for the schools and the portfolios missing). A school's whole state is read only for a
 * page with events of its own stream; for the others the row is only checked to exist (a portfolio needs its school).
 */
const viewOf = async (tx: SqlQuery, states: FoldedStates, touched: ReturnType<typeof touchedBy>) => {
  const view: MutableView = { schools: {} };
  const unknown = [...touched.schools].filter(
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
  for (const id of touched.schools) {
    const held = touched.evolving.has(id) ? states.school(id) : undefined;
    if (held !== undefined) view.schools[id] = { policy: held, portfolios: {} };
    else if (read.has(id) || (states.isRegistered(id) && !touched.evolving.has(id)))
      view.schools[id] = { policy: read.get(id) ?? UNREAD_POLICY, portfolios: {} };
  }
  const missing: { schoolId: string; studentId: string }[] = [];
  for (const { schoolId, studentId } of touched.students) {
    const school = view.schools[schoolId];
    const held = states.portfolio(schoolId, studentId);
    if (school && held) school.portfolios[studentId] = held;
    else if (school && states.mayHavePortfolio(schoolId, studentId)) missing.push({ schoolId, studentId });
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
  return view;
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
 * Folds the page's events in place into the states they touch (from memory, or read through `reader`) and returns
 * what to write. Read in the page's own transaction, with the checkpoint row locked and `states` validated against
 * it; or ahead of it, outside any transaction (readModel.ts), when that transaction will check that the checkpoint is
 * still where the states say it is.
 */
export const foldPage = async (
  reader: SqlQuery,
  states: FoldedStates,
  page: ReadonlyArray<ReadEvent>,
): Promise<FoldedPage> => {
  states.folding();
  const events = await projectedOf(reader, page);
  const touched = touchedBy(events);
  const view = await viewOf(reader, states, touched);
  const before = touched.students.map(({ schoolId, studentId }) =>
    statusesOf(view.schools[schoolId]?.portfolios[studentId]),
  );
  for (let i = 0; i < events.length; i++) {
    compactReportsProjection.apply(view as Draft<CompactReportsView>, events[i]!);
    if (i % BREATH === BREATH - 1) await breathe();
  }
  const schools: Statement[] = [];
  for (const schoolId of touched.evolving) {
    const policy = view.schools[schoolId]!.policy;
    schools.push(...schoolStatements(schoolId, policy));
    states.setSchool(schoolId, policy);
  }
  for (const schoolId of touched.schools) if (view.schools[schoolId]) states.setRegistered(schoolId);
  const portfolios: string[] = [];
  const changed: unknown[] = [];
  const gone: unknown[] = [];
  for (const [i, { schoolId, studentId }] of touched.students.entries()) {
    if (i % (BREATH / 10) === BREATH / 10 - 1) await breathe();
    const state = view.schools[schoolId]!.portfolios[studentId]!;
    states.setPortfolio(schoolId, studentId, state);
    portfolios.push(schoolId, studentId, JSON.stringify(state));
    const earlier = before[i]!;
    for (const [k, status] of statusesOf(state)) {
      if (earlier.get(k) !== status) changed.push(receiptRow(schoolId, studentId, k, status));
      earlier.delete(k);
    }
    for (const k of earlier.keys()) gone.push(receiptRow(schoolId, studentId, k));
  }
  return {
    schools,
    portfolios,
    changed: JSON.stringify(changed),
    gone: JSON.stringify(gone),
  };
};
