import { freezeDeep } from '../shared/freeze';
import type { NonEmptyText } from '../shared/primitives';
import type { Term } from '../shared/term';
import type { Window } from '../shared/time';
import type { FunctionRights, PlanApprovalStage } from './events';
import type { RoundCohorts } from './rounds';
import type { ParameterName, ParameterValue } from './parameters';

export interface ClassInfo {
  readonly classId: string;
  readonly schoolYear: number;
  readonly name: string;
  readonly homeroomTeacherId: string;
}

export interface StudentInfo {
  readonly studentId: string;
  readonly studentNumber: string;
  readonly name: string;
  readonly entrySchoolYear: number;
  /** Class and seat per school year. */
  readonly placements: Readonly<Record<number, { readonly classId: string; readonly seatNumber: number }>>;
}

export interface CourseInfo {
  readonly courseId: string;
  readonly term: Term;
  readonly subject: NonEmptyText;
  readonly name: string;
  readonly credits: number;
  readonly teacherIds: ReadonlyArray<string>;
  readonly coTaught: boolean;
  /** R-OUT-7: co-taught teachers at 審核=是 (every one from the start, unless opened under the old rule). */
  readonly reviewerIds: ReadonlyArray<string>;
  /** R-OUT-7: appointed proxies. */
  readonly proxyIds: ReadonlyArray<string>;
  readonly studentIds: Readonly<Record<string, true>>;
}

/**
 * R-AUTH-3 / R-REP-6: a teacher of the school. `name` is null for a teacher known only from records written
 * before the registry existed (a class's homeroom teacher, a course's teacher, reviewer or proxy).
 */
export interface TeacherInfo {
  readonly teacherId: string;
  readonly name: string | null;
  /** The courses they teach and the classes they are homeroom teacher of, in the order recorded. */
  readonly courseIds: ReadonlyArray<string>;
  readonly classIds: ReadonlyArray<string>;
}

export interface RoleGroup {
  readonly groupId: string;
  readonly name: string;
  /** R-AUTH-5: 是否使用. */
  readonly inUse: boolean;
  readonly functionCodes: ReadonlyArray<string>;
  /** R-AUTH-5: the 新增/修改/刪除 rights of each function code held, in the order of `functionCodes`. */
  readonly functions: ReadonlyArray<FunctionRights>;
  readonly memberIds: ReadonlyArray<string>;
}

/**
 * The school's own facts, folded from `school-{schoolId}`. Command handling passes it to the portfolio
 * decider as the policy in force (`SchoolPolicy`): periods, parameters, roster and courses.
 */
export interface SchoolState {
  readonly schoolId: string | null;
  readonly name: string;
  /** Keyed `${schoolYear}:${item}` (R-WIN-1). */
  readonly operatingPeriods: Readonly<Record<string, Window>>;
  /** Keyed `${term}:${item}` (R-WIN-2). */
  readonly workPeriods: Readonly<Record<string, Window>>;
  /** Values the school set, in the order set; defaults apply where none is in force (R-OUT-3 ...). */
  readonly parameters: Readonly<Partial<Record<ParameterName, ReadonlyArray<ParameterValue>>>>;
  readonly classes: Readonly<Record<string, ClassInfo>>;
  readonly students: Readonly<Record<string, StudentInfo>>;
  readonly courses: Readonly<Record<string, CourseInfo>>;
  /** R-AUTH-3: the teacher registry. */
  readonly teachers: Readonly<Record<string, TeacherInfo>>;
  readonly roleGroups: Readonly<Record<string, RoleGroup>>;
  /**
   * Keyed `roundKey(category, period, cohorts)`: `${category}:${period}` for the every-cohort round (R-SEAL-1,
   * R-ROUND-1).
   */
  readonly sealed: Readonly<Record<string, true>>;
  /** R-ROUND-1: per `${category}:${period}`, the cohorts of each round it has (`null`: every cohort). */
  readonly rounds: Readonly<Record<string, ReadonlyArray<RoundCohorts>>>;
  /** R-PLAN-1: empty until the school sets an order. */
  readonly planApprovalStages: ReadonlyArray<PlanApprovalStage>;
  /** R-AUTH-6: per parent account, the students the school linked it to. */
  readonly parentLinks: Readonly<Record<string, Readonly<Record<string, true>>>>;
}

export type SchoolPolicy = SchoolState;

/** A new school state owned by the caller: the school decider's `initialState` (shared/decider.ts). */
export const newSchoolState = (): SchoolState => ({
  schoolId: null,
  name: '',
  operatingPeriods: {},
  workPeriods: {},
  parameters: {},
  classes: {},
  students: {},
  courses: {},
  teachers: {},
  roleGroups: {},
  sealed: {},
  rounds: {},
  planApprovalStages: [],
  parentLinks: {},
});

/** The state of a school not registered, as a frozen value. */
export const initialSchoolState: SchoolState = freezeDeep(newSchoolState());
