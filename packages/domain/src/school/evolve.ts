import type { Draft } from 'immer';
import type { FunctionRights, SchoolEvent } from './events';
import { sealedCategoryOfItem } from './policy';
import { cohortsSuffix, isRoundItem, roundKey, sameRound } from './rounds';
import type { SchoolState, TeacherInfo } from './state';
import { unknownEventIgnored } from '../shared/exhaustive';

/** R-ROUND-1: a round exists once one of its periods is set (or, in old logs, once it is sealed). */
const noteRound = (
  state: Draft<SchoolState>,
  category: string,
  period: string,
  cohorts: ReadonlyArray<number> | undefined,
): void => {
  const rounds = (state.rounds[`${category}:${period}`] ??= []);
  if (!rounds.some((known) => sameRound(known, cohorts))) rounds.push(cohorts ? [...cohorts] : null);
};

/** Total over every school event; unknown references (a course never opened) are ignored, not thrown. */
export const evolveSchool = (state: Draft<SchoolState>, event: SchoolEvent): void => {
  switch (event.type) {
    case 'SchoolRegistered':
      state.schoolId = event.data.schoolId;
      state.name = event.data.name;
      return;
    case 'OperatingPeriodSet':
      state.operatingPeriods[`${event.data.schoolYear}:${event.data.item}`] = { ...event.data.window };
      return;
    case 'WorkPeriodSet': {
      const { term, item, cohorts } = event.data;
      state.workPeriods[`${term}:${item}${cohortsSuffix(cohorts)}`] = { ...event.data.window };
      if (isRoundItem(item)) noteRound(state, sealedCategoryOfItem(item), term, cohorts);
      return;
    }
    case 'ParameterSet': {
      const entries = (state.parameters[event.data.parameter] ??= []);
      entries.push({ effectiveFromSchoolYear: event.data.effectiveFromSchoolYear, value: event.data.value });
      return;
    }
    case 'ClassRegistered':
      state.classes[event.data.classId] = { ...event.data };
      knownTeacher(state, event.data.homeroomTeacherId).classIds.push(event.data.classId);
      return;
    case 'TeacherRegistered': {
      const teacher = knownTeacher(state, event.data.teacherId);
      teacher.name = event.data.name;
      return;
    }
    case 'StudentEnrolled':
      // Object.assign: a spread followed by more keys costs ≈ 30 times as much on Node 20, and a city has 100,000
      // enrolments.
      state.students[event.data.studentId] = Object.assign({}, event.data, { placements: {} });
      return;
    case 'StudentPlaced': {
      const student = state.students[event.data.studentId];
      if (student)
        student.placements[event.data.schoolYear] = { classId: event.data.classId, seatNumber: event.data.seatNumber };
      return;
    }
    case 'CourseOpened': {
      const coTaught = event.data.coTaught ?? event.data.teacherIds.length > 1;
      for (const teacherId of event.data.teacherIds) knownTeacher(state, teacherId).courseIds.push(event.data.courseId);
      state.courses[event.data.courseId] = {
        courseId: event.data.courseId,
        term: event.data.term,
        subject: event.data.subject,
        name: event.data.name,
        credits: event.data.credits,
        teacherIds: [...event.data.teacherIds],
        coTaught,
        // R-OUT-7: every co-teacher starts at 審核=是, except in a course opened under the old rule (v1, upcast).
        reviewerIds: coTaught && event.data.reviewers !== 'marked' ? [...new Set(event.data.teacherIds)] : [],
        proxyIds: [],
        studentIds: {},
      };
      return;
    }
    case 'CourseReviewerMarked': {
      const course = state.courses[event.data.courseId];
      knownTeacher(state, event.data.teacherId);
      if (course && !course.reviewerIds.includes(event.data.teacherId)) course.reviewerIds.push(event.data.teacherId);
      return;
    }
    case 'CourseReviewerUnmarked': {
      const course = state.courses[event.data.courseId];
      if (course) course.reviewerIds = course.reviewerIds.filter((id) => id !== event.data.teacherId);
      return;
    }
    case 'CertificationProxyAppointed': {
      const course = state.courses[event.data.courseId];
      knownTeacher(state, event.data.teacherId);
      if (course && !course.proxyIds.includes(event.data.teacherId)) course.proxyIds.push(event.data.teacherId);
      return;
    }
    case 'CourseRosterSynced': {
      const course = state.courses[event.data.courseId];
      if (course) course.studentIds = Object.fromEntries(event.data.studentIds.map((id) => [id, true as const]));
      return;
    }
    case 'RoleGroupDefined':
      state.roleGroups[event.data.groupId] = {
        groupId: event.data.groupId,
        name: event.data.name,
        inUse: event.data.inUse ?? true,
        functionCodes: [...event.data.functionCodes],
        functions: functionsOf(event.data.functionCodes, event.data.rights ?? []),
        memberIds: state.roleGroups[event.data.groupId]?.memberIds ?? [],
      };
      return;
    case 'PeriodSealed':
      state.sealed[roundKey(event.data.category, event.data.period, event.data.cohorts)] = true;
      noteRound(state, event.data.category, event.data.period, event.data.cohorts);
      return;
    case 'PlanApprovalOrderSet':
      state.planApprovalStages = event.data.stages.map((stage) => ({ ...stage }));
      return;
    case 'ParentAccountLinked': {
      const links = (state.parentLinks[event.data.parentId] ??= {});
      for (const studentId of event.data.studentIds) links[studentId] = true;
      return;
    }
    case 'ParentAccountUnlinked': {
      const links = state.parentLinks[event.data.parentId];
      if (links) for (const studentId of event.data.studentIds) delete links[studentId];
      return;
    }
    case 'RoleGroupMemberAdded': {
      const group = state.roleGroups[event.data.groupId];
      if (group && !group.memberIds.includes(event.data.userId)) group.memberIds.push(event.data.userId);
      return;
    }
    case 'RoleGroupMemberRemoved': {
      const group = state.roleGroups[event.data.groupId];
      if (group) group.memberIds = group.memberIds.filter((id) => id !== event.data.userId);
      return;
    }
    default:
      return unknownEventIgnored(event);
  }
};

/**
 * The registry entry of a teacher, created unnamed when an event names a teacher the registry does not
 * hold. The decider refuses such commands now (R-AUTH-3); only events recorded before the registry existed
 * reach here, and their teachers stay known, so old streams replay into the same state and reports.
 */
const knownTeacher = (state: Draft<SchoolState>, teacherId: string): Draft<TeacherInfo> =>
  (state.teachers[teacherId] ??= { teacherId, name: null, courseIds: [], classIds: [] });

/** R-AUTH-5: a code held without stated rights holds all three (seed 003 3.1.2). */
const functionsOf = (
  codes: ReadonlyArray<FunctionRights['code']>,
  rights: ReadonlyArray<FunctionRights>,
): FunctionRights[] =>
  [...new Set(codes)].map((code) => {
    const stated = rights.find((r) => r.code === code);
    return stated ? { ...stated } : { code, add: true, change: true, delete: true };
  });
