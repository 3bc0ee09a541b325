import type { EventDocs } from '../shared/eventDoc';
import type { SchoolCommandType } from './commands';
import type { SchoolEvent } from './events';

/** The school stream's events: what each records, the rules behind it, the commands that record it (docs/events.md). */
export const SCHOOL_EVENT_DOCS: EventDocs<typeof SchoolEvent.types, SchoolCommandType> = {
  SchoolRegistered: {
    meaning: 'The school was registered; every other command for the school needs this first.',
    rules: ['R-AUTH-3'],
    commands: ['RegisterSchool'],
  },
  OperatingPeriodSet: {
    meaning:
      "The city's operating period (作業期間) for outcomes or performances in one school year, set by the city; " +
      'work periods must lie inside it.',
    rules: ['R-WIN-1'],
    commands: ['SetOperatingPeriod'],
  },
  WorkPeriodSet: {
    meaning:
      'A work period (作業時間) set or changed for a term and item; each change is its own event and later ' +
      'actions are judged by it. ' +
      'A submission, confirmation or re-check period belongs to a round: `cohorts` names it, absent for the ' +
      'round of every cohort (every period set before rounds).',
    rules: ['R-WIN-2', 'R-WIN-3', 'R-TIME-2', 'R-SEAL-2', 'R-ROUND-1'],
    commands: ['SetWorkPeriod'],
  },
  ParameterSet: {
    meaning:
      'A school parameter in force from a school year on; `null` means no limit (performance cap) or no mail ' +
      "(the teachers' reminder hour). File and storage limits may not exceed the national ones. The reminder " +
      "parameters (hour 0–23, days from 1) are R-NOTE-1's; the value widened from positive to non-negative " +
      'for the hour 0, so every value written before reads as it did (schema 1).',
    rules: ['R-OUT-3', 'R-OUT-4', 'R-PERF-2', 'R-FILE-1', 'R-FILE-3', 'R-NOTE-1', 'R-AUTH-3'],
    commands: ['SetParameter'],
  },
  ClassRegistered: {
    meaning: 'A class of a school year and its homeroom teacher (導師).',
    rules: ['R-AUTH-2', 'R-AUTH-3'],
    commands: ['RegisterClass'],
  },
  StudentEnrolled: {
    meaning: 'A student enrolled at the school, with student number, name and entry school year.',
    rules: ['R-AUTH-1', 'R-AUTH-3', 'R-PERF-4'],
    commands: ['EnrollStudent'],
  },
  StudentPlaced: {
    meaning: "A student's class and seat number (座號) for one school year.",
    rules: ['R-AUTH-2', 'R-REP-1'],
    commands: ['PlaceStudent'],
  },
  TeacherRegistered: {
    meaning:
      'A teacher of the school (教師人員資料) and the name reports show; certifiers, reviewers, proxies, homeroom ' +
      'teachers and plan advisors must be registered. Naming a teacher known only from older records gives ' +
      'them their name.',
    rules: ['R-AUTH-3', 'R-REP-6'],
    commands: ['RegisterTeacher'],
  },
  CourseOpened: {
    meaning:
      'A course of a term with its subject, credits and registered teachers; `coTaught` defaults to "more ' +
      'than one teacher", and every co-teacher starts at 審核=是. Schema v2: a v1 event is upcast with ' +
      '`reviewers: "marked"` (its co-teachers review only once marked, the rule it was decided under).',
    rules: ['R-OUT-1', 'R-OUT-7', 'R-AUTH-3'],
    commands: ['OpenCourse'],
  },
  CourseReviewerMarked: {
    meaning:
      'In a co-taught course (合開課程), one of its teachers set to 審核=是 (可以認證), who may certify its outcomes ' +
      'from then on.',
    rules: ['R-OUT-7', 'R-AUTH-5'],
    commands: ['MarkCourseReviewer'],
  },
  CourseReviewerUnmarked: {
    meaning:
      'In a co-taught course, one of its teachers set to 審核=否 (無法認證); later certifications by them are refused.',
    rules: ['R-OUT-7', 'R-AUTH-5'],
    commands: ['UnmarkCourseReviewer'],
  },
  CertificationProxyAppointed: {
    meaning: "A proxy teacher appointed to certify a course's outcomes.",
    rules: ['R-OUT-7'],
    commands: ['AppointCertificationProxy'],
  },
  CourseRosterSynced: {
    meaning: "The students taking a course, from the school's records; replaces the course's roster.",
    rules: ['R-OUT-1'],
    commands: ['SyncCourseRoster'],
  },
  RoleGroupDefined: {
    meaning:
      'A role group (角色群組): its function codes, whether it is in use (是否使用, absent = 是) and the ' +
      '新增/修改/刪除 ' +
      'rights per code (a code not listed in `rights` holds all three); defining it again replaces all of ' +
      'these, keeping members.',
    rules: ['R-SUB-1', 'R-AUTH-3', 'R-AUTH-5'],
    commands: ['DefineRoleGroup'],
  },
  RoleGroupMemberAdded: {
    meaning: 'A user added to a role group.',
    rules: ['R-SUB-1', 'R-AUTH-3', 'R-AUTH-5'],
    commands: ['AddRoleGroupMember'],
  },
  RoleGroupMemberRemoved: {
    meaning: "A user removed from a role group; their later commands no longer use the group's functions.",
    rules: ['R-AUTH-5'],
    commands: ['RemoveRoleGroupMember'],
  },
  PeriodSealed: {
    meaning:
      "A round of a receipt category's period sealed (封存) by the system once its confirmation is over; " +
      'nothing in it changes again. ' +
      '`cohorts` names the round, absent for the round of every cohort (every v1/v2 seal). ' +
      "`digest` is the digest of the school's stream heads just before sealing (docs/audit.md), `null` for " +
      'seals without one. ' +
      'Schema 3 adds `integrity`: the exact heads covered and, when the deadline runner holds a key, its ' +
      "Ed25519 signature; a signature with `statement: 2` also covers the round's `cohorts`.",
    rules: ['R-SEAL-1', 'R-SEAL-2', 'R-AUTH-4', 'R-ROUND-1', 'R-ROUND-2'],
    commands: ['SealPeriod'],
  },
  PlanApprovalOrderSet: {
    meaning: 'The order of approval stages for self-directed learning plans (自主學習計畫).',
    rules: ['R-PLAN-1'],
    commands: ['SetPlanApprovalOrder'],
  },
  ParentAccountLinked: {
    meaning:
      'The school linked a parent account (親子帳號) to students of the school; through the link it reads their ' +
      'portfolios, statements and notices, and writes nothing.',
    rules: ['R-AUTH-6', 'R-AUTH-3'],
    commands: ['LinkParentAccount'],
  },
  ParentAccountUnlinked: {
    meaning: 'The school removed links of a parent account; reads through them are refused from then on.',
    rules: ['R-AUTH-6', 'R-AUTH-3'],
    commands: ['UnlinkParentAccount'],
  },
};
