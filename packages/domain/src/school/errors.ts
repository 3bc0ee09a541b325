import { domainError } from '../shared/errors';
import type { Role } from '../shared/actor';
import type { RuleId } from '../shared/rules';
import type { Window } from '../shared/time';
import { roundLabel, type RoundCohorts } from './rounds';
import { RIGHT_NAMES, type FunctionRight } from './rights';

/** What a teacher is named as, in both languages (TEACHER_NOT_REGISTERED). */
const TEACHER_DUTIES = {
  homeroom: ['導師', 'a homeroom teacher'],
  courseTeacher: ['授課教師', "a course's teacher"],
  proxy: ['代理認證教師', 'a certification proxy'],
  advisor: ['自主學習計畫指導教師', "a learning plan's advisor"],
} as const;
export type TeacherDuty = keyof typeof TEACHER_DUTIES;

const range = (w: Window): string => `${w.start} – ${w.end}`;

// One wording each for PARAMETER_BELOW_MINIMUM and PARAMETER_ABOVE_NATIONAL_LIMIT; each factory fixes its rule.
const belowMinimum = (parameter: string, minimum: number, actual: number | null, rule: RuleId) =>
  domainError(
    'PARAMETER_BELOW_MINIMUM',
    rule,
    `參數 ${parameter} 不可低於 ${minimum}${actual === null ? '，也不可設為不限' : `，收到 ${actual}`}`,
    `Parameter ${parameter} may not be below ${minimum}${actual === null ? ' nor unlimited' : `; got ${actual}`}`,
    { parameter, limit: minimum, actual },
  );

const aboveNational = (parameter: string, limit: number, actual: number, rule: RuleId) =>
  domainError(
    'PARAMETER_ABOVE_NATIONAL_LIMIT',
    rule,
    `參數 ${parameter} 不可高於全國上限 ${limit}，收到 ${actual}`,
    `Parameter ${parameter} may not exceed the national limit of ${limit}; got ${actual}`,
    { parameter, limit, actual },
  );

