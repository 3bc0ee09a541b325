import {
  schoolStreamName,
  type Actor,
  type SchoolCommand,
  type SchoolContext,
  type SchoolState,
} from '@licheng/domain';
import { schoolAggregate } from '@licheng/eventstore';
import { calendarOf, instantOf, msOf, MINUTE, windowOf, type Span, type YearCalendar } from './calendar';
import { seededRandom, seedOf } from './random';
import { StreamRecorder, type GeneratedStream, type RecorderOptions } from './recorder';
import { inSchool } from '@licheng/domain/testing';

export const GENERATED_SCHOOL_ID = 'tp_gen';

/**
 * The subjects every class takes each semester; 社團活動 carries no credits (R-OUT-1), 專題研究 is co-taught (R-OUT-7).
 */
export const GENERATED_SUBJECTS = [
  { code: 'chi', subject: '國語文', credits: 4 },
  { code: 'eng', subject: '英語文', credits: 4 },
  { code: 'math', subject: '數學', credits: 4 },
  { code: 'phy', subject: '物理', credits: 2 },
  { code: 'chem', subject: '化學', credits: 2 },
  { code: 'hist', subject: '歷史', credits: 2 },
  { code: 'geo', subject: '地理', credits: 2 },
  { code: 'proj', subject: '專題研究', credits: 2, coTaught: true },
  { code: 'club', subject: '社團活動', credits: 0 },
] as const;

const SURNAMES = [...'陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高'];
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
  '宥廷',
  '語彤',
  '彥廷',
  '芷晴',
];
const GRADES = ['一', '二', '三'];

export const ADMIN: Actor = { id: 'admin', role: 'admin' } as Actor;
export const SYSTEM: Actor = { id: 'system', role: 'system' } as Actor;
export const CITY: Actor = { id: 'city', role: 'city' } as Actor;
export const SUBMITTER: Actor = { id: 'sub1', role: 'submitter' } as Actor;
/** The member of the plan reviewers' role group (R-PLAN-1). */
export const PLAN_REVIEWER: Actor = { id: 't-plan-1', role: 'teacher' } as Actor;

export interface GeneratedCourse {
  readonly courseId: string;
  readonly term: string;
  readonly subject: string;
  readonly credits: number;
  /** The teacher who certifies its outcomes: the teacher, or in a co-taught course the co-teacher left at 審核=是. */
  readonly certifierId: string;
}

export interface GeneratedClass {
  readonly classId: string;
  readonly schoolYear: number;
  readonly name: string;
  readonly homeroomTeacherId: string;
  /** Keyed by term (`1111`, `1112`). */
  readonly courses: Readonly<Record<string, ReadonlyArray<GeneratedCourse>>>;
}

export interface GeneratedStudent {
  readonly studentId: string;
  readonly name: string;
  readonly entrySchoolYear: number;
  /** Class and seat for each school year the school covers. */
  readonly placements: Readonly<Record<number, { readonly classId: string; readonly seatNumber: number }>>;
}

export interface GeneratedSchool extends GeneratedStream {
  readonly seed: number;
  readonly schoolId: string;
  /** The school's state after all its events: the policy every generated command is decided under. */
  readonly policy: SchoolState;
  readonly schoolYears: ReadonlyArray<number>;
  readonly calendars: Readonly<Record<number, YearCalendar>>;
  readonly classes: Readonly<Record<string, GeneratedClass>>;
  readonly students: ReadonlyArray<GeneratedStudent>;
  readonly hashChain: boolean;
}

export interface SchoolOptions extends RecorderOptions {
  readonly seed: number;
  readonly schoolId?: string;
  /** How many students, or their ids. */
  readonly students: number | ReadonlyArray<string>;
  /** The cohorts, by entry school year; students are spread over them evenly. `[109]` when absent. */
  readonly entrySchoolYears?: ReadonlyArray<number>;
  /** The school years covered; every year of every cohort's three when absent. */
  readonly schoolYears?: ReadonlyArray<number>;
  readonly classSize?: number;
}

