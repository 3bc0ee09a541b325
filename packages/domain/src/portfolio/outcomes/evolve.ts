import type { Draft } from 'immer';
import { bytesOf } from '../../shared/files';
import { schoolYearOfTerm } from '../../shared/term';
import type { PortfolioEvent } from '../events';
import type { OutcomeState, PortfolioState } from '../state';
import { unknownEventIgnored } from '../../shared/exhaustive';

type OutcomeEvent = Extract<
  PortfolioEvent,
  {
    type:
      | 'CourseOutcomeUploaded'
      | 'CourseOutcomeEdited'
      | 'CourseOutcomeDeleted'
      | 'CourseOutcomeSentForCertification'
      | 'CourseOutcomeCertified';
  }
>;

const replaceFiles = (
  outcome: Draft<OutcomeState>,
  data: { document?: OutcomeState['document']; media?: OutcomeState['media'] },
) => {
  if (data.document) outcome.document = data.document;
  else delete outcome.document;
  if (data.media) outcome.media = data.media;
  else delete outcome.media;
};

export const evolveOutcome = (state: Draft<PortfolioState>, event: OutcomeEvent): void => {
  switch (event.type) {
    case 'CourseOutcomeUploaded': {
      const { studentId, outcomeId, courseId, term, subject, description, document, media } = event.data;
      state.studentId = studentId;
      const outcome: Draft<OutcomeState> = {
        outcomeId,
        courseId,
        term,
        schoolYear: schoolYearOfTerm(term),
        subject,
        description,
        status: 'draft',
        selected: false,
      };
      replaceFiles(outcome, { ...(document ? { document } : {}), ...(media ? { media } : {}) });
      state.outcomes[outcomeId] = outcome;
      state.storageBytes += bytesOf(document, media);
      return;
    }
    case 'CourseOutcomeEdited': {
      const outcome = state.outcomes[event.data.outcomeId];
      if (!outcome) return;
      state.storageBytes += bytesOf(event.data.document, event.data.media) - bytesOf(outcome.document, outcome.media);
      outcome.description = event.data.description;
      replaceFiles(outcome, event.data);
      // R-OUT-10: a failed outcome that is edited goes back to draft, to be sent again.
      if (outcome.status === 'failed') outcome.status = 'draft';
      return;
    }
    case 'CourseOutcomeDeleted': {
      const outcome = state.outcomes[event.data.outcomeId];
      if (!outcome) return;
      state.storageBytes -= bytesOf(outcome.document, outcome.media);
      delete state.outcomes[event.data.outcomeId];
      state.retiredIds[event.data.outcomeId] = true;
      return;
    }
    case 'CourseOutcomeSentForCertification': {
      const outcome = state.outcomes[event.data.outcomeId];
      if (outcome) outcome.status = 'pending';
      return;
    }
    case 'CourseOutcomeCertified': {
      const outcome = state.outcomes[event.data.outcomeId];
      if (!outcome) return;
      outcome.status = event.data.result;
      outcome.certifiedBy = event.data.teacherId;
      if (event.data.reason !== undefined) outcome.certificationReason = event.data.reason;
      else delete outcome.certificationReason;
      return;
    }
    default:
      return unknownEventIgnored(event);
  }
};
