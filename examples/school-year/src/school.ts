import type { SchoolState } from '@licheng/domain';
import { type SchoolYearCalendar, type Span } from './calendar';
import type { Driver } from './driver';
import type { Random } from './random';
import { studentsOf, teacherName, type Class, type Student } from './roster';

export type { Round } from './calendar';
export type { Student } from './roster';

export const SCHOOL_ID = 'tp_jianzhong';
export const ADMIN = { id: 'admin', role: 'admin', schoolId: SCHOOL_ID } as const;
export const SYSTEM = { id: 'system', role: 'system' } as const;
export const SUBMITTER = { id: 'registrar', role: 'submitter', schoolId: SCHOOL_ID } as const;

const window = ([start, end]: Span) => ({ start: `${start}+08:00`, end: `${end}+08:00` });

export const SUBJECTS = [
  { code: 'chi', subject: '國語文', credits: 4 },
  { code: 'eng', subject: '英語文', credits: 4 },
  { code: 'math', subject: '數學', credits: 4 },
  { code: 'phy', subject: '物理', credits: 2 },
  { code: 'chem', subject: '化學', credits: 2 },
  { code: 'hist', subject: '歷史', credits: 2 },
  { code: 'geo', subject: '地理', credits: 2 },
  { code: 'club', subject: '社團活動', credits: 0 },
] as const;

export interface Course {
  readonly courseId: string;
  readonly term: string;
  readonly subject: string;
  readonly credits: number;
  readonly classId: string;
  readonly teacherIds: ReadonlyArray<string>;
}

export interface SchoolSetup {
  readonly calendar: SchoolYearCalendar;
  readonly classes: ReadonlyArray<Class>;
  readonly students: ReadonlyArray<Student>;
  readonly courses: ReadonlyArray<Course>;
}

const SUBJECT_TEACHERS = SUBJECTS.flatMap((subject) => [1, 2, 3].map((k) => `t-${subject.code}-${k}`));

/**
 * The year as the city and the administrator open it: the operating and work periods of its terms and rounds,
 * then its classes of 30, students and courses. The school itself, its parameters and its role group are set up
 * once, in the first year; `earlier` is the school as the years before left it (none on an empty store).
 */
export const setUpSchool = async (
  driver: Driver,
  random: Random,
  studentCount: number,
  calendar: SchoolYearCalendar,
  earlier?: SchoolState,
): Promise<SchoolSetup> => {
  const { year, term1, term2, wholeYear } = calendar;
  const send = (
    type: string,
    data: Record<string, unknown>,
    actor: { id: string; role: 'admin' | 'city' | 'system' } = ADMIN,
  ) => driver.send(calendar.setUpAt, actor, type, { schoolId: SCHOOL_ID, ...data });
  if (earlier === undefined) await send('RegisterSchool', { name: '臺北市立建國高級中學' });
  // R-WIN-1: the city opens each school year.
  for (const item of ['outcomes', 'performances'])
    await send(
      'SetOperatingPeriod',
      { schoolYear: year, item, window: window(calendar.operating) },
      { id: 'city', role: 'city' },
    );
  const periods: ReadonlyArray<[string, string, Span]> = [
    [term1, 'outcomeUpload', calendar.upload1],
    [term1, 'outcomeCertification', calendar.certify1],
    [term2, 'outcomeUpload', calendar.upload2],
    [term2, 'outcomeCertification', calendar.certify2],
    [wholeYear, 'performanceUpload', calendar.performances],
    [wholeYear, 'outcomeSelection', calendar.selection],
    [wholeYear, 'performanceSelection', calendar.selection],
  ];
  for (const [term, item, span] of periods) await send('SetWorkPeriod', { term, item, window: window(span) });
  // R-ROUND-1: each round's submission, confirmation and re-check windows, named by its cohorts.
  for (const round of calendar.rounds) {
    for (const category of ['courseRecords', 'cadreRecords', 'courseOutcomes', 'performances'] as const) {
      const term = category === 'courseOutcomes' || category === 'performances' ? wholeYear : term2;
      for (const kind of ['submission', 'confirmation', 'recheck'] as const) {
        const item = `${category}${kind[0]!.toUpperCase()}${kind.slice(1)}`;
        await send('SetWorkPeriod', { term, item, window: window(round[kind]), cohorts: round.cohorts });
      }
    }
  }
  if (earlier === undefined) {
    await send('SetParameter', { parameter: 'outcomeUploadQuota', value: 10, effectiveFromSchoolYear: year });
    await send('DefineRoleGroup', {
      groupId: 'registry',
      name: '註冊組',
      functionCodes: ['S0205S', 'S0206S', 'S0207S', 'S0208S', 'S0218S'],
    });
    await send('AddRoleGroupMember', { groupId: 'registry', userId: SUBMITTER.id });
  }

  const { classes, students } = studentsOf(calendar, random, studentCount, earlier);
  // R-AUTH-3: the records system syncs the teachers (教師人員資料) first; classes and courses name only them.
  // Teachers stay from year to year: a later year registers only a homeroom teacher no earlier class had.
  const known = new Set(
    earlier === undefined
      ? []
      : [
          ...SUBJECT_TEACHERS,
          ...Object.values(earlier.classes)
            .filter((klass) => klass.schoolYear < year)
            .map((klass) => klass.homeroomTeacherId),
        ],
  );
  const teacherIds = [...classes.map((klass) => klass.homeroomTeacherId), ...SUBJECT_TEACHERS];
  for (const [i, teacherId] of teacherIds.entries()) {
    if (!known.has(teacherId)) await send('RegisterTeacher', { teacherId, name: teacherName(i) }, SYSTEM);
  }
  for (const klass of classes) await send('RegisterClass', { ...klass, schoolYear: year });
  for (const s of students) {
    if (s.isNew)
      await send(
        'EnrollStudent',
        { studentId: s.studentId, studentNumber: s.studentId, name: s.name, entrySchoolYear: s.entrySchoolYear },
        SYSTEM,
      );
    await send(
      'PlaceStudent',
      { studentId: s.studentId, schoolYear: year, classId: s.classId, seatNumber: s.seatNumber },
      SYSTEM,
    );
  }

  const courses: Course[] = classes.flatMap((klass, k) =>
    [term1, term2].flatMap((term) =>
      SUBJECTS.map((subject) => ({
        courseId: `${klass.classId}-${subject.code}-${term}`,
        term,
        subject: subject.subject,
        credits: subject.credits,
        classId: klass.classId,
        teacherIds: [`t-${subject.code}-${(k % 3) + 1}`],
      })),
    ),
  );
  for (const course of courses) {
    const { classId, ...data } = course;
    await send('OpenCourse', { ...data, name: `${course.subject}（${course.term}）` }, SYSTEM);
    await send(
      'SyncCourseRoster',
      { courseId: course.courseId, studentIds: students.filter((s) => s.classId === classId).map((s) => s.studentId) },
      SYSTEM,
    );
  }
  return { calendar, classes, students, courses };
};
