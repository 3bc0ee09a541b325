import type { Draft } from 'immer';
import type { SubmissionEvent } from './events';
import type { SubmissionState } from './state';
import { unknownEventIgnored } from '../shared/exhaustive';

export const evolveSubmission = (state: Draft<SubmissionState>, event: SubmissionEvent): void => {
  switch (event.type) {
    case 'RosterSubmitted':
      state.category = event.data.category;
      state.period = event.data.period;
      state.cohorts = event.data.cohorts ? [...event.data.cohorts] : null;
      state.attempts[event.data.fid] = {
        fid: event.data.fid,
        submitterId: event.data.submitterId,
        roster: event.data.roster,
        status: 'awaitingResult',
      };
      return;
    case 'SubmissionRejected':
    case 'SubmissionAccepted': {
      const attempt = state.attempts[event.data.fid];
      if (!attempt) return;
      attempt.status = event.type === 'SubmissionAccepted' ? 'accepted' : 'rejected';
      attempt.message = event.data.message;
      if (event.type === 'SubmissionAccepted') state.acceptedFids.push(event.data.fid);
      return;
    }
    default:
      return unknownEventIgnored(event);
  }
};
