import {
  evolvePortfolio,
  portfolioDecider,
  type OutcomeStatus,
  type PortfolioState,
  type ReceiptAnswer,
} from '@licheng/domain';
import type { Projection } from './projection';
import { applyToSchools, type SchoolOf, type SchoolsView } from './streams';

/** What the reports read of an outcome (R-REP-2..5, R-NOTE-1): no description, no files, no certification reason. */
export interface ReportOutcome {
  readonly outcomeId: string;
  readonly courseId: string;
  readonly term: string;
  readonly schoolYear: number;
  readonly subject: string;
  readonly status: OutcomeStatus;
  readonly certifiedBy?: string;
  readonly selected: boolean;
}

/** What the reports read of a performance (R-REP-4, R-REP-5). */
export interface ReportPerformance {
  readonly schoolYear: number;
  readonly semester: number;
  readonly selected: boolean;
}

/** What the reports read of a receipt (R-REP-1): whether any item was received (R-REC-1), and the answers. */
export interface ReportReceipt {
  readonly items: ReadonlyArray<unknown>;
  readonly answer: ReceiptAnswer | null;
  readonly recheckAnswer: ReceiptAnswer | null;
}

/**
 * The narrow portfolio every report is typed against (issue 21, item 5): the domain's `PortfolioState` and the
 * compact view's portfolio both satisfy it, so the compiler checks that each holds what the reports read.
 */
export interface ReportPortfolio {
  readonly outcomes: Readonly<Record<string, ReportOutcome>>;
  readonly performances: Readonly<Record<string, ReportPerformance>>;
  readonly receipts: Readonly<Record<string, ReportReceipt>>;
}

/** What every report function reads: per school the policy, the narrow portfolios and the submission log. */
export type ReportsSource = SchoolsView<ReportPortfolio>;

export type SchoolRecords = SchoolOf<PortfolioState>;

/**
 * Everything the reports are computed from, for every school in the log, each portfolio in full (the drill-down reads
 * it whole).
 */
export type ReportsView = SchoolsView<PortfolioState>;

export const reportsProjection: Projection<ReportsView> = {
  name: 'reports',
  initialView: { schools: {} },
  apply: applyToSchools<PortfolioState>(portfolioDecider.initialState, evolvePortfolio),
};
