import type { DomainRefusal } from '../errorCodes';
import type { Decider } from '../shared/decider';
import { bindActorToSchool } from '../shared/schoolBinding';
import type { SubmissionCommand } from './commands';
import { decideSubmission, type SubmissionContext } from './decide';
import type { SubmissionEvent } from './events';
import { evolveSubmission } from './evolve';
import { newSubmissionState, type SubmissionState } from './state';

export const submissionDecider: Decider<
  SubmissionCommand,
  SubmissionEvent,
  SubmissionState,
  SubmissionContext,
  DomainRefusal
> = {
  initialState: newSubmissionState,
  decide: bindActorToSchool(decideSubmission),
  evolve: evolveSubmission,
};
