import * as E from 'fp-ts/Either';
import type { Actor } from '../shared/actor';
import type { DomainRefusal } from '../errorCodes';
import { semesterOfTerm, schoolYearOfTerm } from '../shared/term';
import { liesWithin, type TaipeiInstant } from '../shared/time';
import { eventTypeOfSchoolCommand, type SchoolCommand } from './commands';
import { schoolErrors } from './errors';
import type { SchoolEvent } from './events';
import {
  PARAMETER_DEFAULTS,
  PARAMETER_MAXIMUM,
  PARAMETER_MINIMUM,
  PARAMETER_NULLABLE,
  type ParameterName,
  valueInForce,
} from './parameters';
import { groupFunctionOf } from './functions';
import { isLinkedParent, isTeacherOf, operatingPeriodOf, periodOf, sealedCategoryOfItem, workPeriodOf } from './policy';
import { mayUseFunction } from './rights';
import { isRoundItem, isRoundSealed, roundsOf, roundsOverlap, sameRound } from './rounds';
import type { SchoolState } from './state';
import { unreachable } from '../shared/exhaustive';
import {
  confirmationItemOf,
  isBoundedByOperatingPeriod,
  isYearlyCategory,
  isYearlyItem,
  operatingItemOf,
  recheckItemOf,
} from './workItems';

export interface SchoolContext {
  readonly now: TaipeiInstant;
  readonly actor: Actor;
}

type Check = DomainRefusal | null;

/** R-AUTH-3: who states which school facts. Rosters and courses also arrive from the school's records (system). */
const allowedRoles = (type: SchoolCommand['type']): ReadonlyArray<Actor['role']> => {
  switch (type) {
    case 'SetOperatingPeriod':
      // R-WIN-1: the city's period bounds the school's own (R-WIN-2), so the school cannot set it.
      return ['city'];
    case 'SealPeriod':
      return ['system'];
    case 'EnrollStudent':
    case 'PlaceStudent':
    case 'RegisterTeacher':
    case 'RegisterClass':
    case 'OpenCourse':
    case 'SyncCourseRoster':
      return ['admin', 'system'];
    case 'RegisterSchool':
    case 'SetWorkPeriod':
    case 'SetParameter':
    case 'MarkCourseReviewer':
    case 'UnmarkCourseReviewer':
    case 'AppointCertificationProxy':
    case 'DefineRoleGroup':
    case 'AddRoleGroupMember':
    case 'RemoveRoleGroupMember':
    case 'SetPlanApprovalOrder':
    case 'LinkParentAccount':
    case 'UnlinkParentAccount':
      return ['admin'];
    default:
      return unreachable(type);
  }
};

const checkWorkPeriod = (
  command: Extract<SchoolCommand, { type: 'SetWorkPeriod' }>,
  state: SchoolState,
  now: TaipeiInstant,
): Check => {
  const { term, item, window, cohorts } = command.data;
  if (!(window.start < window.end)) return schoolErrors.windowEmpty(window);
  const yearly = isYearlyItem(item);
  if (yearly !== (semesterOfTerm(term) === 0)) return schoolErrors.semesterMismatch(item, term, yearly);
  const schoolYear = schoolYearOfTerm(term);
  if (isBoundedByOperatingPeriod(item)) {
    const operating = operatingPeriodOf(state, schoolYear, operatingItemOf(item));
    if (!operating) return schoolErrors.operatingPeriodNotSet(schoolYear, operatingItemOf(item));
    if (!liesWithin(window, operating)) return schoolErrors.outsideOperatingPeriod(window, operating);
  }
  const category = sealedCategoryOfItem(item);
  const period = periodOf(category, term);
  const round = cohorts ?? null;
  if (!isRoundItem(item)) {
    if (round !== null) return schoolErrors.notPerRound(item, round);
  } else {
    // R-ROUND-1: rounds of one period never share a cohort, so each student has one round a period.
    const clash = roundsOf(state, category, period).find(
      (other) => !sameRound(other, round) && roundsOverlap(other, round),
    );
    if (clash !== undefined) return schoolErrors.roundsOverlap(category, period, round, clash);
  }
  // R-ROUND-2: a round's seal freezes that round's periods; the term's own periods freeze only with the every-cohort
  // seal.
  if (isRoundSealed(state, category, period, round)) return schoolErrors.periodSealed(category, period, round);
  const current = workPeriodOf(state, term, item, round);
  // R-WIN-3: a period may change while it is in the future or open, never once it has closed.
  if (current && now >= current.end) return schoolErrors.workPeriodClosed(item, term, current);
  return null;
};

/**
 * R-SEAL-1 / R-AUTH-4: only after the confirmation (and any re-check) deadline, and only once. The digest
 * is stated by the system, which computed it over the other streams just before; this decider sees only
 * the school stream, so it records the digest as stated and the audit verifies it (docs/audit.md).
 */
