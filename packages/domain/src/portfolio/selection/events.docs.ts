import type { EventDocs } from '../../shared/eventDoc';
import type { PortfolioCommandType } from '../commands';
import type { SELECTION_EVENTS } from './events';

/** Selection events: what each records, the rules behind it, the commands that record it (docs/events.md). */
export const SELECTION_EVENT_DOCS: EventDocs<typeof SELECTION_EVENTS, PortfolioCommandType> = {
  CourseOutcomeSelected: {
    meaning: "A passed outcome selected (勾選) for the school's submission of its school year.",
    rules: ['R-SEL-1', 'R-SEL-2', 'R-OUT-11'],
    commands: ['SelectCourseOutcome'],
  },
  CourseOutcomeDeselected: {
    meaning: 'An outcome taken out of the selection while the selection window is open.',
    rules: ['R-SEL-2'],
    commands: ['DeselectCourseOutcome'],
  },
  PerformanceSelected: {
    meaning: "A performance selected for the school's submission of its school year.",
    rules: ['R-SEL-1', 'R-SEL-2', 'R-PERF-6'],
    commands: ['SelectPerformance'],
  },
  PerformanceDeselected: {
    meaning: 'A performance taken out of the selection while the selection window is open.',
    rules: ['R-SEL-2'],
    commands: ['DeselectPerformance'],
  },
};
