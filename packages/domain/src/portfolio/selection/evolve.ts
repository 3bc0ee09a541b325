import type { Draft } from 'immer';
import type { PortfolioEvent } from '../events';
import type { PortfolioState } from '../state';
import { unknownEventIgnored } from '../../shared/exhaustive';

type SelectionEvent = Extract<
  PortfolioEvent,
  { type: 'CourseOutcomeSelected' | 'CourseOutcomeDeselected' | 'PerformanceSelected' | 'PerformanceDeselected' }
>;

export const evolveSelection = (state: Draft<PortfolioState>, event: SelectionEvent): void => {
  switch (event.type) {
    case 'CourseOutcomeSelected':
    case 'CourseOutcomeDeselected': {
      const outcome = state.outcomes[event.data.outcomeId];
      if (outcome) outcome.selected = event.type === 'CourseOutcomeSelected';
      return;
    }
    case 'PerformanceSelected':
    case 'PerformanceDeselected': {
      const performance = state.performances[event.data.performanceId];
      if (performance) performance.selected = event.type === 'PerformanceSelected';
      return;
    }
    default:
      return unknownEventIgnored(event);
  }
};
