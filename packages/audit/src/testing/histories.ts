import {
  createLichengService,
  GENESIS_HASH,
  InMemoryEventStore,
  linkHash,
  type LichengService,
  type RecordedEvent,
  type SealKey,
} from '@licheng/eventstore';
import * as E from 'fp-ts/Either';
import { simulateSchoolYear } from '../../../../examples/school-year/src/simulate';
import { decodeLog, parseLog, type EventLog } from '../log';

/** Test support only (excluded from the build): event logs made through the real service. */

export const FILE = 'events.ndjson';

export const linesOf = (records: ReadonlyArray<RecordedEvent>): string[] => records.map((r) => JSON.stringify(r));

export const logOf = (lines: ReadonlyArray<string>): EventLog => {
  const parsed = parseLog(FILE, lines.join('\n') + '\n');
  if (E.isLeft(parsed)) throw new Error(parsed.left.error.message.en);
  return parsed.right;
};

/** The events of a log's lines, decoded as the audit decodes them. */
export const decodedLines = (lines: ReadonlyArray<string>) => {
  const decoded = decodeLog(logOf(lines));
  if (E.isLeft(decoded)) throw new Error(decoded.left.error.message.en);
  return decoded.right;
};

/** The example's school year (examples/school-year), small: every kind of command, seals with digests. */
export const simulatedYear = async (
  students = 4,
  seed = 111,
  sealKey?: SealKey,
): Promise<{ store: InMemoryEventStore; service: LichengService; records: ReadonlyArray<RecordedEvent> }> => {
  const store = new InMemoryEventStore();
  const service = createLichengService({ store });
  await simulateSchoolYear(service, { students, seed, ...(sealKey ? { sealKey } : {}) });
  return { store, service, records: await store.readAll() };
};

export const SCHOOL = 'sch1';
export const STUDENT = 's1';
const ADMIN = { id: 'admin', role: 'admin', schoolId: SCHOOL } as const;
const SYSTEM = { id: 'system', role: 'system' } as const;
const w = (start: string, end: string) => ({ start: `${start}+08:00`, end: `${end}+08:00` });
const file = (name: string) => ({
  name,
  mimeType: 'application/pdf',
  sizeBytes: 1000,
  sha256: 'a'.repeat(64),
  storageKey: `k/${name}`,
});

/**
 * A small school: one student with seven passed outcomes in 1111, six of them selected inside the
 * selection window (R-SEL-1 allows no seventh), and a second student enrolled but idle.
 */
