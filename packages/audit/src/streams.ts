import { isCoveredBySeal, schoolIdOfSchoolStream, STREAM_PREFIXES, streamKindOf } from '@licheng/domain';
import type { RecordedEvent } from '@licheng/eventstore';

export { streamKindOf, type StreamKind } from '@licheng/domain';

/** The school ids of a log: every `school-{id}` stream. */
export const schoolIdsOf = (records: Iterable<RecordedEvent>): ReadonlyArray<string> => {
  const ids = new Set<string>();
  for (const record of records) {
    if (streamKindOf(record.streamName) === 'school') ids.add(schoolIdOfSchoolStream(record.streamName));
  }
  return [...ids].sort();
};

/**
 * The school a portfolio or submission stream belongs to, of the schools the log registers. A school id has
 * no '-' (SchoolId), so at most one known id is followed by '-'; a stream of a school the log does not
 * register belongs to none (the longest match is kept only as a tie-break no valid id can need).
 */
export const ownerOf = (
  streamName: string,
  schoolIds: ReadonlyArray<string>,
): { schoolId: string; rest: string } | undefined => {
  const kind = streamKindOf(streamName);
  if (kind === undefined) return undefined;
  const rest = streamName.slice(STREAM_PREFIXES[kind].length);
  if (kind === 'school') return { schoolId: rest, rest: '' };
  const owner = schoolIds.filter((id) => rest.startsWith(`${id}-`)).sort((a, b) => b.length - a.length)[0];
  return owner === undefined ? undefined : { schoolId: owner, rest: rest.slice(owner.length + 1) };
};

/** The streams a seal digest covers (docs/audit.md): the domain's `sealCoverage`. */
export const isSealedBy = isCoveredBySeal;

/** Each stream's events in the order the log holds them. */
export const byStream = <T extends { readonly record: RecordedEvent }>(
  entries: ReadonlyArray<T>,
): ReadonlyMap<string, ReadonlyArray<T>> => {
  const streams = new Map<string, T[]>();
  for (const entry of entries) {
    const stream = streams.get(entry.record.streamName);
    if (stream) stream.push(entry);
    else streams.set(entry.record.streamName, [entry]);
  }
  return streams;
};
