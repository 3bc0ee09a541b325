import { errorCodesBuiltIn } from './testing';
import * as E from 'fp-ts/Either';
import type { DomainErrorCode, DomainRefusal } from './errorCodes';
import { schoolErrors } from './school/errors';
import { accessErrors, receiptErrors, selectionErrors } from './portfolio/errors';
import { submissionErrors } from './submission/errors';
import { decodeCommand } from './commands';

/**
 * The proof that `switch (error.code)` over a domain refusal is exhaustive: this compiles only while every
 * code of DomainErrorCode has its case (a missing one leaves `code` not `never` at the default) and no case
 * names a code outside it. The mapping is an example a web layer might use.
 */
const httpStatusOf = (error: DomainRefusal): 400 | 403 | 404 | 409 => {
  const code = error.code;
  switch (code) {
    case 'INVALID_INPUT':
    case 'FILE_TYPE_NOT_ALLOWED':
    case 'FILE_TOO_LARGE':
    case 'DESCRIPTION_TOO_LONG':
    case 'EMPTY_ROSTER':
    case 'DUPLICATE_ROSTER_ENTRY':
    case 'FILE_REQUIRED':
    case 'FAIL_REASON_REQUIRED':
    case 'RETURN_REASON_REQUIRED':
    case 'PERFORMANCE_DATES_REVERSED':
    case 'PERFORMANCE_DATE_TOO_EARLY':
    case 'PERFORMANCE_HOURS_EXCEED_DAYS':
    case 'EXTERNAL_LINK_REQUIRES_MEDIA':
    case 'WORK_PERIOD_EMPTY':
    case 'WORK_PERIOD_SEMESTER_MISMATCH':
    case 'WORK_PERIOD_NOT_PER_ROUND':
    case 'PARAMETER_BELOW_MINIMUM':
    case 'PARAMETER_ABOVE_MAXIMUM':
    case 'PARAMETER_ABOVE_NATIONAL_LIMIT':
    case 'SUBMISSION_PERIOD_MISMATCH':
    case 'ITEM_DETAILS_MISMATCH':
    case 'APPLICATION_PICK_LIMIT':
    case 'APPLICATION_PICK_DUPLICATE':
    case 'PLAN_ADVISOR_REQUIRED':
      return 400;
    case 'ACTOR_NOT_OF_SCHOOL':
    case 'FUNCTION_NOT_HELD':
    case 'NOT_A_SUBMITTER':
    case 'NOT_COURSE_CERTIFIER':
    case 'NOT_OWN_PORTFOLIO':
    case 'NOT_SCHOOL_ADMINISTRATOR':
    case 'NOT_STAGE_REVIEWER':
    case 'ROLE_NOT_ALLOWED':
    case 'SYSTEM_ACTOR_ONLY':
      return 403;
    case 'COURSE_NOT_FOUND':
    case 'ITEM_NOT_FOUND':
    case 'SCHOOL_NOT_REGISTERED':
    case 'STUDENT_NOT_ENROLLED':
    case 'UNKNOWN_FID':
    case 'UNKNOWN_REFERENCE':
      return 404;
    case 'ALREADY_EXISTS':
    case 'ALREADY_SELECTED':
    case 'APPLICATION_ITEM_NOT_SEALED':
    case 'CADRE_PROOF_REQUIRED':
    case 'CADRE_RECORD_NOT_DELETABLE':
    case 'CADRE_RECORD_NOT_EDITABLE':
    case 'COURSE_HAS_NO_CREDITS':
    case 'DEADLINE_NOT_PASSED':
    case 'FID_ALREADY_USED':
    case 'ITEM_ID_ALREADY_USED':
    case 'NOT_A_SYNCED_CADRE_RECORD':
    case 'NOT_COURSE_TEACHER':
    case 'NOT_SELECTED':
    case 'OPERATING_PERIOD_NOT_SET':
    case 'OUTCOME_ALREADY_PASSED':
    case 'OUTCOME_NOT_PASSED':
    case 'OUTCOME_NOT_PENDING':
    case 'OUTCOME_PENDING_CERTIFICATION':
    case 'OUTCOME_SUBJECT_QUOTA_REACHED':
    case 'OUTCOME_UPLOAD_QUOTA_REACHED':
    case 'OUTSIDE_WORK_PERIOD':
    case 'PARENT_ALREADY_LINKED':
    case 'PARENT_NOT_LINKED':
    case 'PERFORMANCE_ALREADY_SUBMITTED':
    case 'PERFORMANCE_CATEGORY_CHANGED':
    case 'PERFORMANCE_YEAR_CAP_REACHED':
    case 'PERIOD_SEALED':
    case 'PLAN_APPROVAL_ORDER_NOT_SET':
    case 'PLAN_NOT_IN_REVIEW':
    case 'PLAN_NOT_RETURNED':
    case 'QUARANTINE_ALREADY_RECORDED':
    case 'QUARANTINE_EVENT_READABLE':
    case 'QUARANTINE_EVENT_UNKNOWN':
    case 'QUARANTINE_HASH_DIFFERS':
    case 'QUARANTINE_SYSTEM_ONLY':
    case 'RECEIPT_ALREADY_ANSWERED':
    case 'RECEIPT_AWAITING_CORRECTION':
    case 'RECEIPT_AWAITING_SCHOOL_REVIEW':
    case 'RECEIPT_NOTHING_TO_DEEM':
    case 'RECEIPT_NOT_APPLICABLE':
    case 'RECEIPT_NOT_REPORTED':
    case 'RECEIPT_SEALED_BY_ANSWER':
    case 'ROSTER_NOT_AS_SELECTED':
    case 'ROUNDS_OVERLAP':
    case 'SCHOOL_ALREADY_REGISTERED':
    case 'SELECTED_ITEM_NOT_DELETABLE':
    case 'SELECTION_CAP_REACHED':
    case 'SELECTION_FROZEN':
    case 'SELECTION_NOT_CLOSED':
    case 'STATEMENT_ALREADY_ISSUED':
    case 'STORAGE_QUOTA_EXCEEDED':
    case 'STUDENT_NOT_IN_COURSE':
    case 'STUDENT_NOT_IN_ROUND':
    case 'SUBMISSION_RESULT_ALREADY_RECORDED':
    case 'TEACHER_NOT_REGISTERED':
    case 'TIME_RUNS_BACKWARDS':
    case 'WORK_PERIOD_ALREADY_CLOSED':
    case 'WORK_PERIOD_NOT_SET':
    case 'WORK_PERIOD_OUTSIDE_OPERATING_PERIOD':
      return 409;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
};

/** Every code once; `satisfies` refuses a missing key and an extra one alike. */
const EVERY_CODE = {
  ACTOR_NOT_OF_SCHOOL: true,
  ALREADY_EXISTS: true,
  ALREADY_SELECTED: true,
  APPLICATION_ITEM_NOT_SEALED: true,
  APPLICATION_PICK_DUPLICATE: true,
  APPLICATION_PICK_LIMIT: true,
  CADRE_PROOF_REQUIRED: true,
  CADRE_RECORD_NOT_DELETABLE: true,
  CADRE_RECORD_NOT_EDITABLE: true,
  COURSE_HAS_NO_CREDITS: true,
  COURSE_NOT_FOUND: true,
  DEADLINE_NOT_PASSED: true,
  DESCRIPTION_TOO_LONG: true,
  DUPLICATE_ROSTER_ENTRY: true,
  EMPTY_ROSTER: true,
  EXTERNAL_LINK_REQUIRES_MEDIA: true,
  FAIL_REASON_REQUIRED: true,
  FID_ALREADY_USED: true,
  FILE_REQUIRED: true,
  FILE_TOO_LARGE: true,
  FILE_TYPE_NOT_ALLOWED: true,
  FUNCTION_NOT_HELD: true,
  INVALID_INPUT: true,
  ITEM_DETAILS_MISMATCH: true,
  ITEM_ID_ALREADY_USED: true,
  ITEM_NOT_FOUND: true,
  NOT_A_SUBMITTER: true,
  NOT_A_SYNCED_CADRE_RECORD: true,
  NOT_COURSE_CERTIFIER: true,
  NOT_COURSE_TEACHER: true,
  NOT_OWN_PORTFOLIO: true,
  NOT_SCHOOL_ADMINISTRATOR: true,
  NOT_SELECTED: true,
  NOT_STAGE_REVIEWER: true,
  OPERATING_PERIOD_NOT_SET: true,
  OUTCOME_ALREADY_PASSED: true,
  OUTCOME_NOT_PASSED: true,
  OUTCOME_NOT_PENDING: true,
  OUTCOME_PENDING_CERTIFICATION: true,
  OUTCOME_SUBJECT_QUOTA_REACHED: true,
  OUTCOME_UPLOAD_QUOTA_REACHED: true,
  OUTSIDE_WORK_PERIOD: true,
  PARAMETER_ABOVE_MAXIMUM: true,
  PARAMETER_ABOVE_NATIONAL_LIMIT: true,
  PARAMETER_BELOW_MINIMUM: true,
  PARENT_ALREADY_LINKED: true,
  PARENT_NOT_LINKED: true,
  PERFORMANCE_ALREADY_SUBMITTED: true,
  PERFORMANCE_CATEGORY_CHANGED: true,
  PERFORMANCE_DATES_REVERSED: true,
  PERFORMANCE_DATE_TOO_EARLY: true,
  PERFORMANCE_HOURS_EXCEED_DAYS: true,
  PERFORMANCE_YEAR_CAP_REACHED: true,
  PERIOD_SEALED: true,
  PLAN_ADVISOR_REQUIRED: true,
  PLAN_APPROVAL_ORDER_NOT_SET: true,
  PLAN_NOT_IN_REVIEW: true,
  PLAN_NOT_RETURNED: true,
  QUARANTINE_ALREADY_RECORDED: true,
  QUARANTINE_EVENT_READABLE: true,
  QUARANTINE_EVENT_UNKNOWN: true,
  QUARANTINE_HASH_DIFFERS: true,
  QUARANTINE_SYSTEM_ONLY: true,
  RECEIPT_ALREADY_ANSWERED: true,
  RECEIPT_AWAITING_CORRECTION: true,
  RECEIPT_AWAITING_SCHOOL_REVIEW: true,
  RECEIPT_NOTHING_TO_DEEM: true,
  RECEIPT_NOT_APPLICABLE: true,
  RECEIPT_NOT_REPORTED: true,
  RECEIPT_SEALED_BY_ANSWER: true,
  RETURN_REASON_REQUIRED: true,
  ROLE_NOT_ALLOWED: true,
  ROSTER_NOT_AS_SELECTED: true,
  ROUNDS_OVERLAP: true,
  SCHOOL_ALREADY_REGISTERED: true,
  SCHOOL_NOT_REGISTERED: true,
  SELECTED_ITEM_NOT_DELETABLE: true,
  SELECTION_CAP_REACHED: true,
  SELECTION_FROZEN: true,
  SELECTION_NOT_CLOSED: true,
  STATEMENT_ALREADY_ISSUED: true,
  STORAGE_QUOTA_EXCEEDED: true,
  STUDENT_NOT_ENROLLED: true,
  STUDENT_NOT_IN_COURSE: true,
  STUDENT_NOT_IN_ROUND: true,
  SUBMISSION_PERIOD_MISMATCH: true,
  SUBMISSION_RESULT_ALREADY_RECORDED: true,
  SYSTEM_ACTOR_ONLY: true,
  TEACHER_NOT_REGISTERED: true,
  TIME_RUNS_BACKWARDS: true,
  UNKNOWN_FID: true,
  UNKNOWN_REFERENCE: true,
  WORK_PERIOD_ALREADY_CLOSED: true,
  WORK_PERIOD_EMPTY: true,
  WORK_PERIOD_NOT_PER_ROUND: true,
  WORK_PERIOD_NOT_SET: true,
  WORK_PERIOD_OUTSIDE_OPERATING_PERIOD: true,
  WORK_PERIOD_SEMESTER_MISMATCH: true,
} satisfies Record<DomainErrorCode, true>;

describe("the domain layer's error codes", () => {
  it('name every code the domain builds, and no other', () => {
    expect([...errorCodesBuiltIn(__dirname)].sort()).toEqual(Object.keys(EVERY_CODE).sort());
  });

  it("let a switch over a refusal's code map each refusal", () => {
    expect(httpStatusOf(schoolErrors.notAdministrator('teacher', 'SetParameter'))).toBe(403);
    expect(httpStatusOf(accessErrors.studentNotEnrolled('s1'))).toBe(404);
    expect(httpStatusOf(schoolErrors.uploadQuotaBelowMinimum(1, 0))).toBe(400);
    expect(httpStatusOf(selectionErrors.alreadySelected('o1'))).toBe(409);
    expect(httpStatusOf(submissionErrors.emptyRoster())).toBe(400);
    const decoded = decodeCommand({ type: 'NoSuchCommand' });
    expect(E.isLeft(decoded) && httpStatusOf(decoded.left)).toBe(400);
  });

  it('fix one rule per factory: the same code under two rules comes from two factories', () => {
    expect(schoolErrors.parameterBelowMinimum('performanceYearCap', 1, 0).rule).toBe('R-AUTH-3');
    expect(schoolErrors.uploadQuotaBelowMinimum(1, 0).rule).toBe('R-OUT-3');
    expect(schoolErrors.fileSizeAboveNational('mediaMaxBytes', 1, 2).rule).toBe('R-FILE-1');
    expect(schoolErrors.storageAboveNational(1, 2).rule).toBe('R-FILE-3');
    expect(selectionErrors.outcomeNotPassed('o1', 'failed').rule).toBe('R-SEL-1');
    expect(selectionErrors.outcomePending('o1').rule).toBe('R-OUT-11');
    expect(receiptErrors.alreadyAnswered('courseRecords', '1141').rule).toBe('R-REC-2');
    expect(receiptErrors.recheckAlreadyAnswered('courseRecords', '1141').rule).toBe('R-REC-4');
  });
});
