import type { Draft } from 'immer';
import {
  evolveSchool,
  parseSubmissionStreamName,
  portfolioOwnerOf,
  schoolDecider,
  schoolIdOfSchoolStream as schoolIdOf,
  type PortfolioEvent,
  type SchoolState,
} from '@licheng/domain';
import type { ProjectedEvent } from './envelope';
import { evolveSubmissionLog, type SubmissionEntry, type SubmissionLog } from './submissionLog';

/** Stream names are read by the domain's streams module; kept here under the names this package used. */
export { portfolioOwnerOf, schoolIdOfSchoolStream as schoolIdOf } from '@licheng/domain';

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
export const submissionsOf = (school: { readonly submissions?: SubmissionLog }): SubmissionLog =>
  school.submissions ?? [];

/**
 * The reports' routing, whatever a portfolio holds: a school event folds its school's policy, a portfolio
 * event the student's portfolio (begun by `newPortfolio`) in a school already registered, a submission event
 * the school's submission log (R-REP-7).
 */
export const applyToSchools =
  <Portfolio extends object>(
    newPortfolio: () => Portfolio,
    evolvePortfolio: (portfolio: Draft<Portfolio>, event: PortfolioEvent) => void,
  ) =>
  (view: Draft<SchoolsView<Portfolio>>, envelope: ProjectedEvent): void => {
    // Immer's Draft of a generic portfolio does not resolve; inside, a portfolio is only handed to `evolvePortfolio`.
    const schools = view.schools as Record<
      string,
      { policy: Draft<SchoolState>; portfolios: Record<string, unknown>; submissions?: SubmissionEntry[] }
    >;
    switch (envelope.stream) {
      case 'school': {
        const school = (schools[schoolIdOf(envelope.streamName)] ??= {
          policy: schoolDecider.initialState() as Draft<SchoolState>,
          portfolios: {},
        });
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
