import { SCHOOL_ID, SYSTEM, type SchoolSetup } from './school';
import { within, type Driver } from './driver';
import type { Random } from './random';

const proof = (name: string) => ({
  name,
  mimeType: 'application/pdf',
  sizeBytes: 200_000,
  sha256: 'e'.repeat(64),
  storageKey: `uploads/${name}`,
});

const detailsFor = (random: Random, n: number) =>
  random.pick([
    {
      category: 'competition',
      name: `全國高中科展 ${n}`,
      eventGroup: '物理組',
      level: random.pick(['校級', '縣市級', '全國']),
      award: '佳作',
      resultDate: '2022-11-20',
      participation: 'team',
    },
    { category: 'certificate', code: 'GEPT-I', name: '全民英檢中級', obtainedDate: '2022-12-10', scoreOrLevel: '通過' },
    { category: 'serviceLearning', unit: '臺北市立圖書館', name: '圖書整理志工' },
    {
      category: 'flexibleLearning',
      kind: '自主學習',
      name: `自主學習 ${n}`,
      periodsPerWeek: 2,
      weeks: random.int(6, 18),
    },
    { category: 'groupActivity', kind: '社團活動', name: '吉他社' },
    { category: 'creativeWork', name: `微電影作品 ${n}` },
    { category: 'other', name: `校慶活動 ${n}` },
  ] as const);

/**
 * When this phase records: in the winter break, after the first semester's certification and before the
 * second semester's uploads, inside the year's performance work period (CALENDAR.performances). Recorded
 * time never runs backwards in a student's stream (R-TIME-4), so a phase must lie after the one before it.
 */
const RECORDING: readonly [string, string] = ['2023-02-10T17:30', '2023-02-12T08:00'];
const CADRE_SYNC = '2023-02-12T09:00';
const CADRE_PROOF = '2023-02-12T20:00';

/**
 * Diverse performances (R-PERF): students record some in every category; the school syncs class cadre
 * records (R-PERF-6), to which most of those students attach proof.
 */
export const runPerformances = async (driver: Driver, random: Random, setup: SchoolSetup) => {
  const [start, end] = RECORDING;
  for (const student of setup.students) {
    const actor = { id: student.studentId, role: 'student', schoolId: SCHOOL_ID } as const;
    const count = random.chance(0.15) ? 0 : random.int(1, 13);
    for (let n = 1; n <= count; n++) {
      const hours = random.int(2, 40);
      await driver.send(within(start, end, n / (count + 1)), actor, 'RecordPerformance', {
        schoolId: SCHOOL_ID,
        studentId: student.studentId,
        performanceId: `${student.studentId}-p${n}`,
        schoolYear: 111,
        semester: n % 2 === 0 ? 2 : 1,
        details: detailsFor(random, n),
        startDate: '2022-09-01',
        endDate: random.chance(0.02) ? '2022-08-15' : '2022-12-31',
        hours,
        description: '活動紀錄與心得',
        document: proof(`${student.studentId}-p${n}.pdf`),
      });
    }
    if (random.chance(0.35)) {
      const performanceId = `${student.studentId}-cadre`;
      await driver.send(CADRE_SYNC, SYSTEM, 'SyncCadreRecord', {
        schoolId: SCHOOL_ID,
        studentId: student.studentId,
        performanceId,
        schoolYear: 111,
        semester: 2,
        unit: student.classId,
        position: random.pick(['班長', '副班長', '學藝股長', '衛生股長']),
        level: '班級',
        startDate: '2023-02-13',
        endDate: '2023-06-30',
      });
      if (random.chance(0.6)) {
        await driver.send(CADRE_PROOF, actor, 'AttachCadreProof', {
          schoolId: SCHOOL_ID,
          studentId: student.studentId,
          performanceId,
          description: '幹部證明',
          document: proof(`${performanceId}.pdf`),
        });
      }
    }
  }
};
