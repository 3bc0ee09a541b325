import type { Draft } from 'immer';
import {
  evolvePortfolio,
  evolveSchool,
  initialPortfolioState,
  initialSchoolState,
  type PortfolioState,
  type SchoolState,
} from '@licheng/domain';
import { STREAM_PREFIXES } from '@licheng/eventstore';
import type { ProjectedEvent } from './envelope';
import type { Projection } from './projection';

export interface SchoolRecords {
  readonly policy: SchoolState;
  /** Each student's portfolio, folded by the domain's own `evolve`: reports read what deciders read. */
  readonly portfolios: Readonly<Record<string, PortfolioState>>;
}

/** Everything the reports are computed from, for every school in the log. */
export interface ReportsView {
  readonly schools: Readonly<Record<string, SchoolRecords>>;
}

/** `portfolio-{schoolId}-{studentId}`: a school id has no '-' (SchoolId), so the first '-' ends it. */
const portfolioOwner = (view: Draft<ReportsView>, streamName: string): { schoolId: string; studentId: string } | undefined => {
  const rest = streamName.slice(STREAM_PREFIXES.portfolio.length);
  const dash = rest.indexOf('-');
  const schoolId = rest.slice(0, dash);
  return dash > 0 && view.schools[schoolId] ? { schoolId, studentId: rest.slice(dash + 1) } : undefined;
};

/**
 * A new entry added inside a recipe is not drafted by immer, so it must be a mutable copy: the domain's
 * initial states are shared constants.
 */
const fresh = <T>(initial: T): Draft<T> => structuredClone(initial) as Draft<T>;

export const reportsProjection: Projection<ReportsView> = {
  name: 'reports',
  initialView: { schools: {} },
  apply: (view, envelope: ProjectedEvent) => {
    switch (envelope.stream) {
      case 'school': {
        const schoolId = envelope.streamName.slice(STREAM_PREFIXES.school.length);
        const school = (view.schools[schoolId] ??= { policy: fresh(initialSchoolState), portfolios: {} });
        evolveSchool(school.policy, envelope.event);
        return;
      }
      case 'portfolio': {
        const owner = portfolioOwner(view, envelope.streamName);
        // A portfolio command needs its school registered first, so an unknown owner is a foreign stream.
        if (!owner) throw new Error(`no registered school owns ${envelope.streamName}`);
        const portfolios = view.schools[owner.schoolId]!.portfolios;
        evolvePortfolio((portfolios[owner.studentId] ??= fresh(initialPortfolioState)), envelope.event);
        return;
      }
      case 'submission':
        return;
    }
  },
};
