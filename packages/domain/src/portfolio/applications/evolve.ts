import type { Draft } from 'immer';
import type { PortfolioEvent } from '../events';
import type { PortfolioState } from '../state';

export const evolveApplication = (
  state: Draft<PortfolioState>,
  event: Extract<PortfolioEvent, { type: 'ApplicationItemsPicked' }>,
): void => {
  state.applications[event.data.departmentId] = {
    outcomeIds: event.data.outcomeIds,
    performanceIds: event.data.performanceIds,
  };
};
