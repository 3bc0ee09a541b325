import { freezeDeep } from '../shared/freeze';
import type { RosterEntry } from './events';

export type AttemptStatus = 'awaitingResult' | 'accepted' | 'rejected';

export interface SubmissionAttempt {
  readonly fid: string;
  readonly submitterId: string;
  readonly roster: ReadonlyArray<RosterEntry>;
  readonly status: AttemptStatus;
  readonly message?: string;
}

/** Every attempt of one category's submission for one period, kept forever (R-SUB-2). */
export interface SubmissionState {
  readonly category: string | null;
  readonly period: string | null;
  /** R-ROUND-1: the round's cohorts; null for the round of every cohort. */
  readonly cohorts: ReadonlyArray<number> | null;
  readonly attempts: Readonly<Record<string, SubmissionAttempt>>;
  /** FIDs in the order they were accepted; the last one is what the central database holds now. */
  readonly acceptedFids: ReadonlyArray<string>;
}

/** A new submission state owned by the caller: the submission decider's `initialState` (shared/decider.ts). */
export const newSubmissionState = (): SubmissionState => ({
  category: null,
  period: null,
  cohorts: null,
  attempts: {},
  acceptedFids: [],
});

/** The state of a round with no attempt, as a frozen value. */
export const initialSubmissionState: SubmissionState = freezeDeep(newSubmissionState());
