import {
  evolvePortfolio,
  portfolioDecider,
  type PortfolioState,
  type SchoolState,
} from '@licheng/domain';
import type { Projection } from './projection';
import { applyToSchools } from './streams';

export interface SchoolRecords {
  readonly policy: SchoolState;
  /** Each student's portfolio, folded by the domain's own `evolve`: reports read what deciders read. */
  readonly portfolios: Readonly<Record<string, PortfolioState>>;
}

/** Everything the reports are computed from, for every school in the log. */
export interface ReportsView {
  readonly schools: Readonly<Record<string, SchoolRecords>>;
}

export const reportsProjection: Projection<ReportsView> = {
  name: 'reports',
  initialView: { schools: {} },
  apply: applyToSchools<PortfolioState>(portfolioDecider.initialState, evolvePortfolio),
};
