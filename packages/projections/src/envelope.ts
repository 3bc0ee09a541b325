import * as E from 'fp-ts/Either';
import type { DomainError, PortfolioEvent, SchoolEvent, SubmissionEvent } from '@licheng/domain';
import { domainError } from '@licheng/domain';
import { portfolioAggregate, schoolAggregate, STREAM_PREFIXES, submissionAggregate, type Envelope, type RecordedEvent } from '@licheng/eventstore';

/** A stored event decoded for a projection, tagged with the kind of stream it came from. */
export type ProjectedEvent =
  | (Envelope<SchoolEvent> & { readonly stream: 'school' })
  | (Envelope<PortfolioEvent> & { readonly stream: 'portfolio' })
  | (Envelope<SubmissionEvent> & { readonly stream: 'submission' });

const unknownStream = (recorded: RecordedEvent): DomainError =>
  domainError(
    'STORED_EVENT_INVALID',
    null,
    `串流 ${recorded.streamName} 第 ${recorded.revision} 筆事件不屬於任何已知的串流種類`,
    `Event ${recorded.revision} of stream ${recorded.streamName} belongs to no known kind of stream`,
    { streamName: recorded.streamName, revision: recorded.revision, type: recorded.type },
  );

/** Decodes (and upcasts) any of the library's stored events, choosing the codec by stream prefix. */
export const decodeRecorded = (recorded: RecordedEvent): E.Either<DomainError, ProjectedEvent> => {
  const name = recorded.streamName;
  if (name.startsWith(STREAM_PREFIXES.portfolio)) {
    return E.map((e: Envelope<PortfolioEvent>) => ({ ...e, stream: 'portfolio' as const }))(portfolioAggregate.serializer.decode(recorded));
  }
  if (name.startsWith(STREAM_PREFIXES.school)) {
    return E.map((e: Envelope<SchoolEvent>) => ({ ...e, stream: 'school' as const }))(schoolAggregate.serializer.decode(recorded));
  }
  if (name.startsWith(STREAM_PREFIXES.submission)) {
    return E.map((e: Envelope<SubmissionEvent>) => ({ ...e, stream: 'submission' as const }))(submissionAggregate.serializer.decode(recorded));
  }
  return E.left(unknownStream(recorded));
};
