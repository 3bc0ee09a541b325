import * as t from 'io-ts';
import { codecsByType, eventCodec } from '../shared/codecs';
import {
  Id,
  isSha256Hex,
  SchoolId,
  NonEmptyText,
  NonNegativeInt,
  PositiveInt,
  withOptional,
} from '../shared/primitives';
import { SchoolYear, Term } from '../shared/term';
import { Window } from '../shared/time';
import { ParameterName } from './parameters';
import { Cohorts } from './rounds';
import { OperatingItem, ReceiptCategory, WorkItem } from './workItems';

export const SchoolRegistered = eventCodec('SchoolRegistered', t.strict({ schoolId: SchoolId, name: NonEmptyText }));

/** R-WIN-1: the city's operating period for one school year and item. */
export const OperatingPeriodSet = eventCodec(
  'OperatingPeriodSet',
  t.strict({ schoolYear: SchoolYear, item: OperatingItem, window: Window }),
);

/**
 * R-WIN-2 / R-WIN-3: a work period set or changed; each change is its own event. R-ROUND-1: a submission,
 * confirmation or re-check period belongs to a round, named by `cohorts` (entry school years); without
 * `cohorts` it is the round of every cohort, as every period was before rounds (an additive optional
 * field: events written before read as they always did, so the schema version stays 1).
 */
export const WorkPeriodSet = eventCodec(
  'WorkPeriodSet',
  withOptional({ term: Term, item: WorkItem, window: Window }, { cohorts: Cohorts }, 'WorkPeriodSetData'),
);

/**
 * A school parameter in force from a school year on (R-OUT-3, R-OUT-4, R-PERF-2, R-FILE-1, R-FILE-3, R-NOTE-1).
 * The value widened from positive to non-negative for the reminder hour (0 = midnight): every value written
 * before still decodes as it did, so the schema version stays 1; the decider holds each parameter to its minimum.
 */
export const ParameterSet = eventCodec(
  'ParameterSet',
  t.strict({ parameter: ParameterName, value: t.union([NonNegativeInt, t.null]), effectiveFromSchoolYear: SchoolYear }),
);

export const ClassRegistered = eventCodec(
  'ClassRegistered',
  t.strict({ classId: Id, schoolYear: SchoolYear, name: NonEmptyText, homeroomTeacherId: Id }),
);

export const StudentEnrolled = eventCodec(
  'StudentEnrolled',
  t.strict({ studentId: Id, studentNumber: NonEmptyText, name: NonEmptyText, entrySchoolYear: SchoolYear }),
);

/** A student's class and seat number for one school year. */
export const StudentPlaced = eventCodec(
  'StudentPlaced',
  t.strict({ studentId: Id, schoolYear: SchoolYear, classId: Id, seatNumber: PositiveInt }),
);

/** R-AUTH-3 / R-REP-6: a teacher of the school (教師人員資料), by id and the name people know. */
export const TeacherRegistered = eventCodec('TeacherRegistered', t.strict({ teacherId: Id, name: NonEmptyText }));

const COURSE_FIELDS = {
  courseId: Id,
  term: Term,
  subject: NonEmptyText,
  name: NonEmptyText,
  credits: NonNegativeInt,
  teacherIds: t.array(Id),
};

/**
 * R-OUT-7: who of a co-taught course's teachers starts at 審核=是. `all` (or absent): every one, as seed 003
 * 3.4 lists them. `marked`: none until marked — the rule before issue 15, which CourseOpened v1 was decided
 * under; only the v1→v2 upcast writes it (docs/rules.md, "co-taught courses opened before the change").
 */
export const CoTeacherReview = t.keyof({ all: null, marked: null }, 'CoTeacherReview');

/** R-OUT-1: a course of a term; `credits` 0 marks a course that cannot carry outcomes. Schema v2 (`reviewers`). */
export const CourseOpened = eventCodec(
  'CourseOpened',
  withOptional(COURSE_FIELDS, { coTaught: t.boolean, reviewers: CoTeacherReview }, 'CourseOpenedData'),
);

