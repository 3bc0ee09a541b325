import { semesterOfTerm } from '../../shared/term';
import { schoolErrors } from '../../school/errors';
import { workPeriodOf } from '../../school/policy';
import { roundOfStudent, sameRound } from '../../school/rounds';
import { confirmationItemOf, isYearlyCategory, recheckItemOf } from '../../school/workItems';
import { submissionErrors } from '../../submission/errors';
import { itemOfOtherKind } from '../../submission/items';
import type { PortfolioCommandOf } from '../commands';
import { accessErrors, receiptErrors } from '../errors';
import {
  actingStudent,
  decideWith,
  enrolled,
  onItem,
  insideWorkPeriod,
  notSealed,
  type Check,
  type Decision,
  type PortfolioContext,
} from '../context';
import { isApplicable, receiptKey, receiptPhase, receiptSeal, type PortfolioState, type ReceiptState } from '../state';

type ReceiptCommand = PortfolioCommandOf<
  'IssueReceiptStatement' | 'ConfirmReceipt' | 'ReportReceiptError' | 'RecordReceiptReview' | 'DeemReceiptCorrect'
>;

const periodMatches =
  (command: ReceiptCommand): Check =>
  () =>
    isYearlyCategory(command.data.category) === (semesterOfTerm(command.data.period) === 0)
      ? null
      : submissionErrors.periodMismatch(command.data.category, command.data.period);

const receiptOf = (state: PortfolioState, command: ReceiptCommand): ReceiptState | undefined =>
  state.receipts[receiptKey(command.data.category, command.data.period)];

/**
 * R-SUB-3: the statement of an accepted submission reaches the student; a corrected resubmission replaces it
 * until the student's answer seals it (R-SEAL-3).
 */
