/**
 * The one home of stream names, as Equinox's `StreamId`: how a name is composed from its ids, how it is read
 * back, and which streams a seal covers. Every name begins with its kind's prefix; a school id has no '-'
 * (`SchoolId`), so in `portfolio-{schoolId}-{studentId}` and `submission-{schoolId}-…` the first '-' after
 * the prefix ends the school id. Submission names (with their round) are composed and parsed in
 * submission/commands.ts, which builds on the prefix here.
 */

export type StreamKind = 'school' | 'portfolio' | 'submission';

/** The prefix of each kind of stream, for filtered reads (`streamPrefixes`). */
export const STREAM_PREFIXES = {
  school: 'school-',
  portfolio: 'portfolio-',
  submission: 'submission-',
} as const satisfies Record<StreamKind, string>;

export const schoolStreamName = (schoolId: string): string => `${STREAM_PREFIXES.school}${schoolId}`;

export const portfolioStreamName = (schoolId: string, studentId: string): string =>
  `${STREAM_PREFIXES.portfolio}${schoolId}-${studentId}`;

/** The kind of a stream by its prefix; undefined for a stream of none of ours. */
export const streamKindOf = (streamName: string): StreamKind | undefined => {
  if (streamName.startsWith(STREAM_PREFIXES.school)) return 'school';
  if (streamName.startsWith(STREAM_PREFIXES.portfolio)) return 'portfolio';
  if (streamName.startsWith(STREAM_PREFIXES.submission)) return 'submission';
  return undefined;
};

/** The school id of `school-{schoolId}`. */
export const schoolIdOfSchoolStream = (streamName: string): string => streamName.slice(STREAM_PREFIXES.school.length);

/**
 * The school and student of `portfolio-{schoolId}-{studentId}`; undefined for any other stream or a name without a
 * school part.
 */
export const portfolioOwnerOf = (
  streamName: string,
): { readonly schoolId: string; readonly studentId: string } | undefined => {
  if (!streamName.startsWith(STREAM_PREFIXES.portfolio)) return undefined;
  const rest = streamName.slice(STREAM_PREFIXES.portfolio.length);
  const dash = rest.indexOf('-');
  return dash > 0 ? { schoolId: rest.slice(0, dash), studentId: rest.slice(dash + 1) } : undefined;
};

/** The prefix of every portfolio stream of one school: `portfolio-{schoolId}-`. */
export const schoolPortfoliosPrefix = (schoolId: string): string => `${STREAM_PREFIXES.portfolio}${schoolId}-`;

/**
 * The streams a seal of the school covers (docs/audit.md): `school-{schoolId}` and every stream whose name
 * starts with `portfolio-{schoolId}-` or `submission-{schoolId}-`. By name alone, as a store reads them by
 * prefix; note the school stream's name is also a prefix of another school's (`school-S1` of `school-S12`).
 */
export const sealCoverage = (
  schoolId: string,
): { readonly schoolStream: string; readonly streamPrefixes: ReadonlyArray<string> } => {
  const schoolStream = schoolStreamName(schoolId);
  return {
    schoolStream,
    streamPrefixes: [schoolStream, schoolPortfoliosPrefix(schoolId), `${STREAM_PREFIXES.submission}${schoolId}-`],
  };
};

/** Whether a seal of the school covers the stream (see `sealCoverage`). */
export const isCoveredBySeal = (streamName: string, schoolId: string): boolean => {
  const { schoolStream, streamPrefixes } = sealCoverage(schoolId);
  return streamKindOf(streamName) === 'school'
    ? streamName === schoolStream
    : streamPrefixes.some((prefix) => streamName.startsWith(prefix));
};
