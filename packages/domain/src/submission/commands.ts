import * as t from 'io-ts';
import { Id, SchoolId, NonEmptyText, withOptional } from '../shared/primitives';
import { Cohorts, cohortsSuffix, type RoundCohorts } from '../school/rounds';
import { Term } from '../shared/term';
import { ReceiptCategory } from '../school/workItems';
import { RosterEntry } from './events';
import { STREAM_PREFIXES } from '../streams';

/** R-ROUND-1: a submission belongs to a round: its category, period and (absent: every) cohorts. */
const PeriodRef = { schoolId: SchoolId, category: ReceiptCategory, period: Term };
const RoundRef = { cohorts: Cohorts };

export const SubmitRoster = withOptional(
  { ...PeriodRef, fid: Id, roster: t.array(RosterEntry) },
  RoundRef,
  'SubmitRoster',
);
/** The embedding service reports the central database's answer; the library never calls it (R-SUB-2). */
export const RecordSubmissionResult = withOptional(
  { ...PeriodRef, fid: Id, result: t.keyof({ accepted: null, rejected: null }), message: NonEmptyText },
  RoundRef,
  'RecordSubmissionResult',
);

export const SUBMISSION_COMMAND_DATA = { SubmitRoster, RecordSubmissionResult } as const;
type DataCodecs = typeof SUBMISSION_COMMAND_DATA;
export type SubmissionCommandType = keyof DataCodecs;
export type SubmissionCommand = {
  [K in SubmissionCommandType]: { readonly type: K; readonly data: t.TypeOf<DataCodecs[K]> };
}[SubmissionCommandType];

/**
 * The one home of submission stream names (R-ROUND-1): `submission-{schoolId}-{category}-{period}` for the
 * round of every cohort (every stream written before rounds), `…-{period}-{109.110}` for a cohort round.
 */
export const submissionStreamName = (
  schoolId: string,
  category: string,
  period: string,
  cohorts?: RoundCohorts,
): string => `${STREAM_PREFIXES.submission}${schoolId}-${category}-${period}${cohortsSuffix(cohorts, '-')}`;

/** The round a submission stream holds; neither the school id nor the category nor the period contains '-'. */
export const parseSubmissionStreamName = (
  streamName: string,
): { schoolId: string; category: string; period: string; cohorts: RoundCohorts } | undefined => {
  const match = /^submission-(.+)-([A-Za-z]+)-(\d{3,4})(?:-(\d+(?:\.\d+)*))?$/.exec(streamName);
  if (!match) return undefined;
  const cohorts = match[4] === undefined ? null : match[4].split('.').map(Number);
  return { schoolId: match[1]!, category: match[2]!, period: match[3]!, cohorts };
};
