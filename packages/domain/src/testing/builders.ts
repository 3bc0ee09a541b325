import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import {
  foldEvents,
  PORTFOLIO_COMMAND_DATA,
  PORTFOLIO_EVENT_CODECS,
  SCHOOL_COMMAND_DATA,
  SCHOOL_EVENT_CODECS,
  type SchoolCommand,
  type SchoolCommandType,
  type PortfolioCommandOf,
  type PortfolioCommandType,
  type PortfolioEvent,
  type PortfolioEventType,
  schoolDecider,
  taipeiInstant,
  type Actor,
  type FileMeta,
  type PortfolioContext,
  type SchoolEvent,
  type SchoolState,
  type TaipeiInstant,
} from '../index';
import { decodeWith } from '../internal';

/** Builders for tests and examples. They make valid values by default; override what a test is about. */

export const at = (text: string): TaipeiInstant => taipeiInstant(text);

/** Actors bound to a school (R-AUTH-1, R-AUTH-3): 'sch1', the builders' school, unless a test says otherwise. */
export const student = (id = 's1', schoolId = 'sch1'): Actor => ({ id, role: 'student', schoolId }) as Actor;
export const teacher = (id = 't1', schoolId = 'sch1'): Actor => ({ id, role: 'teacher', schoolId }) as Actor;
export const admin = (id = 'admin', schoolId = 'sch1'): Actor => ({ id, role: 'admin', schoolId }) as Actor;
export const system = (): Actor => ({ id: 'system', role: 'system' }) as Actor;
export const parent = (id = 'p1', schoolId = 'sch1'): Actor => ({ id, role: 'parent', schoolId }) as Actor;
export const submitter = (id = 'sub1', schoolId = 'sch1'): Actor => ({ id, role: 'submitter', schoolId }) as Actor;

/** The same person acting as a member of `schoolId`; the system and the city belong to no school. */
export const inSchool = (actor: { readonly id: string; readonly role: Actor['role'] }, schoolId: string): Actor =>
  (actor.role === 'system' || actor.role === 'city'
    ? { id: actor.id, role: actor.role }
    : { id: actor.id, role: actor.role, schoolId }) as Actor;

const hex64 = (seed: string): string => {
  let h = 0;
  for (const c of seed) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h.toString(16).padStart(8, '0').repeat(8);
};

/** File metadata (R-FILE-4); the digest is derived from the name so equal names give equal files. */
export const fileMeta = (name: string, mimeType: string, sizeBytes: number): FileMeta =>
  ({ name, mimeType, sizeBytes, sha256: hex64(name), storageKey: `files/${name}` }) as FileMeta;

export const pdf = (name = 'report.pdf', sizeBytes = 500_000): FileMeta => fileMeta(name, 'application/pdf', sizeBytes);
export const mp4 = (name = 'talk.mp4', sizeBytes = 3_000_000): FileMeta => fileMeta(name, 'video/mp4', sizeBytes);

/**
 * The calendar of school year 111 (2022-08-01 to 2023-07-31) that tests share. Receipt confirmation for
 * term 1112 follows seed 000 exactly: 2023-04-14 08:00 until 2023-04-18 10:30, re-check 2023-04-20 08:00–17:00.
 */
export const YEAR_111 = {
  operating: { start: at('2022-08-01T00:00'), end: at('2023-10-31T00:00') },
  outcomeUpload1: { start: at('2022-09-01T08:00'), end: at('2023-01-20T17:00') },
  outcomeCertification1: { start: at('2023-01-21T08:00'), end: at('2023-02-10T17:00') },
  outcomeUpload2: { start: at('2023-02-13T08:00'), end: at('2023-03-31T17:00') },
  outcomeCertification2: { start: at('2023-04-01T08:00'), end: at('2023-04-10T17:00') },
  performanceUpload: { start: at('2022-08-01T08:00'), end: at('2023-04-11T17:00') },
  selection: { start: at('2023-04-11T08:00'), end: at('2023-04-13T17:00') },
  submission: { start: at('2023-04-13T17:00'), end: at('2023-04-14T08:00') },
  confirmation: { start: at('2023-04-14T08:00'), end: at('2023-04-18T10:30') },
  recheck: { start: at('2023-04-20T08:00'), end: at('2023-04-20T17:00') },
} as const;

export interface SchoolFixtureOptions {
  readonly schoolId?: string;
  readonly students?: ReadonlyArray<{ id: string; name?: string; seat?: number }>;
  /** Extra events appended after the standard ones (parameters, proxies, changed periods). */
  readonly extra?: ReadonlyArray<SchoolEvent>;
}

