import * as E from 'fp-ts/Either';
import { bytesOf } from '../../shared/files';
import type { Term } from '../../shared/term';
import { schoolYearOfTerm } from '../../shared/term';
import { mayCertify, parameterFor, periodOf } from '../../school/policy';
import type { PortfolioCommandOf } from '../commands';
import {
  actingStudent,
  decideOn,
  decideWith,
  enrolled,
  onItem,
  present,
  insideWorkPeriod,
  notSealed,
  type Check,
  type Decision,
  type PortfolioContext,
} from '../context';
import { itemErrors, outcomeErrors } from '../errors';
import type { OutcomeState, PortfolioState } from '../state';
import { attachmentChecks, freshId } from '../storage';

/** R-SEAL-2: outcomes are sealed with their school year's course-outcome submission. */
const yearNotSealed = (context: PortfolioContext, studentId: string, term: string): Check =>
  notSealed(context, studentId, 'courseOutcomes', periodOf('courseOutcomes', term));

/** R-OUT-3 / R-OUT-4: deleted outcomes no longer count; an edited or re-sent one counts once (R-OUT-10). */
const quotaChecks = (
  context: PortfolioContext,
  state: PortfolioState,
  term: Term,
  subject: string,
): ReadonlyArray<Check> => {
  const schoolYear = schoolYearOfTerm(term);
  // Both quotas count the term's outcomes: one pass, when the first of them is checked.
  let counted: { readonly inTerm: number; readonly inSubject: number } | undefined;
  const counts = () => {
    if (counted) return counted;
    let inTerm = 0;
    let inSubject = 0;
    for (const id of Object.keys(state.outcomes)) {
      const outcome = state.outcomes[id];
      if (outcome === undefined || outcome.term !== term) continue;
      inTerm += 1;
      if (outcome.subject === subject) inSubject += 1;
    }
    return (counted = { inTerm, inSubject });
  };
  return [
    () => {
      const limit = parameterFor(context.policy, 'outcomeUploadQuota', schoolYear) ?? Infinity;
      const actual = counts().inTerm;
      return actual < limit ? null : outcomeErrors.uploadQuotaReached(limit, actual, term);
    },
    () => {
      const limit = parameterFor(context.policy, 'outcomePerSubjectQuota', schoolYear) ?? Infinity;
      const actual = counts().inSubject;
      return actual < limit ? null : outcomeErrors.subjectQuotaReached(limit, actual, term, subject);
    },
  ];
};

