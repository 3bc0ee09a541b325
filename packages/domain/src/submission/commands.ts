import * as t from 'io-ts';
import { Id, SchoolId, NonEmptyText } from '../shared/primitives';
import { Term } from '../shared/term';
import { ReceiptCategory } from '../school/workItems';
import { RosterEntry } from './events';

const PeriodRef = { schoolId: SchoolId, category: ReceiptCategory, period: Term };

export const SubmitRoster = t.strict({ ...PeriodRef, fid: Id, roster: t.array(RosterEntry) }, 'SubmitRoster');
/** The embedding service reports the central database's answer; the library never calls it (R-SUB-2). */
export const RecordSubmissionResult = t.strict(
  { ...PeriodRef, fid: Id, result: t.keyof({ accepted: null, rejected: null }), message: NonEmptyText },
  'RecordSubmissionResult',
);

export const SUBMISSION_COMMAND_DATA = { SubmitRoster, RecordSubmissionResult } as const;
type DataCodecs = typeof SUBMISSION_COMMAND_DATA;
export type SubmissionCommandType = keyof DataCodecs;
export type SubmissionCommand = { [K in SubmissionCommandType]: { readonly type: K; readonly data: t.TypeOf<DataCodecs[K]> } }[SubmissionCommandType];

export const submissionStreamName = (schoolId: string, category: string, period: string): string =>
  `submission-${schoolId}-${category}-${period}`;

