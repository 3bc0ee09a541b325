export {
  asReportsView,
  compactPortfolioOf,
  compactReportsProjection,
  evolveCompactPortfolio,
  type CompactOutcome,
  type CompactPerformance,
  type CompactPortfolio,
  type CompactReceipt,
  type CompactReportsView,
} from './view';
export { rebuildFromLog, type LogRebuildOptions } from './rebuild';
export { lineBatches, lineSplitter, type LineSplitter } from './lines';