export const issueReceiptStatement = (
  command: PortfolioCommandOf<'IssueReceiptStatement'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision => {
  const { schoolId: _schoolId, ...data } = command.data;
  return decideWith(
    [
      () =>
        context.actor.role === 'system'
          ? null
          : accessErrors.roleNotAllowed(context.actor.role, command.type, 'R-SUB-3'),
      enrolled(context, data.studentId),
      periodMatches(command),
      () => {
        const other = itemOfOtherKind(data.category, data.items);
        return other ? submissionErrors.detailsOfOtherKind(other.itemId, data.category, other.kind) : null;
      },
      notSealed(context, data.studentId, data.category, data.period),
      () => {
        // R-ROUND-1: a statement comes from the round the student belongs to.
        const round = roundOfStudent(context.policy, data.category, data.period, data.studentId);
        const entry = context.policy.students[data.studentId]?.entrySchoolYear ?? 0;
        return sameRound(round, data.cohorts)
          ? null
          : submissionErrors.notInRound(data.studentId, entry, data.cohorts ?? []);
      },
      () =>
        receiptOf(state, command)?.issuedFids.includes(data.fid) ? receiptErrors.fidAlreadyIssued(data.fid) : null,
      () => {
        // R-SEAL-3: the student's answer sealed this data; only a correction after a report may still arrive.
        const seal = receiptSeal(receiptOf(state, command));
        return seal === null ? null : receiptErrors.sealedByAnswer(data.studentId, data.category, data.period, seal);
      },
    ],
    // R-REC-7: every item of a statement carries its fields, null where the roster gave none.
    () => [
      {
        type: 'ReceiptStatementIssued',
        data: {
          ...data,
          items: data.items.map((item) => ({ itemId: item.itemId, title: item.title, details: item.details ?? null })),
        },
      },
    ],
  );
};

/**
 * R-REC-2 / R-REC-4: the student's answer. The first answer falls in the confirmation window; after a
 * report and the school's review, one more answer falls in the re-check window. Each answer is final.
 */
const answer = (
  command: PortfolioCommandOf<'ConfirmReceipt' | 'ReportReceiptError'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision => {
  const { studentId, category, period } = command.data;
  const receipt = receiptOf(state, command);
  const phase = receipt ? receiptPhase(receipt) : 'closed';
  const stage = phase === 'awaitingRecheck' ? 'recheck' : 'first';
  const round = roundOfStudent(context.policy, category, period, studentId);
  return decideWith(
    [
      actingStudent(context, studentId, command.type),
      enrolled(context, studentId),
      periodMatches(command),
      notSealed(context, command.data.studentId, category, period),
      () => (isApplicable(receipt) ? null : receiptErrors.notApplicable(category, period)),
      () => (phase === 'awaitingReview' ? receiptErrors.awaitingReview(category, period) : null),
      // R-REC-4: after a 'corrected' review the student re-checks the corrected data, not what they reported.
      onItem(receipt, (r) =>
        phase === 'awaitingRecheck' && r.review === 'corrected' && r.fid === r.reportedFid
          ? receiptErrors.awaitingCorrection(category, period)
          : null,
      ),
      onItem(receipt, (r) =>
        phase === 'closed'
          ? r.answer === 'reported'
            ? receiptErrors.recheckAlreadyAnswered(category, period)
            : receiptErrors.alreadyAnswered(category, period)
          : null,
      ),
      stage === 'first'
        ? insideWorkPeriod(context, period, confirmationItemOf(category), 'R-REC-2', round)
        : insideWorkPeriod(context, period, recheckItemOf(category), 'R-REC-4', round),
    ],
    () => [
      command.type === 'ConfirmReceipt'
        ? { type: 'ReceiptConfirmed', data: { category, period, stage } }
        : { type: 'ReceiptErrorReported', data: { category, period, stage, problems: command.data.problems } },
    ],
  );
};

export const confirmReceipt = (
  command: PortfolioCommandOf<'ConfirmReceipt'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision => answer(command, state, context);

export const reportReceiptError = (
  command: PortfolioCommandOf<'ReportReceiptError'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision => answer(command, state, context);

/** R-REC-4: the school's review of a first-stage report, before the re-check window closes. */
export const recordReceiptReview = (
  command: PortfolioCommandOf<'RecordReceiptReview'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision => {
  const { category, period, finding } = command.data;
  const receipt = receiptOf(state, command);
  const recheck = workPeriodOf(
    context.policy,
    period,
    recheckItemOf(category),
    roundOfStudent(context.policy, category, period, command.data.studentId),
  );
  return decideWith(
    [
      () =>
        ['admin', 'submitter'].includes(context.actor.role)
          ? null
          : accessErrors.roleNotAllowed(context.actor.role, command.type, 'R-REC-4'),
      periodMatches(command),
      notSealed(context, command.data.studentId, category, period),
      () => (receipt ? null : receiptErrors.notApplicable(category, period)),
      onItem(receipt, (r) =>
        receiptPhase(r) === 'awaitingReview' ? null : receiptErrors.notReported(category, period),
      ),
      () =>
        recheck && context.now >= recheck.end
          ? accessErrors.outsideWorkPeriod(recheckItemOf(category), period, recheck, context.now, 'R-REC-4')
          : null,
    ],
    () => [{ type: 'ReceiptReviewRecorded', data: { category, period, finding, reviewerId: context.actor.id } }],
  );
};

/** R-REC-5 / R-AUTH-4: the system records deemed-correct once a window has closed with no answer. */
export const deemReceiptCorrect = (
  command: PortfolioCommandOf<'DeemReceiptCorrect'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision => {
  const { category, period } = command.data;
  const receipt = receiptOf(state, command);
  const phase = receipt ? receiptPhase(receipt) : 'closed';
  const stage = phase === 'awaitingRecheck' ? 'recheck' : 'first';
  const round = roundOfStudent(context.policy, category, period, command.data.studentId);
  const window = workPeriodOf(
    context.policy,
    period,
    stage === 'first' ? confirmationItemOf(category) : recheckItemOf(category),
    round,
  );
  return decideWith(
    [
      () => (context.actor.role === 'system' ? null : schoolErrors.systemOnly(context.actor.role, command.type)),
      periodMatches(command),
      notSealed(context, command.data.studentId, category, period),
      () => (isApplicable(receipt) ? null : receiptErrors.notApplicable(category, period)),
      () =>
        phase === 'awaitingAnswer' || phase === 'awaitingRecheck'
          ? null
          : receiptErrors.nothingToDeem(category, period),
      () =>
        window && context.now >= window.end
          ? null
          : schoolErrors.deadlineNotPassed(
              stage === 'first' ? 'confirmation' : 're-check',
              period,
              window?.end ?? null,
              context.now,
            ),
    ],
    () => [{ type: 'ReceiptDeemedCorrect', data: { category, period, stage } }],
  );
};
