import * as t from 'io-ts';
import { Id, SchoolId } from '../../shared/primitives';
import { SchoolYear, Semester } from '../../shared/term';
import { withOptional } from '../../shared/primitives';
import { CadreProofAttached, CadreRecordSynced, PerformanceContent } from './events';

const StudentRef = { schoolId: SchoolId, studentId: Id };

export const RecordPerformance = withOptional(
  { ...StudentRef, performanceId: Id, schoolYear: SchoolYear, semester: Semester, ...PerformanceContent.required },
  PerformanceContent.optional,
  'RecordPerformance',
);
export const EditPerformance = withOptional(
  { ...StudentRef, performanceId: Id, ...PerformanceContent.required },
  PerformanceContent.optional,
  'EditPerformance',
);
export const DeletePerformance = t.strict({ ...StudentRef, performanceId: Id }, 'DeletePerformance');
/** Sent by the school (administrator or its records system), not the student (R-PERF-6). */
export const SyncCadreRecord = t.intersection(
  [t.strict({ schoolId: SchoolId }), CadreRecordSynced.props.data],
  'SyncCadreRecord',
);
export const AttachCadreProof = t.intersection(
  [t.strict(StudentRef), CadreProofAttached.props.data],
  'AttachCadreProof',
);

export const PERFORMANCE_COMMANDS = {
  RecordPerformance,
  EditPerformance,
  DeletePerformance,
  SyncCadreRecord,
  AttachCadreProof,
} as const;
