import type { FileMeta } from '../shared/files';
import { freezeDeep } from '../shared/freeze';
import { emptyRecord } from '../shared/records';
import type { SchoolYear } from '../shared/term';
import type { PlanApprovalStage } from '../school/events';
import type { ReceiptCategory } from '../school/workItems';
import type { StatementItem } from '../submission/events';
import type { PerformanceDetails } from './performances/details';
import type * as t from 'io-ts';
import type { LearningPlanSubmitted } from './plans/events';
import { noSelections, type SelectedCounts } from './selection/counts';

/** R-OUT-6, R-OUT-8: draft until sent; pending (待認證) until a teacher passes or fails it. */
export type OutcomeStatus = 'draft' | 'pending' | 'passed' | 'failed';

export interface OutcomeState {
  readonly outcomeId: string;
  readonly courseId: string;
  readonly term: string;
  readonly schoolYear: SchoolYear;
  readonly subject: string;
  readonly description: string;
  readonly document?: FileMeta;
  readonly media?: FileMeta;
  readonly status: OutcomeStatus;
  readonly certifiedBy?: string;
  readonly certificationReason?: string;
  /** Selected for submission in its school year (R-SEL-1). */
  readonly selected: boolean;
}

export interface PerformanceState {
  readonly performanceId: string;
  readonly schoolYear: SchoolYear;
  readonly semester: number;
  readonly details: PerformanceDetails;
  readonly startDate: string;
  readonly endDate: string;
  readonly hours?: number;
  readonly description: string;
  readonly document?: FileMeta;
  readonly media?: FileMeta;
  readonly externalLink?: string;
  /** R-PERF-6: synced from the school's cadre records; the student cannot delete it. */
  readonly synced: boolean;
  readonly selected: boolean;
  /** R-PERF-8: once submitted to the central database it can no longer be edited or deleted. */
  readonly submitted: boolean;
}

export type ReceiptAnswer = 'confirmed' | 'reported' | 'deemedCorrect';

/** A receipt statement (收訖明細) for one category and period and the student's answers to it (R-REC). */
export interface ReceiptState {
  readonly category: ReceiptCategory;
  readonly period: string;
  /** The accepted submission the current statement comes from; a corrected resubmission replaces it. */
  readonly fid: string;
  readonly items: ReadonlyArray<StatementItem>;
  /** Every FID whose statement reached the student: an older one delivered late must not roll back (R-SUB-3). */
  readonly issuedFids: ReadonlyArray<string>;
  /** The FID the student reported errors against; a 'corrected' review awaits a newer one (R-REC-4). */
  readonly reportedFid: string | null;
  readonly answer: ReceiptAnswer | null;
  readonly review: 'dataWasRight' | 'corrected' | null;
  readonly recheckAnswer: ReceiptAnswer | null;
}

/** Where a receipt stands: what, if anything, is awaited next. */
export type ReceiptPhase = 'awaitingAnswer' | 'awaitingReview' | 'awaitingRecheck' | 'closed';

/** R-REC-1: a category applies only where the student had data submitted in it. */
/**
 * R-REC-1: a receipt applies when its statement lists an item; generic so that a narrower view of a receipt (the
 * compact reports view) asks the same rule.
 */
export const isApplicable = <Receipt extends { readonly items: ReadonlyArray<unknown> } = ReceiptState>(
  receipt: Receipt | undefined,
): receipt is Receipt => receipt !== undefined && receipt.items.length > 0;

export const receiptPhase = (receipt: ReceiptState): ReceiptPhase => {
  if (receipt.answer === null) return 'awaitingAnswer';
  if (receipt.answer !== 'reported') return 'closed';
  if (receipt.review === null) return 'awaitingReview';
  return receipt.recheckAnswer === null ? 'awaitingRecheck' : 'closed';
};

export const receiptKey = (category: string, period: string): string => `${category}:${period}`;

