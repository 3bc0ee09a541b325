import type { Driver } from './driver';
import type { Random } from './random';

export const SCHOOL_ID = 'tp_jianzhong';
export const ADMIN = { id: 'admin', role: 'admin', schoolId: SCHOOL_ID } as const;
export const SYSTEM = { id: 'system', role: 'system' } as const;
export const SUBMITTER = { id: 'registrar', role: 'submitter', schoolId: SCHOOL_ID } as const;

/** School year 111 on the calendar of seed 000 (建國中學, term 1112): confirmation 4/14 08:00 – 4/18 10:30. */
export const CALENDAR = {
  operating: ['2022-08-01T00:00', '2023-10-31T00:00'],
  upload1: ['2022-09-01T08:00', '2023-01-20T17:00'],
  certify1: ['2023-01-21T08:00', '2023-02-10T17:00'],
  upload2: ['2023-02-13T08:00', '2023-03-31T17:00'],
  certify2: ['2023-04-01T08:00', '2023-04-10T17:00'],
  performances: ['2022-08-01T08:00', '2023-04-11T08:00'],
  selection: ['2023-04-11T08:00', '2023-04-13T17:00'],
  submission: ['2023-04-13T17:00', '2023-04-14T08:00'],
  confirmation: ['2023-04-14T08:00', '2023-04-18T10:30'],
  recheck: ['2023-04-20T08:00', '2023-04-20T17:00'],
} as const;

/**
 * R-ROUND-1: two rounds a period. The seniors (高三, entry year 109) confirm in April on seed 000's calendar;
 * the other grades (entry years 110 and 111) are submitted in June and confirm from 6/26, as seed 001 has
 * 高二 and 高三 confirm on their own later calendar.
 */
export const ROUNDS = [
  {
    name: '高三 seniors',
    cohorts: [109],
    submission: CALENDAR.submission,
    confirmation: CALENDAR.confirmation,
    recheck: CALENDAR.recheck,
  },
  {
    name: '高一高二 other grades',
    cohorts: [110, 111],
    submission: ['2023-06-24T08:00', '2023-06-25T08:00'],
    confirmation: ['2023-06-26T08:00', '2023-07-01T17:00'],
    recheck: ['2023-07-03T08:00', '2023-07-03T17:00'],
  },
] as const;
export type Round = (typeof ROUNDS)[number];

const window = ([start, end]: readonly [string, string]) => ({ start: `${start}+08:00`, end: `${end}+08:00` });

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

export interface Student {
  readonly studentId: string;
  readonly entrySchoolYear: 109 | 110;
  readonly classId: string;
  readonly seatNumber: number;
  readonly name: string;
}

export interface Course {
  readonly courseId: string;
  readonly term: '1111' | '1112';
  readonly subject: string;
  readonly credits: number;
  readonly classId: string;
  readonly teacherIds: ReadonlyArray<string>;
}

export interface SchoolSetup {
  readonly classes: ReadonlyArray<{ classId: string; name: string; homeroomTeacherId: string }>;
  readonly students: ReadonlyArray<Student>;
  readonly courses: ReadonlyArray<Course>;
}

