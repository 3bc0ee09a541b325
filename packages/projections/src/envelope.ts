import * as E from 'fp-ts/Either';
import type { DomainError, PortfolioEvent, SchoolEvent, SubmissionEvent } from '@licheng/domain';
import { domainError } from '@licheng/domain/internal';
import { STREAM_PREFIXES } from '@licheng/domain';
import {
  portfolioAggregate,
  schoolAggregate,
  submissionAggregate,
  type Envelope,
  type RecordedEvent,
} from '@licheng/eventstore';

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

/**
 * The envelope the serializer just built, tagged with its stream's kind. The serializer builds a new envelope
 * for each decode and hands it over, so it is tagged where it is rather than copied: every event of a rebuild
 * passes through here.
 */
const tagged = <Kind extends ProjectedEvent['stream'], Event>(
  stream: Kind,
  decoded: E.Either<DomainError, Envelope<Event>>,
) => (E.isLeft(decoded) ? decoded : E.right(Object.assign(decoded.right, { stream })));

/** Decodes (and upcasts) any of the library's stored events, choosing the codec by stream prefix. */
export const decodeRecorded = (recorded: RecordedEvent): E.Either<DomainError, ProjectedEvent> => {
  const name = recorded.streamName;
  if (name.startsWith(STREAM_PREFIXES.portfolio))
    return tagged('portfolio', portfolioAggregate.serializer.decode(recorded));
  if (name.startsWith(STREAM_PREFIXES.school)) return tagged('school', schoolAggregate.serializer.decode(recorded));
  if (name.startsWith(STREAM_PREFIXES.submission))
    return tagged('submission', submissionAggregate.serializer.decode(recorded));
  return E.left(unknownStream(recorded));
};