export const schoolErrors = {
  notAdministrator: (role: Role, command: string) =>
    domainError(
      'NOT_SCHOOL_ADMINISTRATOR',
      'R-AUTH-3',
      `只有學校管理者可以執行「${command}」，目前身分為 ${role}`,
      `Only the school administrator may ${command}; the actor is a ${role}`,
      { role, command },
    ),
  cityOnly: (role: Role, command: string) =>
    domainError(
      'ROLE_NOT_ALLOWED',
      'R-WIN-1',
      `「${command}」是市府設定的作業期間，${role} 不可執行`,
      `${command} is set by the city, not by a ${role}`,
      { role, command },
    ),
  systemOnly: (role: Role, command: string) =>
    domainError(
      'SYSTEM_ACTOR_ONLY',
      'R-AUTH-4',
      `「${command}」是期限後由系統執行的作業，${role} 不可執行`,
      `${command} is a deadline effect carried out by the system only, not by a ${role}`,
      { role, command },
    ),
  deadlineNotPassed: (what: string, period: string, deadline: string | null, now: string) =>
    domainError(
      'DEADLINE_NOT_PASSED',
      'R-AUTH-4',
      deadline === null
        ? `${period}「${what}」尚未設定期限，不可執行期限後作業`
        : `${period}「${what}」期限 ${deadline} 尚未到（現在 ${now}）`,
      deadline === null
        ? `No ${what} deadline is set for ${period}; deadline effects cannot run`
        : `The ${what} deadline of ${period} is ${deadline}; it has not passed at ${now}`,
      { what, period, deadline, now },
    ),
  periodSealed: (category: string, period: string, cohorts: RoundCohorts = null) =>
    domainError(
      'PERIOD_SEALED',
      'R-SEAL-2',
      `${period}「${category}」${cohorts ? `（${roundLabel(cohorts).zh}梯次）` : ''}資料已封存，不可再變更`,
      `The ${category} data of ${period}${cohorts ? ` (round of ${roundLabel(cohorts).en})` : ''} is sealed and can no longer change`,
      { category, period, cohorts },
    ),
  roundsOverlap: (category: string, period: string, cohorts: RoundCohorts, other: RoundCohorts) =>
    domainError(
      'ROUNDS_OVERLAP',
      'R-ROUND-1',
      `${period}「${category}」的梯次（${roundLabel(cohorts).zh}）與已設定的梯次（${roundLabel(other).zh}）` +
        `涵蓋相同學生`,
      `The ${category} round of ${period} for ${roundLabel(cohorts).en} shares students with its round for ` +
        `${roundLabel(other).en}`,
      { category, period, cohorts, otherCohorts: other },
    ),
  notPerRound: (item: string, cohorts: RoundCohorts) =>
    domainError(
      'WORK_PERIOD_NOT_PER_ROUND',
      'R-ROUND-1',
      `「${item}」不屬於梯次，不可指定入學年度（${roundLabel(cohorts).zh}）`,
      `The ${item} period is the school's, not a round's: it takes no cohorts (${roundLabel(cohorts).en})`,
      { item, cohorts },
    ),
  /** The one SCHOOL_NOT_REGISTERED: R-AUTH-3 by default; a transfer (R-XFER-1) names its own rule. */
  schoolNotRegistered: (schoolId: string, rule: RuleId = 'R-AUTH-3') =>
    domainError('SCHOOL_NOT_REGISTERED', rule, `學校 ${schoolId} 尚未建立`, `School ${schoolId} is not registered`, {
      schoolId,
    }),
  schoolAlreadyRegistered: (schoolId: string) =>
    domainError(
      'SCHOOL_ALREADY_REGISTERED',
      'R-AUTH-3',
      `學校 ${schoolId} 已經建立`,
      `School ${schoolId} is already registered`,
      {
        schoolId,
      },
    ),
  windowEmpty: (window: Window) =>
    domainError(
      'WORK_PERIOD_EMPTY',
      'R-WIN-2',
      `作業時間的開始必須早於結束（${range(window)}）`,
      `A work period must start before it ends (${range(window)})`,
      { window },
    ),
  semesterMismatch: (item: string, term: string, yearly: boolean) =>
    domainError(
      'WORK_PERIOD_SEMESTER_MISMATCH',
      'R-WIN-2',
      `「${item}」的作業時間應以${yearly ? '學年（學期 0）' : '學期（1 或 2）'}設定，收到學年期 ${term}`,
      `A work period for ${item} is set per ${yearly ? 'school year (semester 0)' : 'semester (1 or 2)'}; got term ` +
        `${term}`,
      { item, term, yearly },
    ),
  operatingPeriodNotSet: (schoolYear: number, item: string) =>
    domainError(
      'OPERATING_PERIOD_NOT_SET',
      'R-WIN-1',
      `${schoolYear} 學年度尚未設定市府「${item}」作業期間`,
      `The city's ${item} operating period for school year ${schoolYear} is not set`,
      { schoolYear, item },
    ),
  outsideOperatingPeriod: (window: Window, operating: Window) =>
    domainError(
      'WORK_PERIOD_OUTSIDE_OPERATING_PERIOD',
      'R-WIN-2',
      `作業時間 ${range(window)} 不在市府作業期間 ${range(operating)} 之內`,
      `The work period ${range(window)} does not lie inside the city's operating period ${range(operating)}`,
      { window, operatingPeriod: operating },
    ),
  workPeriodClosed: (item: string, term: string, window: Window) =>
    domainError(
      'WORK_PERIOD_ALREADY_CLOSED',
      'R-WIN-3',
      `${term}「${item}」作業時間已於 ${window.end} 結束，不可再變更`,
      `The ${item} work period of ${term} closed at ${window.end} and can no longer be changed`,
      { item, term, window },
    ),
  /** R-AUTH-3: a school sets its parameters within the platform's bounds. */
  parameterBelowMinimum: (parameter: string, minimum: number, actual: number | null) =>
    belowMinimum(parameter, minimum, actual, 'R-AUTH-3'),
  /** R-OUT-3: the per-semester upload quota has a floor of its own. */
  uploadQuotaBelowMinimum: (minimum: number, actual: number | null) =>
    belowMinimum('outcomeUploadQuota', minimum, actual, 'R-OUT-3'),
  notCourseTeacher: (teacherId: string, courseId: string) =>
    domainError(
      'NOT_COURSE_TEACHER',
      'R-OUT-7',
      `教師 ${teacherId} 不是課程 ${courseId} 的授課教師，不能設為審核教師；請改為指定代理認證`,
      `Teacher ${teacherId} does not teach course ${courseId} and cannot be its reviewer; appoint a proxy instead`,
      { teacherId, courseId },
    ),
  parameterAboveMaximum: (parameter: string, maximum: number, actual: number) =>
    domainError(
      'PARAMETER_ABOVE_MAXIMUM',
      'R-NOTE-1',
      `參數 ${parameter} 不可高於 ${maximum}，收到 ${actual}`,
      `Parameter ${parameter} may not be above ${maximum}; got ${actual}`,
      { parameter, limit: maximum, actual },
    ),
  /** R-FILE-1: a file size limit may be stricter than the national one, never looser. */
  fileSizeAboveNational: (parameter: 'documentMaxBytes' | 'mediaMaxBytes', limit: number, actual: number) =>
    aboveNational(parameter, limit, actual, 'R-FILE-1'),
  /** R-FILE-3: likewise the storage limit of a portfolio. */
  storageAboveNational: (limit: number, actual: number) => aboveNational('storageMaxBytes', limit, actual, 'R-FILE-3'),
  functionNotHeld: (
    actor: { id: string; role: Role },
    command: string,
    codes: ReadonlyArray<string>,
    right: FunctionRight,
  ) =>
    domainError(
      'FUNCTION_NOT_HELD',
      'R-AUTH-5',
      `「${command}」只限學校管理者，或使用中角色群組內具「${codes.join('、')}」${RIGHT_NAMES[right]}權限的成員；` +
        `${actor.id}（${actor.role}）沒有`,
      `${command} is for the school administrator or a member of a role group in use holding ${codes.join(' or ')} ` +
        `with the ${right} right; ${actor.id} (${actor.role}) is neither`,
      { actorId: actor.id, role: actor.role, command, functionCodes: codes, right },
    ),
  teacherNotRegistered: (teacherId: string, as: TeacherDuty, rule: RuleId) =>
    domainError(
      'TEACHER_NOT_REGISTERED',
      rule,
      `${teacherId} 不是本校登錄的教師，不能擔任${TEACHER_DUTIES[as][0]}`,
      `${teacherId} is not a registered teacher of the school and cannot be ${TEACHER_DUTIES[as][1]}`,
      { teacherId, as },
    ),
  parentAlreadyLinked: (parentId: string, studentId: string) =>
    domainError(
      'PARENT_ALREADY_LINKED',
      'R-AUTH-6',
      `親子帳號 ${parentId} 已連結學生 ${studentId}`,
      `Parent account ${parentId} is already linked to student ${studentId}`,
      { parentId, studentId },
    ),
  parentNotLinked: (parentId: string, studentId: string) =>
    domainError(
      'PARENT_NOT_LINKED',
      'R-AUTH-6',
      `親子帳號 ${parentId} 未連結學生 ${studentId}`,
      `Parent account ${parentId} is not linked to student ${studentId}`,
      { parentId, studentId },
    ),
  unknownReference: (kind: string, id: string, rule: RuleId) =>
    domainError('UNKNOWN_REFERENCE', rule, `找不到${kind} ${id}`, `Unknown ${kind} ${id}`, { kind, id }),
  duplicate: (kind: string, id: string, rule: RuleId) =>
    domainError('ALREADY_EXISTS', rule, `${kind} ${id} 已存在`, `${kind} ${id} already exists`, { kind, id }),
};

/** SCHOOL_NOT_REGISTERED, built here only: the service, reports, audit and transfers refuse with it. */
export const schoolNotRegistered = schoolErrors.schoolNotRegistered;
