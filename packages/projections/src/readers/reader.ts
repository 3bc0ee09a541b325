import { isLinkedParent, type Actor, type DomainError, type Role, type SchoolState } from '@licheng/domain';
import { actorOutsideSchool, valuesOf } from '@licheng/domain/internal';
import { readErrors, type ReadName } from './errors';

/**
 * Who reads, as the embedding service authenticated them: the command actor, with the school every actor but
 * the city and the system belongs to. A school-bound reader without `schoolId` reads no school's data.
 */
export interface Reader {
  readonly id: string;
  readonly role: Role;
  readonly schoolId?: string;
}

type Check = DomainError | null;

/** R-AUTH-5: the selection queries (選課/勾選查詢) of seed 003 that open the whole school's views. */
export const SELECTION_QUERY_FUNCTIONS: ReadonlyArray<string> = ['S0205S', 'S0206S'];

/**
 * R-AUTH-5: whether a member of the school's staff may use the selection queries: a member of a role group in
 * use (是否使用=是) that holds S0205S or S0206S. A query only reads, so holding the module is enough, whatever
 * its 新增/修改/刪除 rights. The one place reads consult role groups.
 */
export const holdsSelectionQueries = (policy: SchoolState, userId: string): boolean =>
  valuesOf(policy.roleGroups).some(
    (group) =>
      group.inUse &&
      group.memberIds.includes(userId) &&
      group.functionCodes.some((code) => SELECTION_QUERY_FUNCTIONS.includes(code)),
  );

const STAFF: ReadonlySet<Role> = new Set<Role>(['teacher', 'admin', 'submitter']);

/** R-AUTH-3 / R-AUTH-5: the administrator reads the whole school; other staff through S0205S/S0206S. */
export const readsWholeSchool = (policy: SchoolState, reader: Reader): boolean =>
  reader.role === 'admin' || (STAFF.has(reader.role) && holdsSelectionQueries(policy, reader.id));

/**
 * R-AUTH-1 / R-AUTH-3: a school-bound reader reads only the school it belongs to, refused as the deciders refuse
 * a writer of another school (`ACTOR_NOT_OF_SCHOOL`); the city and the system are above every school.
 */
export const checkSchool = (reader: Reader, schoolId: string): Check => actorOutsideSchool(reader as Actor, schoolId);

/** The classes a teacher is homeroom teacher of, in a school year (R-AUTH-2). */
export const homeroomClassesOf = (policy: SchoolState, teacherId: string, schoolYear: number): ReadonlySet<string> =>
  new Set(
    valuesOf(policy.classes)
      .filter((c) => c.homeroomTeacherId === teacherId && c.schoolYear === schoolYear)
      .map((c) => c.classId),
  );

/**
 * R-AUTH-2 / R-REC-6: a class's reports are its homeroom teacher's, the administrator's and the selection-query
 * holders'.
 */
export const checkClass = (policy: SchoolState, reader: Reader, classId: string, read: ReadName): Check => {
  if (readsWholeSchool(policy, reader)) return null;
  if (reader.role !== 'teacher') return readErrors.roleMayNotRead(reader, read);
  return policy.classes[classId]?.homeroomTeacherId === reader.id
    ? null
    : readErrors.notHomeroomTeacher(reader.id, { classId });
};

/** The student's homeroom teacher in a school year, or in the latest year they were placed when none is named. */
const homeroomOf = (policy: SchoolState, studentId: string, schoolYear?: number): string | undefined => {
  const placements = policy.students[studentId]?.placements ?? {};
  const year = schoolYear ?? Math.max(-1, ...Object.keys(placements).map(Number));
  const placement = placements[year];
  return placement ? policy.classes[placement.classId]?.homeroomTeacherId : undefined;
};

/**
 * R-AUTH-1 / R-AUTH-6 / R-AUTH-2: one student's data is read by the student, a parent account the school linked
 * to them, their homeroom teacher (of `schoolYear`, else of their latest class), the administrator and the
 * selection-query holders.
 */
export const checkStudent = (
  policy: SchoolState,
  reader: Reader,
  studentId: string,
  read: ReadName,
  schoolYear?: number,
): Check => {
  switch (reader.role) {
    case 'student':
      return reader.id === studentId ? null : readErrors.notOwnPortfolio(studentId, reader.id);
    case 'parent':
      return isLinkedParent(policy, reader.id, studentId) ? null : readErrors.parentNotLinked(reader.id, studentId);
    case 'teacher':
      if (homeroomOf(policy, studentId, schoolYear) === reader.id || readsWholeSchool(policy, reader)) return null;
      return readErrors.notHomeroomTeacher(reader.id, { studentId });
    default:
      return readsWholeSchool(policy, reader) ? null : readErrors.roleMayNotRead(reader, read);
  }
};
