import type { Draft } from 'immer';
import { evolveSchool, schoolDecider, type PortfolioEvent, type SchoolState } from '@licheng/domain';
import { STREAM_PREFIXES } from '@licheng/eventstore';
import type { ProjectedEvent } from './envelope';

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

/** A view of schools, each with its policy and its students' portfolios of some shape. */
export interface SchoolsView<Portfolio> {
  readonly schools: Readonly<Record<string, { readonly policy: SchoolState; readonly portfolios: Readonly<Record<string, Portfolio>> }>>;
}

/**
 * The reports' routing, whatever a portfolio holds: a school event folds its school's policy, a portfolio
 * event the student's portfolio (begun by `newPortfolio`) in a school already registered, a submission event
 * nothing the reports read.
 */
export const applyToSchools =
  <Portfolio extends object>(newPortfolio: () => Portfolio, evolvePortfolio: (portfolio: Draft<Portfolio>, event: PortfolioEvent) => void) =>
  (view: Draft<SchoolsView<Portfolio>>, envelope: ProjectedEvent): void => {
    // Immer's Draft of a generic portfolio does not resolve; inside, a portfolio is only handed to `evolvePortfolio`.
    const schools = view.schools as Record<string, { policy: Draft<SchoolState>; portfolios: Record<string, unknown> }>;
    switch (envelope.stream) {
      case 'school': {
        const school = (schools[schoolIdOf(envelope.streamName)] ??= { policy: schoolDecider.initialState() as Draft<SchoolState>, portfolios: {} });
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
      case 'submission':
        return;
    }
  };