export const uploadCourseOutcome = (
  command: PortfolioCommandOf<'UploadCourseOutcome'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision => {
  const { studentId, outcomeId, courseId } = command.data;
  const course = context.policy.courses[courseId];
  const term = (course?.term ?? '') as Term;
  const missing = () => outcomeErrors.courseNotFound(courseId);
  return decideOn(
    course,
    missing,
    [
      actingStudent(context, studentId, command.type),
      enrolled(context, studentId),
      present(course, missing),
      () => (course && course.credits > 0 ? null : outcomeErrors.courseHasNoCredits(courseId)),
      () => (course?.studentIds[studentId] ? null : outcomeErrors.notTakingCourse(studentId, courseId)),
      insideWorkPeriod(context, term, 'outcomeUpload', 'R-OUT-5'),
      yearNotSealed(context, studentId, term),
      freshId(state, outcomeId, 'R-OUT-1'),
      ...quotaChecks(context, state, term, course?.subject ?? ''),
      ...attachmentChecks(context, state, command.data, 0, 'R-OUT-2'),
    ],
    (found) => {
      const { schoolId: _schoolId, ...data } = command.data;
      // Object.assign rather than `{ ...data, term }`: on Node 20 a literal that adds keys after a spread costs ≈ 30
      // times as much.
      return E.right([
        { type: 'CourseOutcomeUploaded', data: Object.assign({}, data, { term, subject: found.subject }) },
      ]);
    },
  );
};

/** Student changes to an existing outcome: own portfolio, inside its term's upload window (R-OUT-5, R-WIN-4). */
const studentChange = (
  command: PortfolioCommandOf<'EditCourseOutcome' | 'DeleteCourseOutcome' | 'SendCourseOutcomeForCertification'>,
  state: PortfolioState,
  context: PortfolioContext,
  then: (outcome: OutcomeState) => Decision,
): Decision => {
  const { studentId, outcomeId } = command.data;
  const outcome = state.outcomes[outcomeId];
  const access = decideWith(
    [
      actingStudent(context, studentId, command.type),
      enrolled(context, studentId),
      () => (outcome ? null : itemErrors.notFound('outcome', outcomeId, 'R-OUT-6')),
      insideWorkPeriod(context, outcome?.term ?? '', 'outcomeUpload', 'R-OUT-5'),
      yearNotSealed(context, studentId, outcome?.term ?? ''),
    ],
    () => [],
  );
  if (E.isLeft(access)) return access;
  return outcome ? then(outcome) : E.left(itemErrors.notFound('outcome', outcomeId, 'R-OUT-6'));
};

/** R-OUT-6 / R-OUT-9 / R-OUT-10: drafts and failed outcomes may change; pending and passed ones never. */
const changeable =
  (outcome: OutcomeState): Check =>
  () =>
    outcome.status === 'pending'
      ? outcomeErrors.pending(outcome.outcomeId)
      : outcome.status === 'passed'
        ? outcomeErrors.passed(outcome.outcomeId)
        : null;

export const editCourseOutcome = (
  command: PortfolioCommandOf<'EditCourseOutcome'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision =>
  studentChange(command, state, context, (outcome) =>
    decideWith(
      [
        changeable(outcome),
        ...attachmentChecks(context, state, command.data, bytesOf(outcome.document, outcome.media), 'R-OUT-2'),
      ],
      () => {
        const { schoolId: _s, studentId: _t, ...data } = command.data;
        return [{ type: 'CourseOutcomeEdited', data }];
      },
    ),
  );

export const deleteCourseOutcome = (
  command: PortfolioCommandOf<'DeleteCourseOutcome'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision =>
  studentChange(command, state, context, (outcome) =>
    decideWith([changeable(outcome)], () => [
      { type: 'CourseOutcomeDeleted', data: { outcomeId: command.data.outcomeId } },
    ]),
  );

export const sendCourseOutcomeForCertification = (
  command: PortfolioCommandOf<'SendCourseOutcomeForCertification'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision =>
  studentChange(command, state, context, (outcome) =>
    decideWith([changeable(outcome)], () => [
      { type: 'CourseOutcomeSentForCertification', data: { outcomeId: command.data.outcomeId } },
    ]),
  );

/** R-OUT-7 / R-OUT-8: an allowed teacher, inside the term's certification window, on a pending outcome. */
export const certifyCourseOutcome = (
  command: PortfolioCommandOf<'CertifyCourseOutcome'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision => {
  const { outcomeId, result, reason } = command.data;
  const outcome = state.outcomes[outcomeId];
  const course = outcome ? context.policy.courses[outcome.courseId] : undefined;
  const { actor } = context;
  return decideWith(
    [
      () => (actor.role === 'teacher' ? null : outcomeErrors.notCertifier(actor.id, outcome?.courseId ?? '')),
      () => (outcome ? null : itemErrors.notFound('outcome', outcomeId, 'R-OUT-8')),
      onItem(outcome, (o) =>
        course && mayCertify(course, actor.id) ? null : outcomeErrors.notCertifier(actor.id, o.courseId),
      ),
      insideWorkPeriod(context, outcome?.term ?? '', 'outcomeCertification', 'R-OUT-8'),
      yearNotSealed(context, command.data.studentId, outcome?.term ?? ''),
      onItem(outcome, (o) => (o.status === 'pending' ? null : outcomeErrors.notPending(outcomeId, o.status))),
      () => (result === 'failed' && reason === undefined ? outcomeErrors.failReasonRequired(outcomeId) : null),
    ],
    () => [
      {
        type: 'CourseOutcomeCertified',
        data: { outcomeId, teacherId: actor.id, result, ...(reason === undefined ? {} : { reason }) },
      },
    ],
  );
};
