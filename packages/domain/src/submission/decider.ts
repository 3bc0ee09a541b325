import type { Decider } from '../shared/decider';
import type { SubmissionCommand } from './commands';
import { decideSubmission, type SubmissionContext } from './decide';
import type { SubmissionEvent } from './events';
import { evolveSubmission } from './evolve';
import { initialSubmissionState, type SubmissionState } from './state';

export const submissionDecider: Decider<SubmissionCommand, SubmissionEvent, SubmissionState, SubmissionContext> = {
  initialState: initialSubmissionState,
  decide: decideSubmission,
  evolve: evolveSubmission,
};
