import type { Term } from '../shared/term';
import type { Window } from '../shared/time';
import { PARAMETER_DEFAULTS, valueInForce, type ParameterName } from './parameters';
import { cohortsSuffix, type RoundCohorts } from './rounds';
import type { CourseInfo, SchoolPolicy } from './state';
import { isYearlyCategory, type OperatingItem, type ReceiptCategory, type WorkItem } from './workItems';

/** Queries the deciders ask of the school's policy. All pure reads of the folded school state. */

/** A work period; a round's submission, confirmation or re-check period is the one of that round (R-ROUND-1). */
export const workPeriodOf = (
  policy: SchoolPolicy,
  term: Term | string,
  item: WorkItem,
  cohorts?: RoundCohorts,
): Window | undefined => policy.workPeriods[`${term}:${item}${cohortsSuffix(cohorts)}`];

export const operatingPeriodOf = (policy: SchoolPolicy, schoolYear: number, item: OperatingItem): Window | undefined =>
  policy.operatingPeriods[`${schoolYear}:${item}`];

/** The parameter in force for a school year: the school's own setting, else the default table (RULES.md). */
export const parameterFor = (policy: SchoolPolicy, name: ParameterName, schoolYear: number): number | null => {
  const set = valueInForce(policy.parameters[name] ?? [], schoolYear);
  if (set) return set.value;
  return valueInForce(PARAMETER_DEFAULTS[name], schoolYear)?.value ?? null;
};

/** R-OUT-7: the course's teacher; in a co-taught course each teacher marked 審核=是; or an appointed proxy. */
export const mayCertify = (course: CourseInfo, teacherId: string): boolean => {
  if (course.proxyIds.includes(teacherId)) return true;
  if (course.coTaught) return course.reviewerIds.includes(teacherId);
  return course.teacherIds.includes(teacherId);
};

/** Who may certify a course now (for reports of waiting outcomes, R-REP-3). */
export const certifiersOf = (course: CourseInfo): ReadonlyArray<string> => [
  ...(course.coTaught ? course.reviewerIds : course.teacherIds),
  ...course.proxyIds,
];

/** R-AUTH-3: a teacher in the school's registry (registered, or known from records before the registry). */
export const isTeacherOf = (policy: SchoolPolicy, teacherId: string): boolean =>
  policy.teachers[teacherId] !== undefined;

/** R-REP-6: the name a report shows for a teacher: their registered name, else their id. */
export const teacherNameOf = (policy: SchoolPolicy, teacherId: string): string =>
  policy.teachers[teacherId]?.name ?? teacherId;

/** The homeroom teacher of a student's class in a school year, if placed (R-AUTH-2). */
export const homeroomTeacherOf = (policy: SchoolPolicy, studentId: string, schoolYear: number): string | undefined => {
  const placement = policy.students[studentId]?.placements[schoolYear];
  return placement ? policy.classes[placement.classId]?.homeroomTeacherId : undefined;
};

/** R-TIME-1 / R-REC-1: the period a category uses for a term — the term itself, or its whole school year. */
export const periodOf = (category: ReceiptCategory, term: Term | string): Term =>
  (isYearlyCategory(category) ? `${String(term).slice(0, -1)}0` : term) as Term;

/** R-SEAL-2: the (category, period) pairs whose sealing freezes a work item of a term. */
export const sealedCategoryOfItem = (item: WorkItem): ReceiptCategory => {
  if (item.startsWith('outcome') || item.startsWith('courseOutcomes')) return 'courseOutcomes';
  if (item.startsWith('performance')) return 'performances';
  if (item.startsWith('cadreRecords')) return 'cadreRecords';
  return 'courseRecords';
};

/** R-AUTH-6: whether the school linked this parent account to the student. */
export const isLinkedParent = (policy: SchoolPolicy, parentId: string, studentId: string): boolean =>
  policy.parentLinks[parentId]?.[studentId] === true;

/** R-AUTH-6: the students a parent account is linked to, in id order. */
export const linkedStudentsOf = (policy: SchoolPolicy, parentId: string): ReadonlyArray<string> =>
  Object.keys(policy.parentLinks[parentId] ?? {}).sort();
