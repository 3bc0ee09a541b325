import { domainError, schoolYearOfTerm, type DomainError, type SchoolState, type StudentInfo, type Term } from '@licheng/domain';
import * as E from 'fp-ts/Either';
import type { ReportsView, SchoolRecords } from '../reportsView';

export interface RosterRow {
  readonly student: StudentInfo;
  readonly className: string;
  readonly seatNumber: number;
}

/** The students placed in a class in a school year, by seat number (班級, 座號, 學號, 姓名). */
export const classRoster = (policy: SchoolState, classId: string, schoolYear: number): ReadonlyArray<RosterRow> => {
  const className = policy.classes[classId]?.name ?? classId;
  return Object.values(policy.students)
    .flatMap((student) => {
      const placement = student.placements[schoolYear];
      return placement?.classId === classId ? [{ student, className, seatNumber: placement.seatNumber }] : [];
    })
    .sort((a, b) => a.seatNumber - b.seatNumber || a.student.studentNumber.localeCompare(b.student.studentNumber));
};

/** The classes of a school year, in name order. */
export const classesOf = (policy: SchoolState, schoolYear: number) =>
  Object.values(policy.classes)
    .filter((c) => c.schoolYear === schoolYear)
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hant'));

export const schoolOf = (view: ReportsView, schoolId: string): E.Either<DomainError, SchoolRecords> => {
  const school = view.schools[schoolId];
  return school
    ? E.right(school)
    : E.left(domainError('SCHOOL_NOT_REGISTERED', 'R-AUTH-3', `學校 ${schoolId} 尚未建立`, `School ${schoolId} is not registered`, { schoolId }));
};

export const yearOf = (term: Term | string): number => schoolYearOfTerm(term as Term);