/** Why a student's data of a category and round is sealed by their own answer (R-SEAL-3). */
export type ReceiptSeal = 'confirmed' | 'deemedCorrect' | 'dataWasRight' | 'rechecked';

/**
 * R-SEAL-3: a confirmation or a deemed-correct answer seals the student's data of that category and round
 * at once (001 "點選「資料正確無誤」資料將封存"). After an error report only the school's correction and the
 * re-check may follow (R-REC-4): so a report the school found right, or an answered re-check, seals it too.
 * `null` while a new statement may still replace the data: no answer yet, or a report awaiting correction.
 */
export const receiptSeal = (receipt: ReceiptState | undefined): ReceiptSeal | null => {
  if (!receipt || receipt.answer === null) return null;
  if (receipt.answer !== 'reported') return receipt.answer;
  if (receipt.recheckAnswer !== null) return 'rechecked';
  return receipt.review === 'dataWasRight' ? 'dataWasRight' : null;
};

/** A self-directed learning plan on its way through the school's approval stages (R-PLAN-1). */
/** The plan as submitted, in the submitted event's own types: approval records a performance from them. */
type SubmittedPlan = t.TypeOf<typeof LearningPlanSubmitted>['data'];

export interface PlanState {
  readonly planId: string;
  readonly schoolYear: SchoolYear;
  readonly semester: SubmittedPlan['semester'];
  readonly title: SubmittedPlan['title'];
  readonly description: string;
  readonly periodsPerWeek: SubmittedPlan['periodsPerWeek'];
  readonly weeks: SubmittedPlan['weeks'];
  readonly startDate: SubmittedPlan['startDate'];
  readonly endDate: SubmittedPlan['endDate'];
  readonly advisorId?: string;
  /** The stages in force when the plan was submitted; later changes of order do not reach it. */
  readonly stages: ReadonlyArray<PlanApprovalStage>;
  /** Index of the stage awaited now; equal to `stages.length` once approved. */
  readonly stageIndex: number;
  readonly status: 'inReview' | 'returned' | 'approved';
}

/** R-APP-1: what the student picked for one department applied to. */
export interface ApplicationPicks {
  readonly outcomeIds: ReadonlyArray<string>;
  readonly performanceIds: ReadonlyArray<string>;
}

/** One student's whole time at one school, folded from `portfolio-{schoolId}-{studentId}`. */
export interface PortfolioState {
  readonly studentId: string | null;
  readonly outcomes: Readonly<Record<string, OutcomeState>>;
  readonly performances: Readonly<Record<string, PerformanceState>>;
  /** Ids of deleted items: never reused, so an audit trail cannot confuse two items. */
  readonly retiredIds: Readonly<Record<string, true>>;
  /** R-FILE-3: bytes of every file attached to a live item. */
  readonly storageBytes: number;
  /** Keyed by `receiptKey(category, period)`. */
  readonly receipts: Readonly<Record<string, ReceiptState>>;
  readonly plans: Readonly<Record<string, PlanState>>;
  /** Keyed by department id. */
  readonly applications: Readonly<Record<string, ApplicationPicks>>;
  /** R-SEL-1: selected outcomes and performances per school year, kept by the fold (selection/counts.ts). */
  readonly selectedCounts: SelectedCounts;
}

/** Records keyed by id have no prototype: dictionaries from the start (see `emptyRecord`). */
/** A new, empty portfolio owned by the caller: the portfolio decider's `initialState` (shared/decider.ts). */
export const newPortfolioState = (): PortfolioState => ({
  studentId: null,
  outcomes: emptyRecord(),
  performances: emptyRecord(),
  retiredIds: emptyRecord(),
  storageBytes: 0,
  receipts: emptyRecord(),
  plans: emptyRecord(),
  applications: emptyRecord(),
  selectedCounts: noSelections(),
});

/** The empty portfolio as a frozen value, for reads of a student without events. */
export const initialPortfolioState: PortfolioState = freezeDeep(newPortfolioState());

export { portfolioStreamName } from '../streams';