/** The fixture school's registered teachers (R-AUTH-3, R-REP-6): id and the name reports show. */
export const FIXTURE_TEACHERS: ReadonlyArray<readonly [string, string]> = [
  ['t1', '王建民'],
  ['t2', '李安心'],
  ['t3', '張文華'],
  ['t4', '陳怡君'],
  ['t5', '林志成'],
  ['t6', '黃淑芬'],
  ['t7', '吳明哲'],
  ['t8', '周佳蓉'],
  ['t9', '蔡承翰'],
  ['t-home', '郭美玲'],
];

/**
 * One school, school year 111: teachers t1–t9 and t-home registered (FIXTURE_TEACHERS), class 301 (homeroom t-home),
 * submitter sub1 in role group g-submit, courses in both semesters (math and physics with
 * credits, a co-taught course, and a club without credits), every work period of `YEAR_111`.
 */
export const schoolFixture = (options: SchoolFixtureOptions = {}) => {
  const schoolId = options.schoolId ?? 'sch1';
  const students = options.students ?? [
    { id: 's1', name: '林小明', seat: 1 },
    { id: 's2', name: '陳小華', seat: 2 },
  ];
  const studentIds = students.map((s) => s.id);
  const y = YEAR_111;
  const course = (
    courseId: string,
    term: string,
    subject: string,
    credits: number,
    teacherIds: string[],
    coTaught?: boolean,
  ): SchoolEvent[] => [
    {
      type: 'CourseOpened',
      data: {
        courseId,
        term,
        subject,
        name: `${subject} ${term}`,
        credits,
        teacherIds,
        ...(coTaught === undefined ? {} : { coTaught }),
      },
    } as SchoolEvent,
    { type: 'CourseRosterSynced', data: { courseId, studentIds } } as SchoolEvent,
  ];
  const period = (term: string, item: string, window: { start: TaipeiInstant; end: TaipeiInstant }): SchoolEvent =>
    ({ type: 'WorkPeriodSet', data: { term, item, window } }) as SchoolEvent;
  const events: SchoolEvent[] = [
    { type: 'SchoolRegistered', data: { schoolId, name: '臺北市立測試高中' } } as SchoolEvent,
    ...FIXTURE_TEACHERS.map(
      ([teacherId, name]) => ({ type: 'TeacherRegistered', data: { teacherId, name } }) as SchoolEvent,
    ),
    { type: 'OperatingPeriodSet', data: { schoolYear: 111, item: 'outcomes', window: y.operating } } as SchoolEvent,
    { type: 'OperatingPeriodSet', data: { schoolYear: 111, item: 'performances', window: y.operating } } as SchoolEvent,
    period('1111', 'outcomeUpload', y.outcomeUpload1),
    period('1111', 'outcomeCertification', y.outcomeCertification1),
    period('1112', 'outcomeUpload', y.outcomeUpload2),
    period('1112', 'outcomeCertification', y.outcomeCertification2),
    period('1110', 'performanceUpload', y.performanceUpload),
    period('1110', 'outcomeSelection', y.selection),
    period('1110', 'performanceSelection', y.selection),
    ...(['courseRecords', 'cadreRecords', 'courseOutcomes', 'performances'] as const).flatMap((category) => {
      const term = category === 'courseOutcomes' || category === 'performances' ? '1110' : '1112';
      return [
        period(term, `${category}Submission`, y.submission),
        period(term, `${category}Confirmation`, y.confirmation),
        period(term, `${category}Recheck`, y.recheck),
      ];
    }),
    {
      type: 'ClassRegistered',
      data: { classId: 'c301', schoolYear: 111, name: '普通三01班', homeroomTeacherId: 't-home' },
    } as SchoolEvent,
    ...students.flatMap((s, i) => [
      {
        type: 'StudentEnrolled',
        data: {
          studentId: s.id,
          studentNumber: `1090${String(i + 1).padStart(2, '0')}`,
          name: s.name ?? `學生${i + 1}`,
          entrySchoolYear: 109,
        },
      } as SchoolEvent,
      {
        type: 'StudentPlaced',
        data: { studentId: s.id, schoolYear: 111, classId: 'c301', seatNumber: s.seat ?? i + 1 },
      } as SchoolEvent,
    ]),
    ...course('math-1111', '1111', '數學', 4, ['t1']),
    ...course('phys-1111', '1111', '物理', 2, ['t2']),
    ...course('math-1112', '1112', '數學', 4, ['t1']),
    ...course('phys-1112', '1112', '物理', 2, ['t2']),
    ...course('proj-1112', '1112', '專題研究', 2, ['t3', 't4'], true),
    ...course('club-1112', '1112', '社團活動', 0, ['t5']),
    // R-SUB-1: the registry office's submitters hold the submit functions of seed 003.
    {
      type: 'RoleGroupDefined',
      data: { groupId: 'g-submit', name: '註冊組', functionCodes: ['S0205S', 'S0206S', 'S0207S', 'S0208S', 'S0218S'] },
    } as SchoolEvent,
    { type: 'RoleGroupMemberAdded', data: { groupId: 'g-submit', userId: 'sub1' } } as SchoolEvent,
    ...(options.extra ?? []),
  ];
  const policy: SchoolState = foldEvents(schoolDecider.evolve, schoolDecider.initialState(), events);
  return { schoolId, events, policy, studentIds };
};

