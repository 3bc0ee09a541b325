import {
  PORTFOLIO_EVENT_CODECS,
  portfolioDecider,
  SCHOOL_EVENT_CODECS,
  schoolDecider,
  SUBMISSION_EVENT_CODECS,
  submissionDecider,
  type PortfolioCommand,
  type PortfolioContext,
  type PortfolioEvent,
  type PortfolioState,
  type SchoolCommand,
  type SchoolContext,
  type SchoolEvent,
  type SchoolState,
  type SubmissionCommand,
  type SubmissionContext,
  type SubmissionEvent,
  type SubmissionState,
} from '@licheng/domain';
import type { Aggregate } from './loadStream';
import { createEventSerializer, type Upcaster } from './serializer';

/**
 * PeriodSealed v1 (before seal digests) had no `digest`: it becomes v2 with `digest: null`, which says
 * "sealed without a digest", never "digest lost". Anything but an object is left for the codec to refuse.
 */
const periodSealedV1ToV2: Upcaster = (data) =>
  typeof data === 'object' && data !== null && !Array.isArray(data) ? { ...data, digest: null } : data;

/**
 * ReceiptStatementIssued v1 (before R-REC-7) held items as `{ itemId, title }`: each becomes a v2 item with
 * `details: null`, "issued without its fields", never invented ones (an item that has them keeps them).
 */
const statementV1ToV2: Upcaster = (data) => {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  const items = (data as { items?: unknown }).items;
  if (!Array.isArray(items)) return data;
  return {
    ...data,
    items: items.map((item: unknown) =>
      typeof item === 'object' && item !== null && !Array.isArray(item) ? { details: null, ...item } : item,
    ),
  };
};

/**
 * CourseOpened v1 was decided when a co-taught course's teachers could certify only once marked 審核=是
 * (before issue 15). v2 starts them all at 是 unless `reviewers: 'marked'`: a v1 event is upcast with it, so
 * a course opened then keeps the reviewers its administrator marked and stored history keeps its meaning.
 */
const courseOpenedV1ToV2: Upcaster = (data) => {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  const { coTaught, teacherIds } = data as { coTaught?: unknown; teacherIds?: unknown };
  // Only a co-taught course has reviewers; any other reads as it was written (and re-decides equal in the audit).
  const coTaughtThen = coTaught ?? (Array.isArray(teacherIds) && teacherIds.length > 1);
  return coTaughtThen === true ? { ...data, reviewers: 'marked' } : data;
};

/** The library's three kinds of stream, each a decider with the serializer of its events. */
export const schoolAggregate: Aggregate<SchoolCommand, SchoolEvent, SchoolState, SchoolContext> = {
  decider: schoolDecider,
  serializer: createEventSerializer<SchoolEvent>({
    codecs: SCHOOL_EVENT_CODECS,
    versions: { PeriodSealed: 3, CourseOpened: 2 },
    // PeriodSealed v2 → v3 adds only the optional `integrity`: a v2 seal reads as a v3 seal without it.
    upcasters: { PeriodSealed: { 1: periodSealedV1ToV2, 2: (data) => data }, CourseOpened: { 1: courseOpenedV1ToV2 } },
  }),
};

export const portfolioAggregate: Aggregate<PortfolioCommand, PortfolioEvent, PortfolioState, PortfolioContext> = {
  decider: portfolioDecider,
  serializer: createEventSerializer<PortfolioEvent>({
    codecs: PORTFOLIO_EVENT_CODECS,
    versions: { ReceiptStatementIssued: 2 },
    upcasters: { ReceiptStatementIssued: { 1: statementV1ToV2 } },
  }),
};

export const submissionAggregate: Aggregate<SubmissionCommand, SubmissionEvent, SubmissionState, SubmissionContext> = {
  decider: submissionDecider,
  serializer: createEventSerializer<SubmissionEvent>({ codecs: SUBMISSION_EVENT_CODECS }),
};