/** The OpenCourse command's data: a course opened now always starts its co-teachers at 審核=是 (R-OUT-7). */
export const OpenCourseData = withOptional(COURSE_FIELDS, { coTaught: t.boolean }, 'OpenCourseData');

/** R-OUT-7: in a co-taught course (合開課程) the administrator set a teacher to 審核=是 (可以認證). */
export const CourseReviewerMarked = eventCodec('CourseReviewerMarked', t.strict({ courseId: Id, teacherId: Id }));

/** R-OUT-7: in a co-taught course the administrator set a teacher to 審核=否 (無法認證). */
export const CourseReviewerUnmarked = eventCodec('CourseReviewerUnmarked', t.strict({ courseId: Id, teacherId: Id }));

/** R-OUT-7: a proxy the administrator appointed to certify a course. */
export const CertificationProxyAppointed = eventCodec(
  'CertificationProxyAppointed',
  t.strict({ courseId: Id, teacherId: Id }),
);

/** R-OUT-1: the students who take a course, as synced from the school's records (replaces the roster). */
export const CourseRosterSynced = eventCodec('CourseRosterSynced', t.strict({ courseId: Id, studentIds: t.array(Id) }));

/** R-AUTH-5: the 新增/修改/刪除 rights a role group holds on one function module. */
export const FunctionRights = t.strict(
  { code: NonEmptyText, add: t.boolean, change: t.boolean, delete: t.boolean },
  'FunctionRights',
);
export type FunctionRights = t.TypeOf<typeof FunctionRights>;

/**
 * R-SUB-1 / R-AUTH-5: a role group (角色群組), defined or redefined whole (members are kept). `inUse`
 * (是否使用) absent means 是; a code of `functionCodes` absent from `rights` holds all three rights (seed 003
 * 3.1.2 ticks them all). Both fields are optional, so groups recorded before them read as in use with
 * every right.
 */
export const RoleGroupDefined = eventCodec(
  'RoleGroupDefined',
  withOptional(
    { groupId: Id, name: NonEmptyText, functionCodes: t.array(NonEmptyText) },
    { inUse: t.boolean, rights: t.array(FunctionRights) },
    'RoleGroupDefinedData',
  ),
);

export const RoleGroupMemberAdded = eventCodec('RoleGroupMemberAdded', t.strict({ groupId: Id, userId: Id }));

/** R-AUTH-5: a member removed from a role group; affects only later commands. */
export const RoleGroupMemberRemoved = eventCodec('RoleGroupMemberRemoved', t.strict({ groupId: Id, userId: Id }));

/** R-AUTH-6: at least one student, none twice. */
const LinkedStudentIds = t.refinement(
  t.array(Id),
  (ids) => ids.length > 0 && new Set(ids).size === ids.length,
  'LinkedStudentIds',
);

/**
 * R-AUTH-6: the school links a parent account (親子帳號) to one or more of its students; it then reads their
 * portfolios.
 */
export const ParentAccountLinked = eventCodec(
  'ParentAccountLinked',
  t.strict({ parentId: Id, studentIds: LinkedStudentIds }),
);

/** R-AUTH-6: the school removes links of a parent account; later reads through them are refused. */
export const ParentAccountUnlinked = eventCodec(
  'ParentAccountUnlinked',
  t.strict({ parentId: Id, studentIds: LinkedStudentIds }),
);

/** SHA-256 in lowercase hex. */
export const Sha256Digest = t.refinement(t.string, isSha256Hex, 'Sha256Digest');

/**
 * Ed25519 signature of a seal's statement (docs/audit.md), by the key whose id it names. `statement` says
 * what was signed: absent, the first statement (school stream, round, digest, heads); 2, the same and the
 * round's cohorts. Older signatures keep verifying as they were made.
 */