const checkSeal = (
  command: Extract<SchoolCommand, { type: 'SealPeriod' }>,
  state: SchoolState,
  now: TaipeiInstant,
): Check => {
  const { category, period } = command.data;
  const round = command.data.cohorts ?? null;
  const yearly = isYearlyCategory(category);
  if (yearly !== (semesterOfTerm(period) === 0))
    return schoolErrors.semesterMismatch(`${category}Confirmation`, period, yearly);
  if (isRoundSealed(state, category, period, round)) return schoolErrors.periodSealed(category, period, round);
  // R-ROUND-1: a round's own windows; another round's deadline says nothing about this one.
  const confirmation = workPeriodOf(state, period, confirmationItemOf(category), round);
  if (!confirmation || now < confirmation.end)
    return schoolErrors.deadlineNotPassed('confirmation', period, confirmation?.end ?? null, now);
  const recheck = workPeriodOf(state, period, recheckItemOf(category), round);
  if (recheck && now < recheck.end) return schoolErrors.deadlineNotPassed('re-check', period, recheck.end, now);
  return null;
};

const checkReferences = (command: SchoolCommand, state: SchoolState): Check => {
  switch (command.type) {
    case 'RegisterTeacher':
      // A teacher known only from records before the registry (unnamed) may be registered, which names them.
      return state.teachers[command.data.teacherId]?.name
        ? schoolErrors.duplicate('teacher', command.data.teacherId, 'R-AUTH-3')
        : null;
    case 'RegisterClass':
      if (state.classes[command.data.classId]) return schoolErrors.duplicate('class', command.data.classId, 'R-AUTH-3');
      return isTeacherOf(state, command.data.homeroomTeacherId)
        ? null
        : schoolErrors.teacherNotRegistered(command.data.homeroomTeacherId, 'homeroom', 'R-AUTH-2');
    case 'EnrollStudent':
      return state.students[command.data.studentId]
        ? schoolErrors.duplicate('student', command.data.studentId, 'R-AUTH-3')
        : null;
    case 'PlaceStudent':
      if (!state.students[command.data.studentId])
        return schoolErrors.unknownReference('student', command.data.studentId, 'R-AUTH-3');
      if (!state.classes[command.data.classId])
        return schoolErrors.unknownReference('class', command.data.classId, 'R-AUTH-3');
      return null;
    case 'OpenCourse': {
      if (state.courses[command.data.courseId])
        return schoolErrors.duplicate('course', command.data.courseId, 'R-OUT-1');
      const stranger = command.data.teacherIds.find((id) => !isTeacherOf(state, id));
      return stranger === undefined ? null : schoolErrors.teacherNotRegistered(stranger, 'courseTeacher', 'R-OUT-7');
    }
    case 'MarkCourseReviewer':
    case 'UnmarkCourseReviewer': {
      const course = state.courses[command.data.courseId];
      if (!course) return schoolErrors.unknownReference('course', command.data.courseId, 'R-OUT-7');
      // R-OUT-7: a reviewer (審核=是) is one of the course's own teachers; anyone else is a proxy, appointed as such.
      return course.teacherIds.includes(command.data.teacherId)
        ? null
        : schoolErrors.notCourseTeacher(command.data.teacherId, command.data.courseId);
    }
    case 'AppointCertificationProxy':
      if (!state.courses[command.data.courseId])
        return schoolErrors.unknownReference('course', command.data.courseId, 'R-OUT-7');
      return isTeacherOf(state, command.data.teacherId)
        ? null
        : schoolErrors.teacherNotRegistered(command.data.teacherId, 'proxy', 'R-OUT-7');
    case 'SyncCourseRoster':
      return state.courses[command.data.courseId]
        ? null
        : schoolErrors.unknownReference('course', command.data.courseId, 'R-OUT-1');
    case 'SetPlanApprovalOrder': {
      const missing = command.data.stages.find(
        (stage) => stage.kind === 'roleGroup' && !state.roleGroups[stage.groupId],
      );
      return missing?.kind === 'roleGroup'
        ? schoolErrors.unknownReference('role group', missing.groupId, 'R-PLAN-1')
        : null;
    }
    case 'LinkParentAccount': {
      // R-AUTH-6: the school links a parent only to its own students, and each link once.
      const { parentId, studentIds } = command.data;
      const stranger = studentIds.find((id) => !state.students[id]);
      if (stranger !== undefined) return schoolErrors.unknownReference('student', stranger, 'R-AUTH-6');
      const linked = studentIds.find((id) => isLinkedParent(state, parentId, id));
      return linked === undefined ? null : schoolErrors.parentAlreadyLinked(parentId, linked);
    }
    case 'UnlinkParentAccount': {
      const { parentId, studentIds } = command.data;
      const unlinked = studentIds.find((id) => !isLinkedParent(state, parentId, id));
      return unlinked === undefined ? null : schoolErrors.parentNotLinked(parentId, unlinked);
    }
    case 'AddRoleGroupMember':
      return state.roleGroups[command.data.groupId]
        ? null
        : schoolErrors.unknownReference('role group', command.data.groupId, 'R-SUB-1');
    case 'RemoveRoleGroupMember': {
      const group = state.roleGroups[command.data.groupId];
      if (!group) return schoolErrors.unknownReference('role group', command.data.groupId, 'R-AUTH-5');
      return group.memberIds.includes(command.data.userId)
        ? null
        : schoolErrors.unknownReference(`member of role group ${group.groupId}`, command.data.userId, 'R-AUTH-5');
    }
    case 'DefineRoleGroup': {
      // R-AUTH-5: rights are stated for the modules the group holds, nothing else.
      const stray = (command.data.rights ?? []).find((r) => !command.data.functionCodes.includes(r.code));
      return stray
        ? schoolErrors.unknownReference(`function module of role group ${command.data.groupId}`, stray.code, 'R-AUTH-5')
        : null;
    }
    case 'RegisterSchool':
    case 'SetOperatingPeriod':
    case 'SetWorkPeriod':
    case 'SetParameter':
    case 'SealPeriod':
      // Periods, parameters and seals are checked on their own (checkWorkPeriod, checkParameter, checkSeal).
      return null;
    default:
      return unreachable(command);
  }
};

