import * as E from 'fp-ts/Either';
import { bytesOf } from '../../shared/files';
import { earliestPerformanceDate, inclusiveDays, termOf } from '../../shared/term';
import { parameterFor, workPeriodOf } from '../../school/policy';
import type { PortfolioCommandOf } from '../commands';
import {
  actingSchool,
  actingStudent,
  decideWith,
  enrolled,
  onItem,
  insideWorkPeriod,
  notSealed,
  type Check,
  type Decision,
  type PortfolioContext,
} from '../context';
import { itemErrors, performanceErrors, selectionErrors } from '../errors';
import { countOf } from '../../shared/records';
import type { PerformanceState, PortfolioState } from '../state';
import { attachmentChecks, freshId } from '../storage';

type Content = PortfolioCommandOf<'RecordPerformance' | 'EditPerformance'>['data'];

/** R-PERF-3 / R-PERF-4: a link only with media; dates in order, not before the entry year, hours that fit. */
const contentChecks = (context: PortfolioContext, studentId: string, content: Content): ReadonlyArray<Check> => [
  () => (content.externalLink !== undefined && !content.media ? performanceErrors.externalLinkWithoutMedia() : null),
  () =>
    content.endDate < content.startDate ? performanceErrors.datesReversed(content.startDate, content.endDate) : null,
  () => {
    // R-PERF-4: every date the performance carries — its span and a result or certificate date.
    const entry = context.policy.students[studentId]?.entrySchoolYear;
    if (entry === undefined) return null;
    const earliest = earliestPerformanceDate(entry);
    const { details } = content;
    const dates = [
      content.startDate,
      ...(details.category === 'competition' ? [details.resultDate] : []),
      ...(details.category === 'certificate' ? [details.obtainedDate] : []),
    ];
    const early = dates.find((date) => date < earliest);
    return early === undefined ? null : performanceErrors.dateTooEarly(early, earliest);
  },
  () => {
    if (content.hours === undefined || content.endDate < content.startDate) return null;
    const limit = inclusiveDays(content.startDate, content.endDate) * 24;
    return content.hours <= limit ? null : performanceErrors.hoursExceedDays(content.hours, limit);
  },
];

/** R-PERF-2: the school's yearly cap counts the student's own live records, not synced cadre records. */
const yearCap =
  (context: PortfolioContext, state: PortfolioState, schoolYear: number): Check =>
  () => {
    const limit = parameterFor(context.policy, 'performanceYearCap', schoolYear);
    if (limit === null) return null;
    const actual = countOf(state.performances, (p) => p.schoolYear === schoolYear && !p.synced);
    return actual < limit ? null : performanceErrors.yearCapReached(limit, actual, schoolYear);
  };

/**
 * The year's performance upload window (R-WIN-2; seed 000: 每學年規定時間內完成), and not yet sealed (R-SEAL-2).
 * Seed 003 has no such work item, so a school may leave it unset: then there is no deadline but the seal.
 */
const uploadWindow = (context: PortfolioContext, studentId: string, schoolYear: number): Check => {
  const term = termOf(schoolYear, 0);
  const inWindow = workPeriodOf(context.policy, term, 'performanceUpload')
    ? insideWorkPeriod(context, term, 'performanceUpload', 'R-WIN-2')
    : () => null;
  const unsealed = notSealed(context, studentId, 'performances', termOf(schoolYear, 0));
  return () => inWindow() ?? unsealed();
};

/**
 * R-SEL-3 over R-PERF-8: a selected performance is what the school will submit. It cannot be deleted
 * while selected (deselect it first, inside the selection window), and once the selection window has
 * closed it cannot change at all.
 */
const selectionFrozen =
  (context: PortfolioContext, type: string, performance: PerformanceState | undefined): Check =>
  () => {
    if (!performance?.selected) return null;
    if (type === 'DeletePerformance') return selectionErrors.selectedNotDeletable(performance.performanceId);
    const window = workPeriodOf(context.policy, termOf(performance.schoolYear, 0), 'performanceSelection');
    return window && context.now >= window.end
      ? selectionErrors.selectionFrozen(performance.performanceId, window.end)
      : null;
  };

