import type { Draft } from 'immer';
import { bytesOf, type FileMeta } from '../../shared/files';
import type { PortfolioEvent } from '../events';
import type { PerformanceState, PortfolioState } from '../state';
import { unknownEventIgnored } from '../../shared/exhaustive';

type PerformanceEvent = Extract<
  PortfolioEvent,
  {
    type:
      'PerformanceRecorded' | 'PerformanceEdited' | 'PerformanceDeleted' | 'CadreRecordSynced' | 'CadreProofAttached';
  }
>;

interface Optionals {
  readonly hours?: number;
  readonly document?: FileMeta;
  readonly media?: FileMeta;
  readonly externalLink?: string;
}

/** Optional fields are replaced whole: absent in the event means removed. */
const replaceOptionals = (
  performance: Draft<PerformanceState>,
  data: Optionals,
  keys: ReadonlyArray<keyof Optionals>,
): void => {
  for (const key of keys) {
    const value = data[key];
    if (value === undefined) delete performance[key];
    else (performance as Record<string, unknown>)[key] = value;
  }
};

const ALL_OPTIONALS = ['hours', 'document', 'media', 'externalLink'] as const;
const PROOF_OPTIONALS = ['document', 'media', 'externalLink'] as const;

export const evolvePerformance = (state: Draft<PortfolioState>, event: PerformanceEvent): void => {
  switch (event.type) {
    case 'PerformanceRecorded': {
      const { studentId, performanceId, schoolYear, semester, details, startDate, endDate, description } = event.data;
      state.studentId = studentId;
      const performance: Draft<PerformanceState> = {
        performanceId,
        schoolYear,
        semester,
        details,
        startDate,
        endDate,
        description,
        synced: false,
        selected: false,
        submitted: false,
      };
      replaceOptionals(performance, event.data, ALL_OPTIONALS);
      state.performances[performanceId] = performance;
      state.storageBytes += bytesOf(event.data.document, event.data.media);
      return;
    }
    case 'CadreRecordSynced': {
      const { studentId, performanceId, schoolYear, semester, unit, position, level, startDate, endDate } = event.data;
      state.studentId = studentId;
      state.performances[performanceId] = {
        performanceId,
        schoolYear,
        semester,
        startDate,
        endDate,
        description: '',
        details: { category: 'cadre', unit, position, level },
        synced: true,
        selected: false,
        submitted: false,
      };
      return;
    }
    case 'PerformanceEdited':
    case 'CadreProofAttached': {
      const performance = state.performances[event.data.performanceId];
      if (!performance) return;
      state.storageBytes +=
        bytesOf(event.data.document, event.data.media) - bytesOf(performance.document, performance.media);
      performance.description = event.data.description;
      if (event.type === 'PerformanceEdited') {
        performance.details = event.data.details;
        performance.startDate = event.data.startDate;
        performance.endDate = event.data.endDate;
        replaceOptionals(performance, event.data, ALL_OPTIONALS);
      } else {
        replaceOptionals(performance, event.data, PROOF_OPTIONALS);
      }
      return;
    }
    case 'PerformanceDeleted': {
      const performance = state.performances[event.data.performanceId];
      if (!performance) return;
      state.storageBytes -= bytesOf(performance.document, performance.media);
      delete state.performances[event.data.performanceId];
      state.retiredIds[event.data.performanceId] = true;
      return;
    }
    default:
      return unknownEventIgnored(event);
  }
};
