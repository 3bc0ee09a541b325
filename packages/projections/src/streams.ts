import type { Draft } from 'immer';
import { evolveSchool, portfolioOwnerOf, schoolDecider, schoolIdOfSchoolStream as schoolIdOf, type PortfolioEvent, type SchoolState } from '@licheng/domain';
import type { ProjectedEvent } from './envelope';

/** Stream names are read by the domain's streams module; kept here under the names this package used. */
export { portfolioOwnerOf, schoolIdOfSchoolStream as schoolIdOf } from '@licheng/domain';

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