/** A portfolio context at an instant for an actor, under a policy. */
export const contextAt = (policy: SchoolState, now: string, actor: Actor): PortfolioContext => ({
  now: at(now),
  actor,
  policy,
});

/** A typed portfolio command from loose data, validated by its codec (a typo fails the test at once). */
export const portfolioCommand = <K extends PortfolioCommandType>(
  type: K,
  data: Record<string, unknown>,
): PortfolioCommandOf<K> =>
  ({
    type,
    data: decodeOrThrow(PORTFOLIO_COMMAND_DATA[type] as t.Mixed, data, type),
  }) as PortfolioCommandOf<K>;

/**
 * A typed portfolio event from loose data, validated by its codec. A statement's items may be written as
 * before R-REC-7, `{ itemId, title }`: each then gets `details: null`, as the v1 upcast gives them.
 */
export const portfolioEvent = <K extends PortfolioEventType>(
  type: K,
  data: Record<string, unknown>,
): Extract<PortfolioEvent, { type: K }> =>
  decodeOrThrow(
    PORTFOLIO_EVENT_CODECS[type] as t.Mixed,
    { type, data: type === 'ReceiptStatementIssued' ? withDetails(data) : data },
    type,
  );

const withDetails = (data: Record<string, unknown>): Record<string, unknown> =>
  Array.isArray(data['items'])
    ? { ...data, items: data['items'].map((item: Record<string, unknown>) => ({ details: null, ...item })) }
    : data;

/** A typed school event from loose data, validated by its codec. */
export const schoolEvent = <K extends SchoolEvent['type']>(
  type: K,
  data: Record<string, unknown>,
): Extract<SchoolEvent, { type: K }> => decodeOrThrow(SCHOOL_EVENT_CODECS[type] as t.Mixed, { type, data }, type);

/** A typed school command from loose data (`schoolId` defaults to the fixture's sch1), validated by its codec. */
export const schoolCommand = <K extends SchoolCommandType>(
  type: K,
  data: Record<string, unknown>,
): Extract<SchoolCommand, { type: K }> =>
  ({ type, data: decodeOrThrow(SCHOOL_COMMAND_DATA[type], { schoolId: 'sch1', ...data }, type) }) as Extract<
    SchoolCommand,
    { type: K }
  >;

const decodeOrThrow = <A>(codec: t.Mixed, input: unknown, what: string): A => {
  const result = decodeWith(codec, what)(input);
  if (E.isLeft(result)) throw new Error(result.left.message.en);
  return result.right as A;
};

/**
 * A course outcome `o-<student>-<n>` uploaded, sent and certified as passed: a history a selection needs
 * (R-SEL-1), written as events. Terms alternate between 1111 and 1112.
 */
export const certifiedOutcomeEvents = (studentId: string, n: number): PortfolioEvent[] => {
  const outcomeId = `o-${studentId}-${n}`;
  const term = n % 2 === 0 ? '1111' : '1112';
  return [
    portfolioEvent('CourseOutcomeUploaded', {
      studentId,
      outcomeId,
      courseId: `math-${term}`,
      term,
      subject: '數學',
      description: `成果 ${n}`,
      document: {
        name: `${outcomeId}.pdf`,
        mimeType: 'application/pdf',
        sizeBytes: 1000,
        sha256: 'a'.repeat(64),
        storageKey: outcomeId,
      },
    }),
    portfolioEvent('CourseOutcomeSentForCertification', { outcomeId }),
    portfolioEvent('CourseOutcomeCertified', { outcomeId, teacherId: 't1', result: 'passed' }),
  ];
};
