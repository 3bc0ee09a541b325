import { STREAM_PREFIXES, type RecordedEvent } from '@licheng/eventstore';

export type StreamKind = 'school' | 'portfolio' | 'submission';

export const streamKindOf = (streamName: string): StreamKind | undefined => {
  if (streamName.startsWith(STREAM_PREFIXES.school)) return 'school';
  if (streamName.startsWith(STREAM_PREFIXES.portfolio)) return 'portfolio';
  if (streamName.startsWith(STREAM_PREFIXES.submission)) return 'submission';
  return undefined;
};

/** The school ids of a log: every `school-{id}` stream. */
export const schoolIdsOf = (records: Iterable<RecordedEvent>): ReadonlyArray<string> => {
  const ids = new Set<string>();
  for (const record of records) {
    if (streamKindOf(record.streamName) === 'school') ids.add(record.streamName.slice(STREAM_PREFIXES.school.length));
  }
  return [...ids].sort();
};

/**
 * The school a portfolio or submission stream belongs to. A school id may contain '-', so of the known
 * schools whose id is a prefix of the rest of the name, the longest wins (`tp-a` over `tp`).
 */
export const ownerOf = (streamName: string, schoolIds: ReadonlyArray<string>): { schoolId: string; rest: string } | undefined => {
  const kind = streamKindOf(streamName);
  if (kind === undefined) return undefined;
  const rest = streamName.slice(STREAM_PREFIXES[kind].length);
  if (kind === 'school') return { schoolId: rest, rest: '' };
  const owner = schoolIds.filter((id) => rest.startsWith(`${id}-`)).sort((a, b) => b.length - a.length)[0];
  return owner === undefined ? undefined : { schoolId: owner, rest: rest.slice(owner.length + 1) };
};

/**
 * The streams a seal digest covers (docs/audit.md): `school-{id}` and every stream whose name starts with
 * `portfolio-{id}-` or `submission-{id}-`. By name alone, as the deadline runner reads them by prefix.
 */
export const isSealedBy = (streamName: string, schoolId: string): boolean =>
  streamName === `${STREAM_PREFIXES.school}${schoolId}` ||
  streamName.startsWith(`${STREAM_PREFIXES.portfolio}${schoolId}-`) ||
  streamName.startsWith(`${STREAM_PREFIXES.submission}${schoolId}-`);

/** Each stream's events in the order the log holds them. */
export const byStream = <T extends { readonly record: RecordedEvent }>(entries: ReadonlyArray<T>): ReadonlyMap<string, ReadonlyArray<T>> => {
  const streams = new Map<string, T[]>();
  for (const entry of entries) {
    const stream = streams.get(entry.record.streamName);
    if (stream) stream.push(entry);
    else streams.set(entry.record.streamName, [entry]);
  }
  return streams;
};