export const sevenOutcomes = async (): Promise<{
  store: InMemoryEventStore;
  service: LichengService;
  send: (
    now: string,
    actor: { id: string; role: string; schoolId?: string },
    type: string,
    data: Record<string, unknown>,
  ) => Promise<void>;
}> => {
  const store = new InMemoryEventStore();
  const service = createLichengService({ store });
  let n = 0;
  const send = async (
    now: string,
    actor: { id: string; role: string; schoolId?: string },
    type: string,
    data: Record<string, unknown>,
  ) => {
    n += 1;
    const result = await service.execute({
      commandId: `c-${String(n).padStart(4, '0')}`,
      now: `${now}+08:00`,
      actor,
      type,
      data: { schoolId: SCHOOL, ...data },
    });
    if (E.isLeft(result)) throw new Error(`${type}: ${result.left.message.en}`);
  };
  await send('2022-08-01T09:00', ADMIN, 'RegisterSchool', { name: '測試高中' });
  await send('2022-08-01T09:00', { id: 'city', role: 'city' }, 'SetOperatingPeriod', {
    schoolYear: 111,
    item: 'outcomes',
    window: w('2022-08-01T00:00', '2023-10-31T00:00'),
  });
  await send('2022-08-01T09:00', ADMIN, 'SetWorkPeriod', {
    term: '1111',
    item: 'outcomeUpload',
    window: w('2022-09-01T08:00', '2023-01-20T17:00'),
  });
  await send('2022-08-01T09:00', ADMIN, 'SetWorkPeriod', {
    term: '1111',
    item: 'outcomeCertification',
    window: w('2023-01-21T08:00', '2023-02-10T17:00'),
  });
  await send('2022-08-01T09:00', ADMIN, 'SetWorkPeriod', {
    term: '1110',
    item: 'outcomeSelection',
    window: w('2023-04-11T08:00', '2023-04-13T17:00'),
  });
  // R-AUTH-3: the records system syncs the teachers (教師人員資料) before classes and courses name them.
  for (const [teacherId, name] of [
    ['t-home', '郭美玲'],
    ['t-math', '王建民'],
    ['t-eng', '陳怡君'],
    ['t-phy', '李安心'],
  ] as const) {
    await send('2022-08-01T09:00', SYSTEM, 'RegisterTeacher', { teacherId, name });
  }
  await send('2022-08-01T09:00', ADMIN, 'RegisterClass', {
    classId: 'c301',
    schoolYear: 111,
    name: '普通三01班',
    homeroomTeacherId: 't-home',
  });
  for (const [studentId, name] of [
    [STUDENT, '王小明'],
    ['s2', '林小華'],
  ] as const) {
    await send('2022-08-01T09:00', SYSTEM, 'EnrollStudent', {
      studentId,
      studentNumber: studentId,
      name,
      entrySchoolYear: 109,
    });
    await send('2022-08-01T09:00', SYSTEM, 'PlaceStudent', {
      studentId,
      schoolYear: 111,
      classId: 'c301',
      seatNumber: studentId === STUDENT ? 1 : 2,
    });
  }
  // Three subjects: at most 3 outcomes per subject and semester (R-OUT-4).
  const subjects = [
    ['math', '數學'],
    ['eng', '英語文'],
    ['phy', '物理'],
  ] as const;
  for (const [code, subject] of subjects) {
    await send('2022-08-01T09:00', SYSTEM, 'OpenCourse', {
      courseId: `${code}-1111`,
      term: '1111',
      subject,
      name: `${subject}（1111）`,
      credits: 2,
      teacherIds: [`t-${code}`],
    });
    await send('2022-08-01T09:00', SYSTEM, 'SyncCourseRoster', {
      courseId: `${code}-1111`,
      studentIds: [STUDENT, 's2'],
    });
  }
  const me = { id: STUDENT, role: 'student', schoolId: SCHOOL };
  for (let i = 1; i <= 7; i++) {
    const ref = { studentId: STUDENT, outcomeId: `o${i}` };
    const code = subjects[(i - 1) % 3]![0];
    await send(`2022-10-0${i}T20:00`, me, 'UploadCourseOutcome', {
      ...ref,
      courseId: `${code}-1111`,
      description: `報告 ${i}`,
      document: file(`o${i}.pdf`),
    });
    await send(`2022-10-0${i}T20:30`, me, 'SendCourseOutcomeForCertification', ref);
  }
  // Certified after every upload: recorded time never runs backwards in a stream (R-TIME-4).
  for (let i = 1; i <= 7; i++) {
    const code = subjects[(i - 1) % 3]![0];
    await send(`2023-01-2${i}T10:00`, { id: `t-${code}`, role: 'teacher', schoolId: SCHOOL }, 'CertifyCourseOutcome', {
      studentId: STUDENT,
      outcomeId: `o${i}`,
      result: 'passed',
    });
  }
  for (let i = 1; i <= 6; i++)
    await send(`2023-04-12T10:0${i}`, me, 'SelectCourseOutcome', { studentId: STUDENT, outcomeId: `o${i}` });
  return { store, service, send };
};

/** Edits a log line by line as someone with the file would, then re-hashes a stream so its chain holds again. */
export const rechain = (lines: ReadonlyArray<string>, streamName: string): string[] => {
  let prev = GENESIS_HASH;
  return lines.map((line) => {
    const record = JSON.parse(line) as RecordedEvent & { metadata: Record<string, unknown> };
    if (record.streamName !== streamName) return line;
    const { hash: _old, ...metadata } = record.metadata;
    prev = linkHash(prev, { ...record, metadata });
    return JSON.stringify({ ...record, metadata: { ...metadata, hash: prev } });
  });
};
