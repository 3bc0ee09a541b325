import * as E from 'fp-ts/Either';
import type { Actor } from '../shared/actor';
import type { DomainRefusal } from '../errorCodes';
import type { RuleId } from '../shared/rules';
import { isWithin, type TaipeiInstant } from '../shared/time';
import { schoolErrors } from '../school/errors';
import { workPeriodOf } from '../school/policy';
import { isSealedFor, roundOfStudent, type RoundCohorts } from '../school/rounds';
import type { SchoolPolicy } from '../school/state';
import type { ReceiptCategory, WorkItem } from '../school/workItems';
import { accessErrors } from './errors';
import type { PortfolioEvent } from './events';

/** What a portfolio decision may know besides the command and the folded stream (R-TIME-3). */
export interface PortfolioContext {
  readonly now: TaipeiInstant;
  readonly actor: Actor;
  /** The school's policy in force at `now`: periods, parameters, roster and courses. */
  readonly policy: SchoolPolicy;
}

export type Decision = E.Either<DomainRefusal, ReadonlyArray<PortfolioEvent>>;

/** A lazily evaluated rule check: `null` when it holds. */
export type Check = () => DomainRefusal | null;

/**
 * A check on an item the list looks up: it holds while the item is absent, because the list's own existence
 * check refuses then. The check itself narrows, so however the list is ordered no check reads a missing item
 * (a reordering can change which refusal comes first, never turn one into a TypeError).
 */
export const onItem =
  <Item>(item: Item | undefined, check: (item: Item) => DomainRefusal | null): Check =>
  () =>
    item === undefined ? null : check(item);

/** A check that refuses with `missing` while the item is absent: the list's existence check. */
export const present =
  <Item>(item: Item | undefined, missing: () => DomainRefusal): Check =>
  () =>
    item === undefined ? missing() : null;

/**
 * `decideWith` for a decision about one item: the events are built from the item itself, not from a variable
 * the checks were trusted to have tested. Should a reordering of the list drop or move its existence check,
 * the item's absence still ends in the `missing` refusal, never in a TypeError.
 */
export const decideOn = <Item>(
  item: Item | undefined,
  missing: () => DomainRefusal,
  checks: ReadonlyArray<Check>,
  decide: (item: Item) => Decision,
): Decision => {
  for (const check of checks) {
    const problem = check();
    if (problem) return E.left(problem);
  }
  return item === undefined ? E.left(missing()) : decide(item);
};

/** Runs checks in order and stops at the first refusal; on success emits the events. */
export const decideWith = (checks: ReadonlyArray<Check>, events: () => ReadonlyArray<PortfolioEvent>): Decision => {
  for (const check of checks) {
    const problem = check();
    if (problem) return E.left(problem);
  }
  return E.right(events());
};

/** R-AUTH-1: a student acts only on their own portfolio; a parent only reads; everyone else is refused here. */
export const actingStudent =
  (context: PortfolioContext, studentId: string, command: string): Check =>
  () => {
    const { actor } = context;
    if (actor.role !== 'student') return accessErrors.roleNotAllowed(actor.role, command, 'R-AUTH-1');
    return actor.id === studentId ? null : accessErrors.notOwnPortfolio(actor.id, studentId);
  };

/** School-side actions on a portfolio (synced records): the administrator or the school's records system. */
export const actingSchool =
  (context: PortfolioContext, command: string, rule: RuleId): Check =>
  () =>
    context.actor.role === 'admin' || context.actor.role === 'system'
      ? null
      : accessErrors.roleNotAllowed(context.actor.role, command, rule);

export const enrolled =
  (context: PortfolioContext, studentId: string): Check =>
  () =>
    context.policy.students[studentId] ? null : accessErrors.studentNotEnrolled(studentId);

/**
 * R-TIME-2 / R-TIME-3: the work period must be set and `now` inside it, half-open; a round's own for a round's
 * item (R-ROUND-1).
 */
export const insideWorkPeriod =
  (context: PortfolioContext, term: string, item: WorkItem, rule: RuleId, round: RoundCohorts = null): Check =>
  () => {
    const window = workPeriodOf(context.policy, term, item, round);
    if (!window) return accessErrors.workPeriodNotSet(item, term, rule);
    return isWithin(window, context.now) ? null : accessErrors.outsideWorkPeriod(item, term, window, context.now, rule);
  };

/**
 * R-SEAL-2 / R-ROUND-2: nothing in a sealed round changes again, whoever asks; a student is judged by the
 * round of their own cohort, so the seniors' seal does not stop a junior.
 */
export const notSealed =
  (context: PortfolioContext, studentId: string, category: ReceiptCategory, period: string): Check =>
  () => {
    if (!isSealedFor(context.policy, category, period, studentId)) return null;
    return schoolErrors.periodSealed(category, period, roundOfStudent(context.policy, category, period, studentId));
  };
