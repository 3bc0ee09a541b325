import * as t from 'io-ts';
import { SchoolId } from '../shared/primitives';
import { OpenCourseData, SchoolEvent } from './events';

/**
 * The school's commands carry the same fields as the events they produce, plus `schoolId` to route them:
 * these are facts the administrator (or the school's records) states, checked and then recorded as they are.
 * The command name is the event name in the imperative. So SealPeriod carries the `digest` that
 * PeriodSealed v2 records: the system states it, having computed it just before sealing.
 */
const COMMAND_OF = {
  SchoolRegistered: 'RegisterSchool',
  OperatingPeriodSet: 'SetOperatingPeriod',
  WorkPeriodSet: 'SetWorkPeriod',
  ParameterSet: 'SetParameter',
  ClassRegistered: 'RegisterClass',
  StudentEnrolled: 'EnrollStudent',
  StudentPlaced: 'PlaceStudent',
  TeacherRegistered: 'RegisterTeacher',
  CourseOpened: 'OpenCourse',
  CourseReviewerMarked: 'MarkCourseReviewer',
  CourseReviewerUnmarked: 'UnmarkCourseReviewer',
  CertificationProxyAppointed: 'AppointCertificationProxy',
  CourseRosterSynced: 'SyncCourseRoster',
  RoleGroupDefined: 'DefineRoleGroup',
  RoleGroupMemberAdded: 'AddRoleGroupMember',
  RoleGroupMemberRemoved: 'RemoveRoleGroupMember',
  PeriodSealed: 'SealPeriod',
  PlanApprovalOrderSet: 'SetPlanApprovalOrder',
} as const;

type EventOf<K> = Extract<SchoolEvent, { type: K }>;
/** OpenCourse cannot state `reviewers`: only the upcast of a course opened under the old rule carries it (R-OUT-7). */
type DataOf<K> = K extends 'CourseOpened' ? Omit<EventOf<K>['data'], 'reviewers'> : EventOf<K>['data'];
type CommandFor<K extends keyof typeof COMMAND_OF> = {
  readonly type: (typeof COMMAND_OF)[K];
  readonly data: DataOf<K> & { readonly schoolId: string };
};

export type SchoolCommand = { [K in keyof typeof COMMAND_OF]: CommandFor<K> }[keyof typeof COMMAND_OF];
export type SchoolCommandType = SchoolCommand['type'];

const SchoolRef = t.strict({ schoolId: SchoolId });

/** Data codec of each school command, keyed by command type. */
export const SCHOOL_COMMAND_DATA: { readonly [K in SchoolCommandType]: t.Mixed } = Object.fromEntries(
  SchoolEvent.types.map((codec) => {
    const eventType = codec.name as keyof typeof COMMAND_OF;
    const dataCodec = eventType === 'CourseOpened' ? OpenCourseData : (codec.props.data as t.Mixed);
    const data = eventType === 'SchoolRegistered' ? dataCodec : t.intersection([SchoolRef, dataCodec]);
    return [COMMAND_OF[eventType], data];
  }),
) as never;

export const eventTypeOfSchoolCommand = Object.fromEntries(
  Object.entries(COMMAND_OF).map(([event, command]) => [command, event]),
) as { readonly [K in SchoolCommandType]: SchoolEvent['type'] };
