import {
  evolvePortfolio,
  evolveSchool,
  initialPortfolioState,
  initialSchoolState,
  type PortfolioState,
  type SchoolState,
} from '@licheng/domain';
import type { ProjectedEvent } from './envelope';
import type { Projection } from './projection';
import { fresh, portfolioOwnerOf, schoolIdOf } from './streams';

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
  apply: (view, envelope: ProjectedEvent) => {
    switch (envelope.stream) {
      case 'school': {
        const school = (view.schools[schoolIdOf(envelope.streamName)] ??= { policy: fresh(initialSchoolState), portfolios: {} });
        evolveSchool(school.policy, envelope.event);
        return;
      }
      case 'portfolio': {
        const owner = portfolioOwnerOf(envelope.streamName);
        const school = owner && view.schools[owner.schoolId];
        // A portfolio command needs its school registered first, so an unknown owner is a foreign stream.
        if (!owner || !school) throw new Error(`no registered school owns ${envelope.streamName}`);
        evolvePortfolio((school.portfolios[owner.studentId] ??= fresh(initialPortfolioState)), envelope.event);
        return;
      }
      case 'submission':
        return;
    }
  },
};
