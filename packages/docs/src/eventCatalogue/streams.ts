import type * as t from 'io-ts';
import {
  PortfolioEvent,
  portfolioStreamName,
  SchoolEvent,
  schoolStreamName,
  SubmissionEvent,
  submissionStreamName,
} from '@licheng/domain';

/** The three kinds of stream, in the catalogue's order, with what each holds. */
export interface StreamKind {
  readonly title: string;
  readonly streamName: string;
  readonly about: string;
  readonly events: ReadonlyArray<t.Mixed>;
}

export const STREAM_KINDS: ReadonlyArray<StreamKind> = [
  {
    title: 'School stream',
    streamName: schoolStreamName('{schoolId}'),
    about:
      "The school's own facts, stated by the administrator, the city or the school's records system and " +
      "recorded as stated. " +
      'Folded, they are the `SchoolPolicy` the portfolio and submission deciders read. ' +
      "Each command carries the event's fields plus `schoolId`, and is named as the event in the imperative.",
    events: SchoolEvent.types,
  },
  {
    title: 'Portfolio stream',
    streamName: portfolioStreamName('{schoolId}', '{studentId}'),
    about:
      "One student's whole time at one school: course outcomes, performances, selections, receipt statements " +
      "and answers, " +
      'self-directed learning plans and application picks.',
    events: PortfolioEvent.types,
  },
  {
    title: 'Submission stream',
    streamName: `${submissionStreamName('{schoolId}', '{category}', '{period}')}[-{cohorts}]`,
    about:
      "Every attempt (FID) to submit one receipt category's roster for one round of a period to the central " +
      "database, and each attempt's result. " +
      '`category` is a `ReceiptCategory`; `period` is a `Term`, semester 0 for the yearly categories; a ' +
      'cohort round (R-ROUND-1) ' +
      'adds its cohorts joined by `.` (`…-1112-109`, `…-1112-110.111`), the round of every cohort has none ' +
      '(every stream written before rounds).',
    events: SubmissionEvent.types,
  },
];

/** The metadata every stored event carries: field, type, meaning. */
export const ENVELOPE: ReadonlyArray<readonly [string, string, string]> = [
  [
    'eventId',
    'string (UUID)',
    'Stored beside the event, not in its metadata: uuid v5 of `{streamName}/{commandId}/{index}`, so a ' +
    'retried command writes the same ids and the store drops the repeat.',
  ],
  [
    'occurredAt',
    'TaipeiInstant',
    'The `now` of the command that recorded the event (R-TIME-3); the domain reads no clock.',
  ],
  [
    'actor',
    'Actor',
    'Who sent the command. In events recorded before actors were bound to a school, a school member has no ' +
    '`schoolId`; the audit judges them as members of the school their command names.',
  ],
  ['commandId', 'string', 'The id of that command; handling is idempotent by it within a stream.'],
  ['correlationId', 'string', "The chain's id: as given with the command, else the commandId."],
  [
    'causationId',
    'string',
    "What caused the command: as given (the statement process gives the accepted event's id), else the commandId.",
  ],
  [
    'schemaVersion',
    'PositiveInt',
    'The version of the data shape when written; the serializer upcasts older versions on read.',
  ],
  [
    'command',
    '{ type: string; data: unknown }',
    'Optional: the command as accepted, recorded for the audit (docs/audit.md).',
  ],
  ['hash', 'Sha256Hex', "Optional: SHA-256 chaining the event to the stream's previous one (docs/audit.md)."],
  [
    'importedFrom',
    '{ schoolId; streamName; revision; position; eventId; metadata }',
    'Only on events imported with a transfer bundle (R-XFER-1): where the event was first recorded, with its ' +
    'original metadata.',
  ],
];
