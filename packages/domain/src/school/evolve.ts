import type { Draft } from 'immer';
import type { SchoolEvent } from './events';
import { sealedCategoryOfItem } from './policy';
import { cohortsSuffix, isRoundItem, roundKey, sameRound } from './rounds';
import type { SchoolState } from './state';

/** R-ROUND-1: a round exists once one of its periods is set (or, in old logs, once it is sealed). */
const noteRound = (state: Draft<SchoolState>, category: string, period: string, cohorts: ReadonlyArray<number> | undefined): void => {
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
      return;
    case 'StudentEnrolled':
      // Object.assign: a spread followed by more keys costs ≈ 30 times as much on Node 20, and a city has 100,000 enrolments.
      state.students[event.data.studentId] = Object.assign({}, event.data, { placements: {} });
      return;
    case 'StudentPlaced': {
      const student = state.students[event.data.studentId];
      if (student) student.placements[event.data.schoolYear] = { classId: event.data.classId, seatNumber: event.data.seatNumber };
      return;
    }
    case 'CourseOpened':
      state.courses[event.data.courseId] = {
        courseId: event.data.courseId,
        term: event.data.term,
        subject: event.data.subject,
        name: event.data.name,
        credits: event.data.credits,
        teacherIds: [...event.data.teacherIds],
        coTaught: event.data.coTaught ?? event.data.teacherIds.length > 1,
        reviewerIds: [],
        proxyIds: [],
        studentIds: {},
      };
      return;
    case 'CourseReviewerMarked': {
      const course = state.courses[event.data.courseId];
      if (course && !course.reviewerIds.includes(event.data.teacherId)) course.reviewerIds.push(event.data.teacherId);
      return;
    }
    case 'CertificationProxyAppointed': {
      const course = state.courses[event.data.courseId];
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
        functionCodes: [...event.data.functionCodes],
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
    case 'RoleGroupMemberAdded': {
      const group = state.roleGroups[event.data.groupId];
      if (group && !group.memberIds.includes(event.data.userId)) group.memberIds.push(event.data.userId);
      return;
    }
  }
};
