import * as t from 'io-ts';
import { eventCodec } from '../../shared/codecs';
import { FileMeta } from '../../shared/files';
import { Id, NonEmptyText, withOptional } from '../../shared/primitives';
import { Term } from '../../shared/term';

const Content = { description: t.string };
const Files = { document: FileMeta, media: FileMeta };

/** R-OUT-1..3: an outcome uploaded for a credit-bearing course the student takes in that term. */
export const CourseOutcomeUploaded = eventCodec(
  'CourseOutcomeUploaded',
  withOptional(
    { studentId: Id, outcomeId: Id, courseId: Id, term: Term, subject: NonEmptyText, ...Content },
    Files,
    'CourseOutcomeUploadedData',
  ),
);

/** R-OUT-6 / R-OUT-10: the content replaced while still a draft, or after a fail. */
export const CourseOutcomeEdited = eventCodec(
  'CourseOutcomeEdited',
  withOptional({ outcomeId: Id, ...Content }, Files, 'CourseOutcomeEditedData'),
);

export const CourseOutcomeDeleted = eventCodec('CourseOutcomeDeleted', t.strict({ outcomeId: Id }));

/** R-OUT-6: sent for certification; pending (待認證) from now on. */
export const CourseOutcomeSentForCertification = eventCodec(
  'CourseOutcomeSentForCertification',
  t.strict({ outcomeId: Id }),
);

/** R-OUT-7 / R-OUT-8: a teacher allowed to certify the course passed or failed it. */
export const CourseOutcomeCertified = eventCodec(
  'CourseOutcomeCertified',
  withOptional(
    { outcomeId: Id, teacherId: Id, result: t.keyof({ passed: null, failed: null }) },
    { reason: NonEmptyText },
    'CourseOutcomeCertifiedData',
  ),
);

export const OUTCOME_EVENTS = [
  CourseOutcomeUploaded,
  CourseOutcomeEdited,
  CourseOutcomeDeleted,
  CourseOutcomeSentForCertification,
  CourseOutcomeCertified,
] as const;