/** The school, its periods, parameters, classes of 30, students and courses, as the administrator sets them. */
export const setUpSchool = async (driver: Driver, random: Random, studentCount: number): Promise<SchoolSetup> => {
  const at = '2022-08-01T09:00';
  const send = (
    type: string,
    data: Record<string, unknown>,
    actor: { id: string; role: 'admin' | 'city' | 'system' } = ADMIN,
  ) => driver.send(at, actor, type, { schoolId: SCHOOL_ID, ...data });
  await send('RegisterSchool', { name: '臺北市立建國高級中學' });
  for (const item of ['outcomes', 'performances'])
    await send(
      'SetOperatingPeriod',
      { schoolYear: 111, item, window: window(CALENDAR.operating) },
      { id: 'city', role: 'city' },
    );
  const periods: ReadonlyArray<[string, string, readonly [string, string]]> = [
    ['1111', 'outcomeUpload', CALENDAR.upload1],
    ['1111', 'outcomeCertification', CALENDAR.certify1],
    ['1112', 'outcomeUpload', CALENDAR.upload2],
    ['1112', 'outcomeCertification', CALENDAR.certify2],
    ['1110', 'performanceUpload', CALENDAR.performances],
    ['1110', 'outcomeSelection', CALENDAR.selection],
    ['1110', 'performanceSelection', CALENDAR.selection],
  ];
  for (const [term, item, span] of periods) await send('SetWorkPeriod', { term, item, window: window(span) });
  // R-ROUND-1: each round's submission, confirmation and re-check windows, named by its cohorts.
  for (const round of ROUNDS) {
    for (const category of ['courseRecords', 'cadreRecords', 'courseOutcomes', 'performances'] as const) {
      const term = category === 'courseOutcomes' || category === 'performances' ? '1110' : '1112';
      for (const kind of ['submission', 'confirmation', 'recheck'] as const) {
        const item = `${category}${kind[0]!.toUpperCase()}${kind.slice(1)}`;
        await send('SetWorkPeriod', { term, item, window: window(round[kind]), cohorts: round.cohorts });
      }
    }
  }
  await send('SetParameter', { parameter: 'outcomeUploadQuota', value: 10, effectiveFromSchoolYear: 111 });
  await send('DefineRoleGroup', {
    groupId: 'registry',
    name: '註冊組',
    functionCodes: ['S0205S', 'S0206S', 'S0207S', 'S0208S', 'S0218S'],
  });
  await send('AddRoleGroupMember', { groupId: 'registry', userId: SUBMITTER.id });

  // Half the students are seniors (普通三, entry year 109), half juniors (普通二, entry year 110).
  const cohorts = [
    { entrySchoolYear: 109 as const, grade: '三', size: Math.ceil(studentCount / 2) },
    { entrySchoolYear: 110 as const, grade: '二', size: Math.floor(studentCount / 2) },
  ];
  const classes: { classId: string; name: string; homeroomTeacherId: string }[] = [];
  const students: Student[] = [];
  for (const { entrySchoolYear, grade, size } of cohorts) {
    const prefix = grade === '三' ? 'c3' : 'c2';
    const own = Array.from({ length: size > 0 ? Math.ceil(size / 30) : 0 }, (_, i) => ({
      classId: `${prefix}${String(i + 1).padStart(2, '0')}`,
      name: `普通${grade}${String(i + 1).padStart(2, '0')}班`,
      homeroomTeacherId: `t-home-${prefix}-${i + 1}`,
    }));
    classes.push(...own);
    for (let i = 0; i < size; i++) {
      students.push({
        studentId: `${entrySchoolYear}${String(i + 1).padStart(4, '0')}`,
        entrySchoolYear,
        classId: own[Math.floor(i / 30)]!.classId,
        seatNumber: (i % 30) + 1,
        name: `${random.pick([...SURNAMES])}${random.pick(GIVEN)}`,
      });
    }
  }
  // R-AUTH-3: the records system syncs the teachers (教師人員資料) first; classes and courses name only them.
  // Names are drawn by position, not from `random`, so the students and everything after draw as before.
  const teacherIds = [
    ...classes.map((klass) => klass.homeroomTeacherId),
    ...SUBJECTS.flatMap((subject) => [1, 2, 3].map((k) => `t-${subject.code}-${k}`)),
  ];
  for (const [i, teacherId] of teacherIds.entries()) {
    await send(
      'RegisterTeacher',
      { teacherId, name: `${SURNAMES[(i * 7) % SURNAMES.length]}${GIVEN[(i * 5) % GIVEN.length]}` },
      SYSTEM,
    );
  }
  for (const klass of classes) await send('RegisterClass', { ...klass, schoolYear: 111 });
  for (const s of students) {
    await send(
      'EnrollStudent',
      { studentId: s.studentId, studentNumber: s.studentId, name: s.name, entrySchoolYear: s.entrySchoolYear },
      SYSTEM,
    );
    await send(
      'PlaceStudent',
      { studentId: s.studentId, schoolYear: 111, classId: s.classId, seatNumber: s.seatNumber },
      SYSTEM,
    );
  }

  const courses: Course[] = classes.flatMap((klass, k) =>
    (['1111', '1112'] as const).flatMap((term) =>
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
  return { classes, students, courses };
};
