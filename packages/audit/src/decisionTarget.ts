import {
  portfolioStreamName,
  schoolStreamName,
  submissionStreamName,
  type DomainError,
  type PortfolioState,
  type RoutedCommand,
  type SchoolState,
  type Tagged,
} from '@licheng/domain';
import { schoolNotRegistered } from '@licheng/domain/internal';
import { portfolioAggregate, schoolAggregate, submissionAggregate, type Aggregate } from '@licheng/eventstore';
import * as E from 'fp-ts/Either';
import type { LogEntry } from './log';
import type { StreamKind } from './streams';

// One shape for the three aggregates: the audit only decides, folds and stores what they give it.
export type AnyAggregate = Aggregate<Tagged, Tagged, unknown, unknown>;
export const AGGREGATES: Readonly<Record<StreamKind, AnyAggregate>> = {
  school: schoolAggregate as unknown as AnyAggregate,
  portfolio: portfolioAggregate as unknown as AnyAggregate,
  submission: submissionAggregate as unknown as AnyAggregate,
};

/** One stream as the audit walks it: its entries in log order, how many the walk has met, and its state. */
export interface StreamWalk {
  readonly entries: ReadonlyArray<LogEntry>;
  /** Entries of the stream met so far in the log. */
  met: number;
  /** Where the last command's run of events ends: entries before it were judged with their command. */
  judgedTo: number;
  /** The audit's own state of the stream, folded in place; undefined until its first command. */
  state: unknown;
}

/**
 * R-SUB-4 / R-SEAL-3: the portfolios a roster lists, as they stand at this point of the log (every event
 * before it folded), as the service loads them before deciding.
 */
const portfoliosAt = (
  routed: RoutedCommand,
  walks: ReadonlyMap<string, StreamWalk>,
): Record<string, PortfolioState> => {
  const portfolios: Record<string, PortfolioState> = {};
  if (routed.aggregate !== 'submission' || routed.command.type !== 'SubmitRoster') return portfolios;
  const { schoolId, roster } = routed.command.data;
  for (const { studentId } of roster) {
    const state = walks.get(portfolioStreamName(schoolId, studentId))?.state;
    if (state !== undefined) portfolios[studentId] = state as PortfolioState;
  }
  return portfolios;
};

/** Where the routed command writes, and the context its decider needs at that point of the log. */
export const targetOf = (
  routed: RoutedCommand,
  policies: ReadonlyMap<string, SchoolState>,
  walks: ReadonlyMap<string, StreamWalk>,
) => {
  const { now, actor } = routed.meta;
  switch (routed.aggregate) {
    case 'school':
      return { streamName: schoolStreamName(routed.command.data.schoolId), context: E.right({ now, actor }) };
    case 'portfolio':
    case 'submission': {
      const data = routed.command.data as {
        schoolId: string;
        studentId?: string;
        category?: string;
        period?: string;
        cohorts?: ReadonlyArray<number>;
      };
      const streamName =
        routed.aggregate === 'portfolio'
          ? portfolioStreamName(data.schoolId, data.studentId!)
          : submissionStreamName(data.schoolId, data.category!, data.period!, data.cohorts);
      const policy = policies.get(data.schoolId);
      // As the service does: a command for a school not yet registered is refused.
      const context: E.Either<DomainError, unknown> =
        policy && policy.schoolId !== null
          ? E.right({
              now,
              actor,
              policy,
              ...(routed.aggregate === 'submission' ? { portfolios: portfoliosAt(routed, walks) } : {}),
            })
          : E.left(schoolNotRegistered(data.schoolId));
      return { streamName, context };
    }
  }
};