/** The work periods of one school year and the span each one has (R-WIN-2). */
const workPeriods = (y: number, c: YearCalendar): ReadonlyArray<readonly [term: string, item: string, span: Span]> => {
  const receipts = (term: string, categories: ReadonlyArray<string>, spans: YearCalendar['receipts']['year']) =>
    categories.flatMap(
      (category) =>
        [
          [term, `${category}Submission`, spans.submission],
          [term, `${category}Confirmation`, spans.confirmation],
          [term, `${category}Recheck`, spans.recheck],
        ] as const,
    );
  return [
    [`${y}1`, 'outcomeUpload', c.upload[0]],
    [`${y}1`, 'outcomeCertification', c.certification[0]],
    [`${y}2`, 'outcomeUpload', c.upload[1]],
    [`${y}2`, 'outcomeCertification', c.certification[1]],
    [`${y}0`, 'performanceUpload', c.performanceUpload],
    [`${y}0`, 'outcomeSelection', c.selection],
    [`${y}0`, 'performanceSelection', c.selection],
    ...receipts(`${y}0`, ['courseOutcomes', 'performances'], c.receipts.year),
    ...receipts(`${y}1`, ['courseRecords', 'cadreRecords'], c.receipts.semester[0]),
    ...receipts(`${y}2`, ['courseRecords', 'cadreRecords'], c.receipts.semester[1]),
  ];
};

/**
 * A school and its stream: registration, role groups and the plan approval order, then for each school
 * year the city's operating periods, every work period, the classes of each cohort with their students'
 * placements, and per class and semester the courses with their rosters. Each event is decided by the
 * school decider from the command an administrator, the city or the school's records system sent.
 */