export const recordPerformance = (
  command: PortfolioCommandOf<'RecordPerformance'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision => {
  const { studentId, performanceId, schoolYear } = command.data;
  return decideWith(
    [
      actingStudent(context, studentId, command.type),
      enrolled(context, studentId),
      uploadWindow(context, command.data.studentId, schoolYear),
      freshId(state, performanceId, 'R-PERF-1'),
      yearCap(context, state, schoolYear),
      ...contentChecks(context, studentId, command.data),
      ...attachmentChecks(context, state, command.data, 0, 'R-PERF-3'),
    ],
    () => {
      const { schoolId: _schoolId, ...data } = command.data;
      return [{ type: 'PerformanceRecorded', data }];
    },
  );
};

/** Student changes to an existing performance: own, inside its year's upload window, not yet submitted (R-PERF-8). */
const studentChange = (
  command: PortfolioCommandOf<'EditPerformance' | 'DeletePerformance' | 'AttachCadreProof'>,
  state: PortfolioState,
  context: PortfolioContext,
  then: (performance: PerformanceState) => Decision,
): Decision => {
  const { studentId, performanceId } = command.data;
  const performance = state.performances[performanceId];
  const access = decideWith(
    [
      actingStudent(context, studentId, command.type),
      enrolled(context, studentId),
      () => (performance ? null : itemErrors.notFound('performance', performanceId, 'R-PERF-8')),
      uploadWindow(context, command.data.studentId, performance?.schoolYear ?? 0),
      onItem(performance, (p) => (p.submitted ? performanceErrors.submitted(performanceId) : null)),
      selectionFrozen(context, command.type, performance),
    ],
    () => [],
  );
  if (E.isLeft(access)) return access;
  return performance ? then(performance) : E.left(itemErrors.notFound('performance', performanceId, 'R-PERF-8'));
};

export const editPerformance = (
  command: PortfolioCommandOf<'EditPerformance'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision =>
  studentChange(command, state, context, (performance) =>
    decideWith(
      [
        () => (performance.synced ? performanceErrors.syncedNotEditable(performance.performanceId) : null),
        () =>
          performance.details.category === command.data.details.category
            ? null
            : performanceErrors.categoryChanged(performance.details.category, command.data.details.category),
        ...contentChecks(context, command.data.studentId, command.data),
        ...attachmentChecks(context, state, command.data, bytesOf(performance.document, performance.media), 'R-PERF-3'),
      ],
      () => {
        const { schoolId: _s, studentId: _t, ...data } = command.data;
        return [{ type: 'PerformanceEdited', data }];
      },
    ),
  );

export const deletePerformance = (
  command: PortfolioCommandOf<'DeletePerformance'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision =>
  studentChange(command, state, context, (performance) =>
    decideWith(
      [() => (performance.synced ? performanceErrors.syncedNotDeletable(performance.performanceId) : null)],
      () => [{ type: 'PerformanceDeleted', data: { performanceId: command.data.performanceId } }],
    ),
  );

/** R-PERF-6: the school syncs its cadre records; they arrive without files and are not selectable yet. */
export const syncCadreRecord = (
  command: PortfolioCommandOf<'SyncCadreRecord'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision =>
  decideWith(
    [
      actingSchool(context, command.type, 'R-PERF-6'),
      enrolled(context, command.data.studentId),
      notSealed(context, command.data.studentId, 'performances', termOf(command.data.schoolYear, 0)),
      notSealed(
        context,
        command.data.studentId,
        'cadreRecords',
        termOf(command.data.schoolYear, command.data.semester),
      ),
      freshId(state, command.data.performanceId, 'R-PERF-6'),
      () =>
        command.data.endDate < command.data.startDate
          ? performanceErrors.datesReversed(command.data.startDate, command.data.endDate)
          : null,
    ],
    () => {
      const { schoolId: _schoolId, ...data } = command.data;
      return [{ type: 'CadreRecordSynced', data }];
    },
  );

export const attachCadreProof = (
  command: PortfolioCommandOf<'AttachCadreProof'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision =>
  studentChange(command, state, context, (performance) =>
    decideWith(
      [
        () => (performance.synced ? null : performanceErrors.notSyncedCadre(performance.performanceId)),
        () =>
          command.data.externalLink !== undefined && !command.data.media
            ? performanceErrors.externalLinkWithoutMedia()
            : null,
        ...attachmentChecks(context, state, command.data, bytesOf(performance.document, performance.media), 'R-PERF-6'),
      ],
      () => {
        const { schoolId: _s, studentId: _t, ...data } = command.data;
        return [{ type: 'CadreProofAttached', data }];
      },
    ),
  );