export const SealSignature = withOptional(
  {
    algorithm: t.literal('Ed25519'),
    /** First 16 hex digits of the SHA-256 of the public key (SPKI DER): which key to verify with. */
    keyId: t.refinement(t.string, (s) => /^[0-9a-f]{16}$/.test(s), 'KeyId'),
    /** Base64 of the 64-byte signature. */
    value: t.refinement(t.string, (s) => /^[A-Za-z0-9+/]{86}==$/.test(s), 'Ed25519Signature'),
  },
  { statement: t.literal(2) },
  'SealSignature',
);

/**
 * What a seal commits to, apart from the round it closes (issue 16): the exact head — revision and chain
 * hash — of every stream it covers, so the verifier checks those events and searches for nothing, and the
 * signature of all that when the deadline runner holds a key. `digest` is `headsDigest(heads)`.
 */
export const SealIntegrity = withOptional(
  { heads: t.array(t.tuple([t.string, NonNegativeInt, Sha256Digest])) },
  { signature: SealSignature },
  'SealIntegrity',
);
export type SealIntegrity = t.TypeOf<typeof SealIntegrity>;

/**
 * R-SEAL-1 / R-AUTH-4: the system seals a category's period once its confirmation is over. Schema v2:
 * `digest` is the digest of the heads of all the school's streams just before sealing (docs/audit.md);
 * `null` for a period sealed before digests existed (v1, upcast) or sealed without one. Schema v3 adds
 * `integrity` (the heads covered and the signature); a v2 seal upcasts to v3 without it. A v3 seal — one
 * written by this release — without a digest and heads is an audit finding.
 * R-ROUND-1: what is sealed is a round; `cohorts` names it. Without `cohorts` (every v1/v2 event, and a
 * school that runs one round a period) it is the round of every cohort. The round fields are kept apart
 * from the integrity fields (`digest`, `integrity`).
 */
export const PeriodSealed = eventCodec(
  'PeriodSealed',
  withOptional(
    { category: ReceiptCategory, period: Term, digest: t.union([Sha256Digest, t.null]) },
    { integrity: SealIntegrity, cohorts: Cohorts },
    'PeriodSealedData',
  ),
);

/** R-PLAN-1: a stage of plan approval — a role group's members, the plan's advisor, or the homeroom teacher. */
export const PlanApprovalStage = t.union(
  [
    t.strict({ kind: t.literal('roleGroup'), groupId: Id }, 'roleGroupStage'),
    t.strict({ kind: t.literal('advisor') }, 'advisorStage'),
    t.strict({ kind: t.literal('homeroom') }, 'homeroomStage'),
  ],
  'PlanApprovalStage',
);
export type PlanApprovalStage = t.TypeOf<typeof PlanApprovalStage>;

/** R-PLAN-1: the order of approval stages the school set for self-directed learning plans. */
export const PlanApprovalOrderSet = eventCodec(
  'PlanApprovalOrderSet',
  t.strict({ stages: t.refinement(t.array(PlanApprovalStage), (a) => a.length > 0, 'NonEmptyStages') }),
);

export const SchoolEvent = t.union(
  [
    SchoolRegistered,
    OperatingPeriodSet,
    WorkPeriodSet,
    ParameterSet,
    ClassRegistered,
    StudentEnrolled,
    StudentPlaced,
    TeacherRegistered,
    CourseOpened,
    CourseReviewerMarked,
    CourseReviewerUnmarked,
    CertificationProxyAppointed,
    CourseRosterSynced,
    RoleGroupDefined,
    RoleGroupMemberAdded,
    RoleGroupMemberRemoved,
    PeriodSealed,
    PlanApprovalOrderSet,
    ParentAccountLinked,
    ParentAccountUnlinked,
  ],
  'SchoolEvent',
);
export type SchoolEvent = t.TypeOf<typeof SchoolEvent>;
export type SchoolEventType = SchoolEvent['type'];

/** Codec of each event type, for the store's serializer. */
export const SCHOOL_EVENT_CODECS = codecsByType<SchoolEvent>(SchoolEvent.types);
