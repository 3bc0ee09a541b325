import type { Draft } from 'immer';
import { evolveSchool, initialSchoolState, parseSubmissionStreamName, type PortfolioEvent, type SchoolState } from '@licheng/domain';
import { STREAM_PREFIXES } from '@licheng/eventstore';
import type { ProjectedEvent } from './envelope';
import { evolveSubmissionLog, type SubmissionEntry, type SubmissionLog } from './submissionLog';

/**
 * The school and student of `portfolio-{schoolId}-{studentId}`: a school id has no '-' (SchoolId), so the
 * first '-' ends it. Undefined for a name without a school part.
 */
export const portfolioOwnerOf = (streamName: string): { readonly schoolId: string; readonly studentId: string } | undefined => {
  const rest = streamName.slice(STREAM_PREFIXES.portfolio.length);
  const dash = rest.indexOf('-');
  return dash > 0 ? { schoolId: rest.slice(0, dash), studentId: rest.slice(dash + 1) } : undefined;
};

/** The school id of `school-{schoolId}`. */
export const schoolIdOf = (streamName: string): string => streamName.slice(STREAM_PREFIXES.school.length);

/**
 * A new entry added inside a recipe is not drafted by immer, so it must be a mutable copy: the domain's
 * initial states are shared constants.
 */
export const fresh = <T>(initial: T): Draft<T> => structuredClone(initial) as Draft<T>;

/** A view of schools, each with its policy and its students' portfolios of some shape. */
export interface SchoolsView<Portfolio> {
  readonly schools: Readonly<Record<string, SchoolOf<Portfolio>>>;
}

/** A school's records in a view: its policy, its students' portfolios and its submission attempts (R-REP-7). */
export interface SchoolOf<Portfolio> {
  readonly policy: SchoolState;
  readonly portfolios: Readonly<Record<string, Portfolio>>;
  /** Absent from views stored before submissions were folded; read it through `submissionsOf`. */
  readonly submissions?: SubmissionLog;
}

/** The school's submission attempts; none in a view stored before they were folded. */
export const submissionsOf = (school: { readonly submissions?: SubmissionLog }): SubmissionLog => school.submissions ?? [];

/**
 * The reports' routing, whatever a portfolio holds: a school event folds its school's policy, a portfolio
 * event the student's portfolio (begun by `newPortfolio`) in a school already registered, a submission event
 * the school's submission log (R-REP-7).
 */
export const applyToSchools =
  <Portfolio extends object>(newPortfolio: () => Portfolio, evolvePortfolio: (portfolio: Draft<Portfolio>, event: PortfolioEvent) => void) =>
  (view: Draft<SchoolsView<Portfolio>>, envelope: ProjectedEvent): void => {
    // Immer's Draft of a generic portfolio does not resolve; inside, a portfolio is only handed to `evolvePortfolio`.
    const schools = view.schools as Record<string, { policy: Draft<SchoolState>; portfolios: Record<string, unknown>; submissions?: SubmissionEntry[] }>;
    switch (envelope.stream) {
      case 'school': {
        const school = (schools[schoolIdOf(envelope.streamName)] ??= { policy: fresh(initialSchoolState), portfolios: {} });
        evolveSchool(school.policy, envelope.event);
        return;
      }
      case 'portfolio': {
        const owner = portfolioOwnerOf(envelope.streamName);
        const school = owner && schools[owner.schoolId];
        // A portfolio command needs its school registered first, so an unknown owner is a foreign stream.
        if (!owner || !school) throw new Error(`no registered school owns ${envelope.streamName}`);
        evolvePortfolio((school.portfolios[owner.studentId] ??= newPortfolio()) as Draft<Portfolio>, envelope.event);
        return;
      }
      case 'submission': {
        const schoolId = parseSubmissionStreamName(envelope.streamName)?.schoolId;
        const school = schoolId === undefined ? undefined : schools[schoolId];
        // A submission needs its school registered first, as a portfolio command does.
        if (!school) throw new Error(`no registered school owns ${envelope.streamName}`);
        evolveSubmissionLog((school.submissions ??= []) as Draft<SubmissionEntry[]>, envelope);
        return;
      }
    }
  };
