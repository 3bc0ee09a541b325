import type { EventDocs } from '../shared/eventDoc';
import type { SubmissionCommandType } from './commands';
import type { SubmissionEvent } from './events';

/** The submission stream's events: what each records, its rules, the commands that record it (docs/events.md). */
export const SUBMISSION_EVENT_DOCS: EventDocs<typeof SubmissionEvent.types, SubmissionCommandType> = {
  RosterSubmitted: {
    meaning:
      "An attempt (FID) to submit a category's roster for a round of a period to the central database " +
      '(中央資料庫); `cohorts` as in the stream name.',
    rules: ['R-SUB-1', 'R-SUB-2', 'R-REC-1', 'R-ROUND-1'],
    commands: ['SubmitRoster'],
  },
  SubmissionRejected: {
    meaning:
      'The central database refused the attempt (資料檢核錯誤) with its validation message; the school may fix and ' +
      'submit again.',
    rules: ['R-SUB-2'],
    commands: ['RecordSubmissionResult'],
  },
  SubmissionAccepted: {
    meaning:
      'The central database accepted the attempt (檢核無誤，資料已匯入); the statement process then issues ' +
      'each listed ' +
      'student a receipt statement.',
    rules: ['R-SUB-2', 'R-SUB-3'],
    commands: ['RecordSubmissionResult'],
  },
};
