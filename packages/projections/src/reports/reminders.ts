import {
  certifiersOf,
  epochMillisOf,
  isApplicable,
  parameterFor,
  roundOfStudent,
  schoolYearAt,
  selectionCapsFor,
  TaipeiInstant,
  teacherNameOf,
  workPeriodOf,
  type DomainError,
  type ReceiptCategory,
  type SchoolState,
  type WorkItem,
} from '@licheng/domain';
import { byCodeUnits, decodeWith, valuesOf } from '@licheng/domain/internal';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { pipe } from 'fp-ts/function';
import type { ReportPortfolio, ReportsSource } from '../reportsView';
import { schoolOf } from './roster';

/**
 * R-NOTE-1: who is due which reminder. The library says who and why; the embedding service sends the mail.
 * A reminder is due in one hour slot (`at`'s hour, Taipei time), so a service that asks once an hour sends
 * each reminder once:
 * - `certifyOutcomes`: a teacher with outcomes waiting for them (R-OUT-11), every day in the school's hour
 *   (`teacherReminderHour`, 13 by default; none when the school blanked it).
 * - `sendOutcomes`: a student with outcomes not sent (draft) of a term, `certificationReminderDays` (3) before
 *   the term's upload period closes — the last moment to send them (R-OUT-5).
 * - `selectOutcomes` / `selectPerformances`: a student below the cap with items left to select,
 *   `outcomeSelectionReminderDays` / `performanceSelectionReminderDays` (3) before the selection closes (R-SEL-2).
 *   A period shorter than the days is reminded when it opens.
 * - `answerReceipt`: a student whose receipt statement is unanswered, when the confirmation period opens and one
 *   day before it closes (R-REC-5 deems it correct after; R-NOTE-1 names no parameter for it).
 */
export type Reminder =
  | {
      readonly kind: 'certifyOutcomes';
      readonly teacherId: string;
      readonly teacherName: string;
      readonly outcomeIds: ReadonlyArray<string>;
    }
  | {
      readonly kind: 'sendOutcomes';
      readonly studentId: string;
      readonly term: string;
      readonly closesAt: string;
      readonly outcomeIds: ReadonlyArray<string>;
    }
  | {
      readonly kind: 'selectOutcomes' | 'selectPerformances';
      readonly studentId: string;
      readonly schoolYear: number;
      readonly closesAt: string;
      readonly selected: number;
      readonly cap: number;
    }
  | {
      readonly kind: 'answerReceipt';
      readonly studentId: string;
      readonly category: ReceiptCategory;
      readonly period: string;
      readonly closesAt: string;
    };

