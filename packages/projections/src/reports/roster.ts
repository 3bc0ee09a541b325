import { schoolNotRegistered } from '@licheng/domain/internal';
import { schoolYearOfTerm, type DomainError, type SchoolState, type StudentInfo, type Term } from '@licheng/domain';
import { byCodeUnits, valuesOf } from '@licheng/domain/internal';
import * as E from 'fp-ts/Either';
import type { SchoolOf, SchoolsView } from '../streams';

export interface RosterRow {
  readonly student: StudentInfo;
  readonly className: string;
  readonly seatNumber: number;
}

const bySeat = (a: RosterRow, b: RosterRow): number =>
  a.seatNumber - b.seatNumber || byCodeUnits(a.student.studentNumber, b.student.studentNumber);

/** Every class's roster for a school year, in one pass over the students. */
const rostersOf = (policy: SchoolState, schoolYear: number): ReadonlyMap<string, ReadonlyArray<RosterRow>> => {
  const rosters = new Map<string, RosterRow[]>();
  for (const student of valuesOf(policy.students)) {
    const placement = student.placements[schoolYear];
    if (!placement) continue;
    const className = policy.classes[placement.classId]?.name ?? placement.classId;
    const row = { student, className, seatNumber: placement.seatNumber };
    const roster = rosters.get(placement.classId);
    if (roster) roster.push(row);
    else rosters.set(placement.classId, [row]);
  }
  for (const roster of rosters.values()) Object.freeze(roster.sort(bySeat));
  return rosters;
};

/**
 * A frozen policy never changes, so its rosters are built once per school year and kept with it: the
 * reports of a school ask for the roster of every class several times over. A policy that is not frozen
 * (one being folded in place) is read afresh each time.
 */
const kept = new WeakMap<SchoolState, Map<number, ReadonlyMap<string, ReadonlyArray<RosterRow>>>>();

const NO_ONE: ReadonlyArray<RosterRow> = Object.freeze([]);

/** The students placed in a class in a school year, by seat number (班級, 座號, 學號, 姓名). */
export const classRoster = (policy: SchoolState, classId: string, schoolYear: number): ReadonlyArray<RosterRow> => {
  if (!Object.isFrozen(policy) || !Object.isFrozen(policy.students))
    return rostersOf(policy, schoolYear).get(classId) ?? NO_ONE;
  let years = kept.get(policy);
  if (!years) kept.set(policy, (years = new Map()));
  let rosters = years.get(schoolYear);
  if (!rosters) years.set(schoolYear, (rosters = rostersOf(policy, schoolYear)));
  return rosters.get(classId) ?? NO_ONE;
};

/** The classes of a school year, in name order. */
export const classesOf = (policy: SchoolState, schoolYear: number) =>
  Object.values(policy.classes)
    .filter((c) => c.schoolYear === schoolYear)
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hant'));

export const schoolOf = <Portfolio>(
  view: SchoolsView<Portfolio>,
  schoolId: string,
): E.Either<DomainError, SchoolOf<Portfolio>> => {
  const school = view.schools[schoolId];
  return school ? E.right(school) : E.left(schoolNotRegistered(schoolId));
};

export const yearOf = (term: Term | string): number => schoolYearOfTerm(term as Term);

/** A student's grade (年級) in a school year: 1 in the year they entered (R-REP-2, R-REP-5). */
export const gradeOf = (entrySchoolYear: number, schoolYear: number): number => schoolYear - entrySchoolYear + 1;

/** A class's grade: that of most of its students (a repeater does not move it); 0 for an empty class. */
export const classGradeOf = (roster: ReadonlyArray<RosterRow>, schoolYear: number): number => {
  const counts = new Map<number, number>();
  for (const { student } of roster) {
    const grade = gradeOf(student.entrySchoolYear, schoolYear);
    counts.set(grade, (counts.get(grade) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
};
