import type { EventDocs } from '../../shared/eventDoc';
import type { PortfolioCommandType } from '../commands';
import type { OUTCOME_EVENTS } from './events';

/** Course outcome events: what each records, the rules behind it, the commands that record it (docs/events.md). */
export const OUTCOME_EVENT_DOCS: EventDocs<typeof OUTCOME_EVENTS, PortfolioCommandType> = {
  CourseOutcomeUploaded: {
    meaning:
      'A course learning outcome (課程學習成果) uploaded as a draft for a credit-bearing course the student takes; ' +
      'term and subject come from the course.',
    rules: ['R-OUT-1', 'R-OUT-2', 'R-OUT-3', 'R-OUT-4', 'R-OUT-5', 'R-FILE-1', 'R-FILE-2', 'R-FILE-3', 'R-FILE-4'],
    commands: ['UploadCourseOutcome'],
  },
  CourseOutcomeEdited: {
    meaning:
      'The content of a draft or failed outcome replaced whole (absent files are removed); a failed outcome ' +
      'becomes a draft again.',
    rules: ['R-OUT-5', 'R-OUT-6', 'R-OUT-9', 'R-OUT-10', 'R-FILE-1', 'R-FILE-2', 'R-FILE-3'],
    commands: ['EditCourseOutcome'],
  },
  CourseOutcomeDeleted: {
    meaning:
      'A draft or failed outcome deleted; it no longer counts toward quotas or storage, and its id is never reused.',
    rules: ['R-OUT-3', 'R-OUT-5', 'R-OUT-6', 'R-OUT-9', 'R-FILE-3'],
    commands: ['DeleteCourseOutcome'],
  },
  CourseOutcomeSentForCertification: {
    meaning: 'An outcome sent for certification: pending (待認證) from now on, no longer editable.',
    rules: ['R-OUT-5', 'R-OUT-6', 'R-OUT-10'],
    commands: ['SendCourseOutcomeForCertification'],
  },
  CourseOutcomeCertified: {
    meaning:
      'A teacher allowed to certify the course passed (通過) or failed (不通過) a pending outcome; a fail ' +
      'carries a reason.',
    rules: ['R-OUT-7', 'R-OUT-8'],
    commands: ['CertifyCourseOutcome'],
  },
};
