import type { FileMeta } from '../shared/files';
import type { SchoolYear } from '../shared/term';
import type { PerformanceDetails } from './performances/details';

/** R-OUT-6, R-OUT-8: draft until sent; pending (待認證) until a teacher passes or fails it. */
export type OutcomeStatus = 'draft' | 'pending' | 'passed' | 'failed';

export interface OutcomeState {
  readonly outcomeId: string;
  readonly courseId: string;
  readonly term: string;
  readonly schoolYear: SchoolYear;
  readonly subject: string;
  readonly description: string;
  readonly document?: FileMeta;
  readonly media?: FileMeta;
  readonly status: OutcomeStatus;
  readonly certifiedBy?: string;
  readonly certificationReason?: string;
  /** Selected for submission in its school year (R-SEL-1). */
  readonly selected: boolean;
}

export interface PerformanceState {
  readonly performanceId: string;
  readonly schoolYear: SchoolYear;
  readonly semester: number;
  readonly details: PerformanceDetails;
  readonly startDate: string;
  readonly endDate: string;
  readonly hours?: number;
  readonly description: string;
  readonly document?: FileMeta;
  readonly media?: FileMeta;
  readonly externalLink?: string;
  /** R-PERF-6: synced from the school's cadre records; the student cannot delete it. */
  readonly synced: boolean;
  readonly selected: boolean;
  /** R-PERF-8: once submitted to the central database it can no longer be edited or deleted. */
  readonly submitted: boolean;
}

/** One student's whole time at one school, folded from `portfolio-{schoolId}-{studentId}`. */
export interface PortfolioState {
  readonly studentId: string | null;
  readonly outcomes: Readonly<Record<string, OutcomeState>>;
  readonly performances: Readonly<Record<string, PerformanceState>>;
  /** Ids of deleted items: never reused, so an audit trail cannot confuse two items. */
  readonly retiredIds: Readonly<Record<string, true>>;
  /** R-FILE-3: bytes of every file attached to a live item. */
  readonly storageBytes: number;
}

export const initialPortfolioState: PortfolioState = {
  studentId: null,
  outcomes: {},
  performances: {},
  retiredIds: {},
  storageBytes: 0,
};

export const portfolioStreamName = (schoolId: string, studentId: string): string => `portfolio-${schoolId}-${studentId}`;
