import type { RuleId } from './shared/rules';
import type { EventDoc as EventDocOf } from './shared/eventDoc';
import type { PortfolioCommandType } from './portfolio/commands';
import type { PortfolioEventType } from './portfolio/events';
import { APPLICATION_EVENT_DOCS } from './portfolio/applications/events.docs';
import { OUTCOME_EVENT_DOCS } from './portfolio/outcomes/events.docs';
import { PERFORMANCE_EVENT_DOCS } from './portfolio/performances/events.docs';
import { PLAN_EVENT_DOCS } from './portfolio/plans/events.docs';
import { RECEIPT_EVENT_DOCS } from './portfolio/receipts/events.docs';
import { SELECTION_EVENT_DOCS } from './portfolio/selection/events.docs';
import type { SchoolCommandType } from './school/commands';
import type { SchoolEventType } from './school/events';
import { SCHOOL_EVENT_DOCS } from './school/events.docs';
import type { SubmissionCommandType } from './submission/commands';
import type { SubmissionEvent } from './submission/events';
import { SUBMISSION_EVENT_DOCS } from './submission/events.docs';

/**
 * The event catalogue's prose, gathered: each aggregate writes what its events mean beside their codecs
 * (`events.docs.ts`), and the docs build (packages/docs) renders docs/events.md from these and the codecs.
 */

export type EventType = SchoolEventType | PortfolioEventType | SubmissionEvent['type'];
type CommandType = SchoolCommandType | PortfolioCommandType | SubmissionCommandType;

export type EventDoc = EventDocOf<CommandType>;

export const EVENT_DOCS: Readonly<Record<EventType, EventDoc>> = {
  ...SCHOOL_EVENT_DOCS,
  ...OUTCOME_EVENT_DOCS,
  ...PERFORMANCE_EVENT_DOCS,
  ...SELECTION_EVENT_DOCS,
  ...RECEIPT_EVENT_DOCS,
  ...PLAN_EVENT_DOCS,
  ...APPLICATION_EVENT_DOCS,
  ...SUBMISSION_EVENT_DOCS,
};

/** The rules behind each event type. */
export const EVENT_RULES: Readonly<Record<EventType, ReadonlyArray<RuleId>>> = Object.fromEntries(
  Object.entries(EVENT_DOCS).map(([type, doc]) => [type, doc.rules]),
) as Record<EventType, ReadonlyArray<RuleId>>;
