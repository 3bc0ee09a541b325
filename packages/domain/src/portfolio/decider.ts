import type { DomainRefusal } from '../errorCodes';
import type { Decider } from '../shared/decider';
import { bindActorToSchool } from '../shared/schoolBinding';
import type { PortfolioCommand } from './commands';
import type { PortfolioContext } from './context';
import { decidePortfolio } from './decide';
import type { PortfolioEvent } from './events';
import { evolvePortfolio } from './evolve';
import { newPortfolioState, type PortfolioState } from './state';

export const portfolioDecider: Decider<
  PortfolioCommand,
  PortfolioEvent,
  PortfolioState,
  PortfolioContext,
  DomainRefusal
> = {
  initialState: newPortfolioState,
  decide: bindActorToSchool(decidePortfolio),
  evolve: evolvePortfolio,
};
