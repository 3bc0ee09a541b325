import * as t from 'io-ts';
import { FileMeta } from '../../shared/files';
import { Id, SchoolId, NonEmptyText, withOptional } from '../../shared/primitives';

const StudentRef = { schoolId: SchoolId, studentId: Id };
const Files = { document: FileMeta, media: FileMeta };

export const UploadCourseOutcome = withOptional(
  { ...StudentRef, outcomeId: Id, courseId: Id, description: t.string },
  Files,
  'UploadCourseOutcome',
);
export const EditCourseOutcome = withOptional(
  { ...StudentRef, outcomeId: Id, description: t.string },
  Files,
  'EditCourseOutcome',
);
export const DeleteCourseOutcome = t.strict({ ...StudentRef, outcomeId: Id }, 'DeleteCourseOutcome');
export const SendCourseOutcomeForCertification = t.strict(
  { ...StudentRef, outcomeId: Id },
  'SendCourseOutcomeForCertification',
);
/** R-OUT-8: a reason may come with either result and is required with a fail. */
export const CertifyCourseOutcome = withOptional(
  { ...StudentRef, outcomeId: Id, result: t.keyof({ passed: null, failed: null }) },
  { reason: NonEmptyText },
  'CertifyCourseOutcome',
);

export const OUTCOME_COMMANDS = {
  UploadCourseOutcome,
  EditCourseOutcome,
  DeleteCourseOutcome,
  SendCourseOutcomeForCertification,
  CertifyCourseOutcome,
} as const;
