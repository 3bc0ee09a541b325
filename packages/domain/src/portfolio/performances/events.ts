import * as t from 'io-ts';
import { eventCodec } from '../../shared/codecs';
import { FileMeta } from '../../shared/files';
import { Id, NonEmptyText, NonNegativeInt, withOptional } from '../../shared/primitives';
import { CalendarDate, SchoolYear, Semester } from '../../shared/term';
import { CadreLevel, PerformanceDetails } from './details';

/** The fields a student writes for any performance (R-PERF-3, R-PERF-4, R-FILE-2). */
export const PerformanceContent = {
  required: { details: PerformanceDetails, startDate: CalendarDate, endDate: CalendarDate, description: t.string },
  optional: { hours: NonNegativeInt, document: FileMeta, media: FileMeta, externalLink: NonEmptyText },
};

/** R-PERF-1..4: a diverse performance recorded by the student for a school year and semester. */
export const PerformanceRecorded = eventCodec(
  'PerformanceRecorded',
  withOptional(
    { studentId: Id, performanceId: Id, schoolYear: SchoolYear, semester: Semester, ...PerformanceContent.required },
    PerformanceContent.optional,
    'PerformanceRecordedData',
  ),
);

/** R-PERF-8: the content replaced before submission; the category stays. */
export const PerformanceEdited = eventCodec(
  'PerformanceEdited',
  withOptional(
    { performanceId: Id, ...PerformanceContent.required },
    PerformanceContent.optional,
    'PerformanceEditedData',
  ),
);

export const PerformanceDeleted = eventCodec('PerformanceDeleted', t.strict({ performanceId: Id }));

/** R-PERF-6: a cadre record synced from the school's records; the student cannot delete it. */
export const CadreRecordSynced = eventCodec(
  'CadreRecordSynced',
  t.strict({
    studentId: Id,
    performanceId: Id,
    schoolYear: SchoolYear,
    semester: Semester,
    unit: NonEmptyText,
    position: NonEmptyText,
    level: CadreLevel,
    startDate: CalendarDate,
    endDate: CalendarDate,
  }),
);

/** R-PERF-6: proof attached to a synced cadre record, which makes it selectable. */
export const CadreProofAttached = eventCodec(
  'CadreProofAttached',
  withOptional(
    { performanceId: Id, description: t.string },
    { document: FileMeta, media: FileMeta, externalLink: NonEmptyText },
    'CadreProofAttachedData',
  ),
);

export const PERFORMANCE_EVENTS = [
  PerformanceRecorded,
  PerformanceEdited,
  PerformanceDeleted,
  CadreRecordSynced,
  CadreProofAttached,
] as const;
