import type { EventDocs } from '../../shared/eventDoc';
import type { PortfolioCommandType } from '../commands';
import type { APPLICATION_EVENTS } from './events';

/** Application events: what each records, the rules behind it, the commands that record it (docs/events.md). */
export const APPLICATION_EVENT_DOCS: EventDocs<typeof APPLICATION_EVENTS, PortfolioCommandType> = {
  ApplicationItemsPicked: {
    meaning:
      'The items picked for one department applied to (申請入學); a later pick for the same department replaces it.',
    rules: ['R-APP-1'],
    commands: ['PickApplicationItems'],
  },
};
