import * as E from 'fp-ts/Either';
import type { Actor } from '../shared/actor';
import type { DomainRefusal } from '../errorCodes';
import { semesterOfTerm } from '../shared/term';
import { isWithin, type TaipeiInstant } from '../shared/time';
import { accessErrors, receiptErrors } from '../portfolio/errors';
import { receiptKey, receiptSeal, type PortfolioState } from '../portfolio/state';
import { schoolErrors } from '../school/errors';
import { workPeriodOf } from '../school/policy';
import { mayUseFunction } from '../school/rights';
import { isRoundSealed } from '../school/rounds';
import type { SchoolPolicy } from '../school/state';
import { isYearlyCategory, submissionItemOf, type ReceiptCategory } from '../school/workItems';
import type { SubmissionCommand } from './commands';
import { submissionErrors } from './errors';
import type { RosterEntry, SubmissionEvent } from './events';
import { itemOfOtherKind } from './items';
import { rosterMatchesSelection } from './selection';
import type { SubmissionState } from './state';
import { unreachable } from '../shared/exhaustive';

export interface SubmissionContext {
  readonly now: TaipeiInstant;
  readonly actor: Actor;
  readonly policy: SchoolPolicy;
  /**
   * The portfolios of the students a roster lists, as they stand (a student with none yet is absent): what
   * they selected (R-SUB-4) and whether their answer sealed their data (R-SEAL-3). Only SubmitRoster reads it.
   */
  readonly portfolios: Readonly<Record<string, PortfolioState>>;
}

/**
 * R-SUB-1: the function code that lets a role group submit each category (seed 003: S0207S 提交學習成果,
 * S0208S 提交多元表現, S0218S 幹部經歷). S0205S / S0206S are the matching read-only views of selections,
 * which a submitter also holds but which do not by themselves allow submitting. The sources name no code
 * for course records: the school's records system sends them (003 §2 sync, 3.10 reception log).
 */
export const SUBMIT_FUNCTION_CODES: Readonly<Record<ReceiptCategory, ReadonlyArray<string>>> = {
  courseOutcomes: ['S0207S'],
  performances: ['S0208S'],
  cadreRecords: ['S0218S'],
  courseRecords: [],
};

/**
 * R-SUB-1 / R-AUTH-5: the administrator submits every category without a group (003 3.6, 3.9, 3.14 are
 * 校管理者 functions); course records also come from the records system; the other categories from a
 * member of a role group in use holding the category's code with the 新增 right.
 */
const mustSubmit = (context: SubmissionContext, category: ReceiptCategory): DomainRefusal | null => {
  const codes = SUBMIT_FUNCTION_CODES[category];
  const { actor } = context;
  if (codes.length === 0)
    return actor.role === 'admin' || actor.role === 'system'
      ? null
      : submissionErrors.notSubmitter(actor.id, category, codes);
  return mayUseFunction(context.policy, actor, codes, 'add')
    ? null
    : submissionErrors.notSubmitter(actor.id, category, codes);
};