/** PARAMETER_BELOW_MINIMUM under its rule: R-OUT-3 for the upload quota, R-AUTH-3 for the others. */
const belowMinimum = (parameter: ParameterName, actual: number | null): Check =>
  parameter === 'outcomeUploadQuota'
    ? schoolErrors.uploadQuotaBelowMinimum(PARAMETER_MINIMUM[parameter], actual)
    : schoolErrors.parameterBelowMinimum(parameter, PARAMETER_MINIMUM[parameter], actual);

const checkParameter = (command: SchoolCommand): Check => {
  if (command.type !== 'SetParameter') return null;
  const { parameter, value, effectiveFromSchoolYear } = command.data;
  if (value === null) return PARAMETER_NULLABLE.has(parameter) ? null : belowMinimum(parameter, null);
  if (value < PARAMETER_MINIMUM[parameter]) return belowMinimum(parameter, value);
  const maximum = PARAMETER_MAXIMUM[parameter];
  if (maximum !== undefined && value > maximum) return schoolErrors.parameterAboveMaximum(parameter, maximum, value);
  // R-FILE-1 / R-FILE-3: file and storage limits are national; a school may be stricter, never looser.
  switch (parameter) {
    case 'documentMaxBytes':
    case 'mediaMaxBytes':
    case 'storageMaxBytes': {
      const national = valueInForce(PARAMETER_DEFAULTS[parameter], effectiveFromSchoolYear)?.value;
      if (national == null || value <= national) return null;
      return parameter === 'storageMaxBytes'
        ? schoolErrors.storageAboveNational(national, value)
        : schoolErrors.fileSizeAboveNational(parameter, national, value);
    }
    default:
      return null;
  }
};

/** The school decider: checks who states a fact and whether it is consistent, then records it as stated. */
export const decideSchool = (
  command: SchoolCommand,
  state: SchoolState,
  context: SchoolContext,
): E.Either<DomainRefusal, ReadonlyArray<SchoolEvent>> => {
  // R-AUTH-5: a function a role group can hold is the administrator's or a member's of a group in use holding it.
  const fn = groupFunctionOf(command, state);
  if (fn && !mayUseFunction(state, context.actor, fn.codes, fn.right))
    return E.left(schoolErrors.functionNotHeld(context.actor, command.type, fn.codes, fn.right));
  if (!fn && !allowedRoles(command.type).includes(context.actor.role)) {
    return E.left(
      command.type === 'SealPeriod'
        ? schoolErrors.systemOnly(context.actor.role, command.type)
        : command.type === 'SetOperatingPeriod'
          ? schoolErrors.cityOnly(context.actor.role, command.type)
          : schoolErrors.notAdministrator(context.actor.role, command.type),
    );
  }
  if (command.type === 'RegisterSchool') {
    return state.schoolId === null
      ? E.right([{ type: 'SchoolRegistered', data: command.data }])
      : E.left(schoolErrors.schoolAlreadyRegistered(state.schoolId));
  }
  if (state.schoolId === null) return E.left(schoolErrors.schoolNotRegistered(command.data.schoolId));
  const problem =
    (command.type === 'SetWorkPeriod' ? checkWorkPeriod(command, state, context.now) : null) ??
    (command.type === 'SealPeriod' ? checkSeal(command, state, context.now) : null) ??
    checkReferences(command, state) ??
    checkParameter(command);
  if (problem) return E.left(problem);
  const { schoolId: _schoolId, ...data } = command.data;
  return E.right([{ type: eventTypeOfSchoolCommand[command.type], data } as SchoolEvent]);
};