export const generateSchool = (options: SchoolOptions): GeneratedSchool => {
  const schoolId = options.schoolId ?? GENERATED_SCHOOL_ID;
  const random = seededRandom(seedOf(options.seed, 'school', schoolId));
  const cohorts = [...(options.entrySchoolYears ?? [109])].sort((a, b) => a - b);
  const classSize = options.classSize ?? 30;
  const ids = typeof options.students === 'number' ? null : options.students;
  const count = ids ? ids.length : (options.students as number);
  const cohortOf = (i: number) => cohorts[i % cohorts.length]!;
  const perCohort = new Map<number, number>();
  const students = Array.from({ length: count }, (_, i) => {
    const entrySchoolYear = cohortOf(i);
    const n = (perCohort.get(entrySchoolYear) ?? 0) + 1;
    perCohort.set(entrySchoolYear, n);
    const studentId = ids ? ids[i]! : `${entrySchoolYear}${String(n).padStart(4, '0')}`;
    return {
      studentId,
      name: `${random.pick(SURNAMES)}${random.pick(GIVEN)}`,
      entrySchoolYear,
      index: n - 1,
      placements: {} as Record<number, { classId: string; seatNumber: number }>,
    };
  });
  const allYears = [...new Set(cohorts.flatMap((e) => [e, e + 1, e + 2]))].sort((a, b) => a - b);
  const schoolYears = options.schoolYears ? [...options.schoolYears].sort((a, b) => a - b) : allYears;
  const firstYear = schoolYears[0] ?? cohorts[0]!;

  const recorder = new StreamRecorder(schoolAggregate, schoolStreamName(schoolId), `${schoolId}.`, options);
  let clock = msOf(`${firstYear + 1911}-07-15T09:00`);
  const send = (actor: Actor, type: SchoolCommand['type'], data: Record<string, unknown>) => {
    const now = instantOf(clock);
    clock += MINUTE;
    const command = { type, data: { schoolId, ...data } } as SchoolCommand;
    const member = inSchool(actor, schoolId);
    recorder.exec(now, member, command, { now, actor: member } satisfies SchoolContext);
  };

  send(ADMIN, 'RegisterSchool', { name: `臺北市立生成高級中學${schoolId.slice(-3)}` });
  // R-AUTH-3: a teacher is registered (教師人員資料, from the records system) before a class or course names them.
  // Names go by registration order, not `random`, so the students' draws stay what they were.
  const teachers = new Set<string>();
  const registerTeacher = (teacherId: string) => {
    if (teachers.has(teacherId)) return;
    const n = teachers.size;
    teachers.add(teacherId);
    send(SYSTEM, 'RegisterTeacher', {
      teacherId,
      name: `${SURNAMES[(n * 7) % SURNAMES.length]}${GIVEN[(n * 3) % GIVEN.length]}`,
    });
  };
  registerTeacher(PLAN_REVIEWER.id);
  send(ADMIN, 'DefineRoleGroup', {
    groupId: 'g-submit',
    name: '註冊組',
    functionCodes: ['S0205S', 'S0206S', 'S0207S', 'S0208S', 'S0218S'],
  });
  send(ADMIN, 'AddRoleGroupMember', { groupId: 'g-submit', userId: SUBMITTER.id });
  send(ADMIN, 'DefineRoleGroup', { groupId: 'g-plan', name: '自主學習審查小組', functionCodes: ['P0101S'] });
  send(ADMIN, 'AddRoleGroupMember', { groupId: 'g-plan', userId: PLAN_REVIEWER.id });
  send(ADMIN, 'SetPlanApprovalOrder', { stages: [{ kind: 'roleGroup', groupId: 'g-plan' }, { kind: 'homeroom' }] });
  send(ADMIN, 'SetParameter', { parameter: 'outcomeUploadQuota', value: 10, effectiveFromSchoolYear: firstYear });

  const classes: Record<string, GeneratedClass> = {};
  const calendars: Record<number, YearCalendar> = {};
  const enrolled = new Set<number>();
  for (const year of schoolYears) {
    const calendar = calendarOf(year);
    calendars[year] = calendar;
    clock = Math.max(clock, msOf(`${calendar.autumn}-07-20T09:00`));
    for (const item of ['outcomes', 'performances'])
      send(CITY, 'SetOperatingPeriod', { schoolYear: year, item, window: windowOf(calendar.operating) });
    for (const [term, item, span] of workPeriods(year, calendar))
      send(ADMIN, 'SetWorkPeriod', { term, item, window: windowOf(span) });
    for (const entry of cohorts) {
      const grade = year - entry;
      if (grade < 0 || grade > 2) continue;
      const cohort = students.filter((s) => s.entrySchoolYear === entry);
      if (!enrolled.has(entry)) {
        enrolled.add(entry);
        for (const s of cohort)
          send(SYSTEM, 'EnrollStudent', {
            studentId: s.studentId,
            studentNumber: s.studentId,
            name: s.name,
            entrySchoolYear: entry,
          });
      }
      const classCount = Math.max(1, Math.ceil(cohort.length / classSize));
      for (let k = 0; k < classCount; k++) {
        const nn = String(k + 1).padStart(2, '0');
        const classId = `c${year}-${grade + 1}${nn}`;
        const homeroomTeacherId = `t-home-${year}-${grade + 1}${nn}`;
        const name = `普通${GRADES[grade]}${nn}班`;
        registerTeacher(homeroomTeacherId);
        send(SYSTEM, 'RegisterClass', { classId, schoolYear: year, name, homeroomTeacherId });
        const members = cohort.slice(k * classSize, (k + 1) * classSize);
        members.forEach((s, seat) => {
          s.placements[year] = { classId, seatNumber: seat + 1 };
          send(SYSTEM, 'PlaceStudent', { studentId: s.studentId, schoolYear: year, classId, seatNumber: seat + 1 });
        });
        const courses: Record<string, GeneratedCourse[]> = {};
        for (const semester of [1, 2]) {
          const term = `${year}${semester}`;
          courses[term] = GENERATED_SUBJECTS.map((subject) => {
            const courseId = `${classId}-${subject.code}-${semester}`;
            const teacher = `t-${subject.code}-${(k % 4) + 1}`;
            const coTaught = 'coTaught' in subject;
            const teacherIds = coTaught ? [`${teacher}a`, `${teacher}b`] : [teacher];
            teacherIds.forEach(registerTeacher);
            send(SYSTEM, 'OpenCourse', {
              courseId,
              term,
              subject: subject.subject,
              name: `${subject.subject}（${term}）`,
              credits: subject.credits,
              teacherIds,
              ...(coTaught ? { coTaught: true } : {}),
            });
            send(SYSTEM, 'SyncCourseRoster', { courseId, studentIds: members.map((s) => s.studentId) });
            // R-OUT-7: both co-teachers start at 審核=是; the administrator sets the second to 否 (無法認證).
            if (coTaught) send(ADMIN, 'UnmarkCourseReviewer', { courseId, teacherId: teacherIds[1] });
            return { courseId, term, subject: subject.subject, credits: subject.credits, certifierId: teacherIds[0]! };
          });
        }
        classes[classId] = { classId, schoolYear: year, name, homeroomTeacherId, courses };
      }
    }
  }
  return {
    seed: options.seed,
    schoolId,
    policy: recorder.state,
    schoolYears,
    calendars,
    classes,
    students: students.map(({ index: _index, ...s }) => s),
    hashChain: options.hashChain !== false,
    ...recorder.stream(),
  };
};