const checkSubmit = (
  command: Extract<SubmissionCommand, { type: 'SubmitRoster' }>,
  state: SubmissionState,
  context: SubmissionContext,
): DomainRefusal | null => {
  const { category, period, fid, roster } = command.data;
  const round = command.data.cohorts ?? null;
  const seen = new Set<string>();
  const duplicate = roster.find((entry) => (seen.has(entry.studentId) ? true : (seen.add(entry.studentId), false)));
  const stranger = roster.find((entry) => !context.policy.students[entry.studentId]);
  // R-ROUND-1: a round's roster lists only students of its cohorts.
  const outsider =
    round === null
      ? undefined
      : roster.find(
          (entry) =>
            !(round as ReadonlyArray<number>).includes(context.policy.students[entry.studentId]?.entrySchoolYear ?? -1),
        );
  // R-REC-4: once accepted, the school may correct and resubmit until the round is sealed.
  const window = workPeriodOf(context.policy, period, submissionItemOf(category), round);
  const item = submissionItemOf(category);
  return (
    mustSubmit(context, category) ??
    (isYearlyCategory(category) !== (semesterOfTerm(period) === 0)
      ? submissionErrors.periodMismatch(category, period)
      : null) ??
    (isRoundSealed(context.policy, category, period, round)
      ? schoolErrors.periodSealed(category, period, round)
      : null) ??
    (state.attempts[fid] ? submissionErrors.fidAlreadyUsed(fid) : null) ??
    (roster.length === 0 ? submissionErrors.emptyRoster() : null) ??
    (duplicate ? submissionErrors.duplicateStudent(duplicate.studentId) : null) ??
    (stranger ? accessErrors.studentNotEnrolled(stranger.studentId) : null) ??
    (outsider
      ? submissionErrors.notInRound(
          outsider.studentId,
          context.policy.students[outsider.studentId]!.entrySchoolYear,
          round!,
        )
      : null) ??
    (state.acceptedFids.length > 0
      ? null
      : !window
        ? accessErrors.workPeriodNotSet(item, period, 'R-SUB-1')
        : isWithin(window, context.now)
          ? null
          : accessErrors.outsideWorkPeriod(item, period, window, context.now, 'R-SUB-1')) ??
    otherKind(roster, category) ??
    sealedByAnswer(roster, context, category, period) ??
    rosterMatchesSelection(roster, category, period, context.policy, context.portfolios, context.now)
  );
};

/** R-REC-7: each item's fields are those of the category. */
const otherKind = (roster: ReadonlyArray<RosterEntry>, category: ReceiptCategory): DomainRefusal | null => {
  for (const entry of roster) {
    const item = itemOfOtherKind(category, entry.items);
    if (item) return submissionErrors.detailsOfOtherKind(item.itemId, category, item.kind);
  }
  return null;
};

/** R-SEAL-3: a student whose answer sealed their data of this round cannot be submitted again. */
const sealedByAnswer = (
  roster: ReadonlyArray<RosterEntry>,
  context: SubmissionContext,
  category: ReceiptCategory,
  period: string,
): DomainRefusal | null => {
  for (const { studentId } of roster) {
    const seal = receiptSeal(context.portfolios[studentId]?.receipts[receiptKey(category, period)]);
    if (seal !== null) return receiptErrors.sealedByAnswer(studentId, category, period, seal);
  }
  return null;
};

const checkResult = (
  command: Extract<SubmissionCommand, { type: 'RecordSubmissionResult' }>,
  state: SubmissionState,
  context: SubmissionContext,
): DomainRefusal | null => {
  const { category, period, fid } = command.data;
  const attempt = state.attempts[fid];
  return (
    (context.actor.role === 'system' ? null : mustSubmit(context, category)) ??
    (isRoundSealed(context.policy, category, period, command.data.cohorts)
      ? schoolErrors.periodSealed(category, period, command.data.cohorts ?? null)
      : null) ??
    (attempt ? null : submissionErrors.unknownFid(fid)) ??
    (attempt!.status === 'awaitingResult' ? null : submissionErrors.resultAlreadyRecorded(fid, attempt!.status))
  );
};

/**
 * The submission decider: one stream per round (school, category, period, cohorts) holds every attempt and its result.
 */
export const decideSubmission = (
  command: SubmissionCommand,
  state: SubmissionState,
  context: SubmissionContext,
): E.Either<DomainRefusal, ReadonlyArray<SubmissionEvent>> => {
  switch (command.type) {
    case 'SubmitRoster': {
      const problem = checkSubmit(command, state, context);
      const { fid, category, period, roster, cohorts } = command.data;
      const data = { fid, category, period, roster, submitterId: context.actor.id, ...(cohorts ? { cohorts } : {}) };
      return problem ? E.left(problem) : E.right([{ type: 'RosterSubmitted', data }]);
    }
    case 'RecordSubmissionResult': {
      const problem = checkResult(command, state, context);
      const { fid, message, result } = command.data;
      return problem
        ? E.left(problem)
        : E.right([
            { type: result === 'accepted' ? 'SubmissionAccepted' : 'SubmissionRejected', data: { fid, message } },
          ]);
    }
    default:
      return unreachable(command);
  }
};
