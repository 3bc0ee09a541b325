import * as t from 'io-ts';
import { codecsByType, eventCodec } from '../shared/codecs';
import { Id, NonEmptyText, NonNegativeInt, PositiveInt, withOptional } from '../shared/primitives';
import { SchoolYear, Term } from '../shared/term';
import { Window } from '../shared/time';
import { ParameterName } from './parameters';
import { OperatingItem, ReceiptCategory, WorkItem } from './workItems';

export const SchoolRegistered = eventCodec('SchoolRegistered', t.type({ schoolId: Id, name: NonEmptyText }));

/** R-WIN-1: the city's operating period for one school year and item. */
export const OperatingPeriodSet = eventCodec(
  'OperatingPeriodSet',
  t.type({ schoolYear: SchoolYear, item: OperatingItem, window: Window }),
);

/** R-WIN-2 / R-WIN-3: a work period set or changed; each change is its own event. */
export const WorkPeriodSet = eventCodec('WorkPeriodSet', t.type({ term: Term, item: WorkItem, window: Window }));

/** A school parameter in force from a school year on (R-OUT-3, R-OUT-4, R-PERF-2, R-FILE-1, R-FILE-3). */
export const ParameterSet = eventCodec(
  'ParameterSet',
  t.type({ parameter: ParameterName, value: t.union([PositiveInt, t.null]), effectiveFromSchoolYear: SchoolYear }),
);

export const ClassRegistered = eventCodec(
  'ClassRegistered',
  t.type({ classId: Id, schoolYear: SchoolYear, name: NonEmptyText, homeroomTeacherId: Id }),
);

export const StudentEnrolled = eventCodec(
  'StudentEnrolled',
  t.type({ studentId: Id, studentNumber: NonEmptyText, name: NonEmptyText, entrySchoolYear: SchoolYear }),
);

/** A student's class and seat number for one school year. */
export const StudentPlaced = eventCodec(
  'StudentPlaced',
  t.type({ studentId: Id, schoolYear: SchoolYear, classId: Id, seatNumber: PositiveInt }),
);

/** R-OUT-1: a course of a term; `credits` 0 marks a course that cannot carry outcomes. */
export const CourseOpened = eventCodec(
  'CourseOpened',
  withOptional(
    { courseId: Id, term: Term, subject: NonEmptyText, name: NonEmptyText, credits: NonNegativeInt, teacherIds: t.array(Id) },
    { coTaught: t.boolean },
    'CourseOpenedData',
  ),
);

/** R-OUT-7: in a co-taught course (合開課程) a teacher the administrator marked 審核=是. */
export const CourseReviewerMarked = eventCodec('CourseReviewerMarked', t.type({ courseId: Id, teacherId: Id }));

/** R-OUT-7: a proxy the administrator appointed to certify a course. */
export const CertificationProxyAppointed = eventCodec(
  'CertificationProxyAppointed',
  t.type({ courseId: Id, teacherId: Id }),
);

/** R-OUT-1: the students who take a course, as synced from the school's records (replaces the roster). */
export const CourseRosterSynced = eventCodec('CourseRosterSynced', t.type({ courseId: Id, studentIds: t.array(Id) }));

/** R-SUB-1 / R-AUTH-3: a role group and the function codes it holds. */
export const RoleGroupDefined = eventCodec(
  'RoleGroupDefined',
  t.type({ groupId: Id, name: NonEmptyText, functionCodes: t.array(NonEmptyText) }),
);

export const RoleGroupMemberAdded = eventCodec('RoleGroupMemberAdded', t.type({ groupId: Id, userId: Id }));

/** R-SEAL-1 / R-AUTH-4: the system seals a category's period once its confirmation is over. */
export const PeriodSealed = eventCodec('PeriodSealed', t.type({ category: ReceiptCategory, period: Term }));

/** R-PLAN-1: a stage of plan approval — a role group's members, the plan's advisor, or the homeroom teacher. */
export const PlanApprovalStage = t.union(
  [
    t.type({ kind: t.literal('roleGroup'), groupId: Id }, 'roleGroupStage'),
    t.type({ kind: t.literal('advisor') }, 'advisorStage'),
    t.type({ kind: t.literal('homeroom') }, 'homeroomStage'),
  ],
  'PlanApprovalStage',
);
export type PlanApprovalStage = t.TypeOf<typeof PlanApprovalStage>;

/** R-PLAN-1: the order of approval stages the school set for self-directed learning plans. */
export const PlanApprovalOrderSet = eventCodec(
  'PlanApprovalOrderSet',
  t.type({ stages: t.refinement(t.array(PlanApprovalStage), (a) => a.length > 0, 'NonEmptyStages') }),
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
    CourseOpened,
    CourseReviewerMarked,
    CertificationProxyAppointed,
    CourseRosterSynced,
    RoleGroupDefined,
    RoleGroupMemberAdded,
    PeriodSealed,
    PlanApprovalOrderSet,
  ],
  'SchoolEvent',
);
export type SchoolEvent = t.TypeOf<typeof SchoolEvent>;
export type SchoolEventType = SchoolEvent['type'];

/** Codec of each event type, for the store's serializer. */
export const SCHOOL_EVENT_CODECS = codecsByType<SchoolEvent>(SchoolEvent.types);
