import * as E from 'fp-ts/Either';
import { termOf } from '../../shared/term';
import { selectionCapsFor } from '../../school/parameters';
import type { PortfolioCommandOf } from '../commands';
import {
  actingStudent,
  decideOn,
  enrolled,
  onItem,
  present,
  insideWorkPeriod,
  notSealed,
  type Decision,
  type PortfolioContext,
} from '../context';
import { itemErrors, performanceErrors, selectionErrors } from '../errors';
import { selectedCount } from './counts';
import type { PortfolioState } from '../state';

/** R-SEL-1 / R-SEL-2 / R-OUT-11: a passed outcome, inside the year's selection window, under the cap. */
export const selectCourseOutcome = (
  command: PortfolioCommandOf<'SelectCourseOutcome'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision => {
  const { studentId, outcomeId } = command.data;
  const outcome = state.outcomes[outcomeId];
  const schoolYear = outcome?.schoolYear ?? 0;
  const missing = () => itemErrors.notFound('outcome', outcomeId, 'R-SEL-1');
  return decideOn(
    outcome,
    missing,
    [
      actingStudent(context, studentId, command.type),
      enrolled(context, studentId),
      present(outcome, missing),
      insideWorkPeriod(context, termOf(schoolYear, 0), 'outcomeSelection', 'R-SEL-2'),
      notSealed(context, studentId, 'courseOutcomes', termOf(schoolYear, 0)),
      onItem(outcome, (o) => {
        if (o.status === 'passed') return null;
        return o.status === 'pending'
          ? selectionErrors.outcomePending(outcomeId)
          : selectionErrors.outcomeNotPassed(outcomeId, o.status);
      }),
      onItem(outcome, (o) => (o.selected ? selectionErrors.alreadySelected(outcomeId) : null)),
      () => {
        const limit = selectionCapsFor(schoolYear).outcomes;
        const actual = selectedCount(state, 'outcomes', schoolYear);
        return actual < limit ? null : selectionErrors.capReached('outcomes', limit, actual, schoolYear);
      },
    ],
    (item) => E.right([{ type: 'CourseOutcomeSelected', data: { outcomeId, schoolYear: item.schoolYear } }]),
  );
};

export const deselectCourseOutcome = (
  command: PortfolioCommandOf<'DeselectCourseOutcome'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision => {
  const { studentId, outcomeId } = command.data;
  const outcome = state.outcomes[outcomeId];
  const schoolYear = outcome?.schoolYear ?? 0;
  const missing = () => itemErrors.notFound('outcome', outcomeId, 'R-SEL-2');
  return decideOn(
    outcome,
    missing,
    [
      actingStudent(context, studentId, command.type),
      enrolled(context, studentId),
      present(outcome, missing),
      insideWorkPeriod(context, termOf(schoolYear, 0), 'outcomeSelection', 'R-SEL-2'),
      notSealed(context, studentId, 'courseOutcomes', termOf(schoolYear, 0)),
      onItem(outcome, (o) => (o.selected ? null : selectionErrors.notSelected(outcomeId))),
    ],
    (item) => E.right([{ type: 'CourseOutcomeDeselected', data: { outcomeId, schoolYear: item.schoolYear } }]),
  );
};

/** R-SEL-1 / R-SEL-2 / R-PERF-6: a performance of that year, with proof if it is a synced cadre record. */
export const selectPerformance = (
  command: PortfolioCommandOf<'SelectPerformance'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision => {
  const { studentId, performanceId } = command.data;
  const performance = state.performances[performanceId];
  const schoolYear = performance?.schoolYear ?? 0;
  const missing = () => itemErrors.notFound('performance', performanceId, 'R-SEL-1');
  return decideOn(
    performance,
    missing,
    [
      actingStudent(context, studentId, command.type),
      enrolled(context, studentId),
      present(performance, missing),
      insideWorkPeriod(context, termOf(schoolYear, 0), 'performanceSelection', 'R-SEL-2'),
      notSealed(context, studentId, 'performances', termOf(schoolYear, 0)),
      onItem(performance, (p) =>
        p.synced && !p.document && !p.media ? performanceErrors.proofRequired(performanceId) : null,
      ),
      onItem(performance, (p) => (p.selected ? selectionErrors.alreadySelected(performanceId) : null)),
      () => {
        const limit = selectionCapsFor(schoolYear).performances;
        const actual = selectedCount(state, 'performances', schoolYear);
        return actual < limit ? null : selectionErrors.capReached('performances', limit, actual, schoolYear);
      },
    ],
    (item) => E.right([{ type: 'PerformanceSelected', data: { performanceId, schoolYear: item.schoolYear } }]),
  );
};

export const deselectPerformance = (
  command: PortfolioCommandOf<'DeselectPerformance'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision => {
  const { studentId, performanceId } = command.data;
  const performance = state.performances[performanceId];
  const schoolYear = performance?.schoolYear ?? 0;
  const missing = () => itemErrors.notFound('performance', performanceId, 'R-SEL-2');
  return decideOn(
    performance,
    missing,
    [
      actingStudent(context, studentId, command.type),
      enrolled(context, studentId),
      present(performance, missing),
      insideWorkPeriod(context, termOf(schoolYear, 0), 'performanceSelection', 'R-SEL-2'),
      notSealed(context, studentId, 'performances', termOf(schoolYear, 0)),
      onItem(performance, (p) => (p.selected ? null : selectionErrors.notSelected(performanceId))),
    ],
    (item) => E.right([{ type: 'PerformanceDeselected', data: { performanceId, schoolYear: item.schoolYear } }]),
  );
};
