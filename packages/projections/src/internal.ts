// `@licheng/projections/internal`: helpers the other @licheng packages share with the projections (the
// PostgreSQL read model rebuilds the class confirmation report from its tables; the export draws the progress
// chart) but that are not part of the public surface (see './index'). They may change in any release.

export { receiptStatusOf, summariseConfirmation } from './reports/confirmation';
export { applicableOf, confirmedOf } from './reports/progress';
export { schoolOf, yearOf } from './reports/roster';
