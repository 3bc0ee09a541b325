import {
  foldEvents,
  initialPortfolioState,
  portfolioDecider,
  portfolioStreamName,
  type DomainError,
  type PortfolioState,
  type TaipeiInstant,
} from '@licheng/domain';
import { domainError } from '@licheng/domain/internal';
import { applyEvents, reportsProjection, type ProjectedEvent, type ReportsView } from '@licheng/projections';
import * as E from 'fp-ts/Either';

/**
 * A point of the log: every event that had occurred by an instant (its `occurredAt` at or before it,
 * R-TIME-2 minutes), or every event up to a global position; in global order either way.
 */
export type Cut = { readonly at: TaipeiInstant } | { readonly position: number };

export const isBefore = (event: ProjectedEvent, cut: Cut | undefined): boolean =>
  cut === undefined || ('at' in cut ? event.metadata.occurredAt <= cut.at : event.position <= cut.position);

export const eventsAsOf = (events: ReadonlyArray<ProjectedEvent>, cut?: Cut): ReadonlyArray<ProjectedEvent> =>
  cut === undefined ? events : events.filter((event) => isBefore(event, cut));

/** What every report of @licheng/projections is computed from, as it stood at the cut. */
export const reportsViewAsOf = (
  events: ReadonlyArray<ProjectedEvent>,
  cut?: Cut,
): E.Either<DomainError, ReportsView> => {
  try {
    return E.right(applyEvents(reportsProjection, reportsProjection.initialView, eventsAsOf(events, cut)));
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return E.left(
      domainError(
        'PROJECTION_FAILED',
        null,
        `報表無法由事件紀錄產生：${reason}`,
        `the reports cannot be built from the log: ${reason}`,
        { reason },
      ),
    );
  }
};

/** One student's portfolio at one school, folded by the domain's own `evolve`, as it stood at the cut. */
export const portfolioAsOf = (
  events: ReadonlyArray<ProjectedEvent>,
  schoolId: string,
  studentId: string,
  cut?: Cut,
): PortfolioState => {
  const streamName = portfolioStreamName(schoolId, studentId);
  const mine = eventsAsOf(events, cut).flatMap((e) =>
    e.stream === 'portfolio' && e.streamName === streamName ? [e.event] : [],
  );
  return foldEvents(portfolioDecider.evolve, initialPortfolioState, mine);
};
