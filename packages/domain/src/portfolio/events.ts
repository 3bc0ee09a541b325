import * as t from 'io-ts';
import { codecsByType } from '../shared/codecs';
import { OUTCOME_EVENTS } from './outcomes/events';
import { PERFORMANCE_EVENTS } from './performances/events';
import { SELECTION_EVENTS } from './selection/events';
import { RECEIPT_EVENTS } from './receipts/events';
import { PLAN_EVENTS } from './plans/events';
import { APPLICATION_EVENTS } from './applications/events';

export * from './outcomes/events';
export * from './performances/events';
export * from './selection/events';
export * from './receipts/events';
export * from './plans/events';
export * from './applications/events';

export const PortfolioEvent = t.union(
  [
    ...OUTCOME_EVENTS,
    ...PERFORMANCE_EVENTS,
    ...SELECTION_EVENTS,
    ...RECEIPT_EVENTS,
    ...PLAN_EVENTS,
    ...APPLICATION_EVENTS,
  ],
  'PortfolioEvent',
);
export type PortfolioEvent = t.TypeOf<typeof PortfolioEvent>;
export type PortfolioEventType = PortfolioEvent['type'];

export const PORTFOLIO_EVENT_CODECS = codecsByType<PortfolioEvent>(PortfolioEvent.types);
