import type { SchoolState, StudentInfo } from '@licheng/domain';
import type { SchoolYearCalendar } from './calendar';
import type { Random } from './random';

const SURNAMES = '陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周';
const GIVEN = [
  '家豪',
  '志明',
  '俊傑',
  '建宏',
  '怡君',
  '雅婷',
  '欣怡',
  '佳穎',
  '冠宇',
  '宗翰',
  '詩涵',
  '宜庭',
  '柏翰',
  '品妤',
  '承恩',
  '子晴',
];

/**
 * A teacher's name, drawn by position rather than from `random`, so the students and everything after draw as before.
 */
export const teacherName = (i: number): string =>
  `${SURNAMES[(i * 7) % SURNAMES.length]}${GIVEN[(i * 5) % GIVEN.length]}`;

export interface Student {
  readonly studentId: string;
  readonly entrySchoolYear: number;
  /** 1 to 3 (高一 to 高三) in the year simulated. */
  readonly grade: number;
  readonly classId: string;
  readonly seatNumber: number;
  readonly name: string;
  /** Enrolled this year; the others were placed in the year before and move up a grade. */
  readonly isNew: boolean;
}

export interface Class {
  readonly classId: string;
  readonly name: string;
  readonly homeroomTeacherId: string;
}

const GRADE_NAMES = ['', '一', '二', '三'] as const;

/** A cohort's classes of 30, in seat order: `c301` is 普通三01班 (with `-YYY` after the first year). */
const placeCohort = (
  calendar: SchoolYearCalendar,
  entrySchoolYear: number,
  members: ReadonlyArray<{ studentId: string; name: string; isNew: boolean }>,
): { classes: Class[]; students: Student[] } => {
  const grade = calendar.year - entrySchoolYear + 1;
  const prefix = `c${grade}`;
  const classes = Array.from({ length: Math.ceil(members.length / 30) }, (_, i) => ({
    classId: calendar.scoped(`${prefix}${String(i + 1).padStart(2, '0')}`),
    name: `普通${GRADE_NAMES[grade]}${String(i + 1).padStart(2, '0')}班`,
    homeroomTeacherId: `t-home-${prefix}-${i + 1}`,
  }));
  const students = members.map((m, i) => ({
    ...m,
    entrySchoolYear,
    grade,
    classId: classes[Math.floor(i / 30)]!.classId,
    seatNumber: (i % 30) + 1,
  }));
  return { classes, students };
};

const newMembers = (random: Random, entrySchoolYear: number, size: number) =>
  Array.from({ length: size }, (_, i) => ({
    studentId: `${entrySchoolYear}${String(i + 1).padStart(4, '0')}`,
    name: `${random.pick([...SURNAMES])}${random.pick(GIVEN)}`,
    isNew: true,
  }));

/**
 * The students of the year before who stay: placed in it, and not yet past 高三 (the seniors have graduated). By
 * entry year, then id in code-unit order: the order places them, and `localeCompare` would follow the machine's locale.
 */
export const stayingStudents = (earlier: SchoolState, year: number): ReadonlyArray<StudentInfo> =>
  Object.values(earlier.students)
    .filter((s) => s.placements[year - 1] !== undefined && year - s.entrySchoolYear < 3)
    .sort(
      (a, b) =>
        a.entrySchoolYear - b.entrySchoolYear || (a.studentId < b.studentId ? -1 : a.studentId > b.studentId ? 1 : 0),
    );

/**
 * Who is in the school in the year simulated, seniors first. The example follows the grades that confirm receipts
 * (高二 and 高三, as in seed 001). On an empty store half the students are seniors (普通三, entered two years
 * before), half juniors (普通二). A later year reads the year before from the school's records: its juniors move
 * up to 高三 in classes and seats of the same order, its seniors have graduated and are not placed again, and the
 * next cohort joins as 高二 to make up `studentCount`. Only facts of earlier years are read, so a year cut off
 * midway and run again sends the same commands.
 */
export const studentsOf = (
  calendar: SchoolYearCalendar,
  random: Random,
  studentCount: number,
  earlier: SchoolState | undefined,
): { classes: Class[]; students: Student[] } => {
  const { year } = calendar;
  const cohorts: { entrySchoolYear: number; members: { studentId: string; name: string; isNew: boolean }[] }[] = [];
  if (earlier === undefined) {
    cohorts.push({ entrySchoolYear: year - 2, members: newMembers(random, year - 2, Math.ceil(studentCount / 2)) });
    cohorts.push({ entrySchoolYear: year - 1, members: newMembers(random, year - 1, Math.floor(studentCount / 2)) });
  } else {
    const staying = stayingStudents(earlier, year);
    for (const entrySchoolYear of new Set(staying.map((s) => s.entrySchoolYear)))
      cohorts.push({
        entrySchoolYear,
        members: staying
          .filter((s) => s.entrySchoolYear === entrySchoolYear)
          .map((s) => ({ studentId: s.studentId, name: s.name, isNew: false })),
      });
    const joining = Math.max(0, studentCount - staying.length);
    if (joining > 0) cohorts.push({ entrySchoolYear: year - 1, members: newMembers(random, year - 1, joining) });
  }
  const placed = cohorts.map(({ entrySchoolYear, members }) => placeCohort(calendar, entrySchoolYear, members));
  return { classes: placed.flatMap((p) => p.classes), students: placed.flatMap((p) => p.students) };
};