export interface RemindersDue {
  readonly schoolId: string;
  readonly at: string;
  readonly reminders: ReadonlyArray<Reminder>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** R-NOTE-1 names no parameter for unanswered receipts: reminded at the opening and a day before the close. */
export const RECEIPT_REMINDER_DAYS = 1;

/**
 * `days` before a period closes, but not before it opens: a reminder to act in a period that is not open yet would be
 * refused.
 */
const daysBeforeClose = (window: { readonly start: string; readonly end: string }, days: number) =>
  Math.max(epochMillisOf(window.start as TaipeiInstant), epochMillisOf(window.end as TaipeiInstant) - days * DAY);

const hourSlotOf = (at: string) => Math.floor(epochMillisOf(at as TaipeiInstant) / HOUR);
const inSlot = (millis: number, at: string) => Math.floor(millis / HOUR) === hourSlotOf(at);
/** Taipei minutes carry +08:00 (R-TIME-3): the hour of day is written in them. */
const hourOfDay = (at: string) => Number(at.slice(11, 13));

/** The `${term}:${item}` work periods of one item, for every cohort (items that have no rounds). */
const periodsOf = (policy: SchoolState, item: WorkItem) =>
  Object.entries(policy.workPeriods).flatMap(([key, window]) => {
    const [term, name, cohorts] = key.split(':');
    return name === item && cohorts === undefined && term !== undefined ? [{ term, window }] : [];
  });

const teacherReminders = (
  policy: SchoolState,
  portfolios: Readonly<Record<string, ReportPortfolio>>,
  at: string,
): Reminder[] => {
  const hour = parameterFor(policy, 'teacherReminderHour', schoolYearAt(at as TaipeiInstant));
  if (hour === null || hour !== hourOfDay(at)) return [];
  const waiting = new Map<string, string[]>();
  for (const portfolio of valuesOf(portfolios)) {
    for (const outcome of valuesOf(portfolio.outcomes)) {
      const course = outcome.status === 'pending' ? policy.courses[outcome.courseId] : undefined;
      for (const teacherId of course ? certifiersOf(course) : [])
        waiting.set(teacherId, [...(waiting.get(teacherId) ?? []), outcome.outcomeId]);
    }
  }
  return [...waiting.entries()]
    .sort(([a], [b]) => byCodeUnits(a, b))
    .map(([teacherId, outcomeIds]) => ({
      kind: 'certifyOutcomes',
      teacherId,
      teacherName: teacherNameOf(policy, teacherId),
      outcomeIds: outcomeIds.sort(),
    }));
};

const studentReminders = (
  policy: SchoolState,
  portfolios: Readonly<Record<string, ReportPortfolio>>,
  at: string,
): Reminder[] => {
  const reminders: Reminder[] = [];
  const days = (
    name: 'certificationReminderDays' | 'outcomeSelectionReminderDays' | 'performanceSelectionReminderDays',
    term: string,
  ) => parameterFor(policy, name, Number(term.slice(0, -1))) ?? 0;
  const studentIds = Object.keys(policy.students).sort();
  for (const { term, window } of periodsOf(policy, 'outcomeUpload')) {
    if (!inSlot(daysBeforeClose(window, days('certificationReminderDays', term)), at)) continue;
    for (const studentId of studentIds) {
      const drafts = valuesOf(portfolios[studentId]?.outcomes ?? {})
        .filter((o) => o.term === term && o.status === 'draft')
        .map((o) => o.outcomeId)
        .sort();
      if (drafts.length > 0)
        reminders.push({ kind: 'sendOutcomes', studentId, term, closesAt: window.end, outcomeIds: drafts });
    }
  }
  for (const item of ['outcomeSelection', 'performanceSelection'] as const) {
    const param = item === 'outcomeSelection' ? 'outcomeSelectionReminderDays' : 'performanceSelectionReminderDays';
    for (const { term, window } of periodsOf(policy, item)) {
      if (!inSlot(daysBeforeClose(window, days(param, term)), at)) continue;
      const schoolYear = Number(term.slice(0, -1));
      const caps = selectionCapsFor(schoolYear);
      for (const studentId of studentIds) {
        const portfolio = portfolios[studentId];
        const items =
          item === 'outcomeSelection'
            ? valuesOf(portfolio?.outcomes ?? {}).filter((o) => o.schoolYear === schoolYear && o.status === 'passed')
            : valuesOf(portfolio?.performances ?? {}).filter((p) => p.schoolYear === schoolYear);
        const selected = items.filter((x) => x.selected).length;
        const cap = item === 'outcomeSelection' ? caps.outcomes : caps.performances;
        if (selected < cap && selected < items.length) {
          reminders.push({
            kind: item === 'outcomeSelection' ? 'selectOutcomes' : 'selectPerformances',
            studentId,
            schoolYear,
            closesAt: window.end,
            selected,
            cap,
          });
        }
      }
    }
  }
  for (const studentId of studentIds) {
    for (const [key, receipt] of Object.entries(portfolios[studentId]?.receipts ?? {})) {
      if (!isApplicable(receipt) || receipt.answer !== null) continue;
      const [category, period] = key.split(':') as [ReceiptCategory, string];
      const window = workPeriodOf(
        policy,
        period,
        `${category}Confirmation`,
        roundOfStudent(policy, category, period, studentId),
      );
      if (!window) continue;
      const close = daysBeforeClose(window, RECEIPT_REMINDER_DAYS);
      if (inSlot(epochMillisOf(window.start), at) || inSlot(close, at))
        reminders.push({ kind: 'answerReceipt', studentId, category, period, closesAt: window.end });
    }
  }
  return reminders;
};

/** R-NOTE-1: every reminder due in the hour of `at` at one school: teachers by id, then students by kind and id. */
/**
 * The query as an untrusted caller (a scheduler, an HTTP handler) may send it: `at` must be a Taipei minute
 * (R-TIME-2), else the answer is INVALID_INPUT naming the path, never a throw or a slot computed from NaN.
 */
const RemindersQuery = t.type({ schoolId: t.string, at: TaipeiInstant }, 'RemindersQuery');
const decodeQuery = decodeWith(RemindersQuery, 'reminders query');

export const remindersDue = (
  view: ReportsSource,
  query: { readonly schoolId: string; readonly at: string },
): E.Either<DomainError, RemindersDue> =>
  pipe(
    decodeQuery(query),
    E.chain(({ schoolId, at }) =>
      pipe(
        schoolOf(view, schoolId),
        E.map(({ policy, portfolios }) => ({
          schoolId,
          at,
          reminders: [...teacherReminders(policy, portfolios, at), ...studentReminders(policy, portfolios, at)],
        })),
      ),
    ),
  );
