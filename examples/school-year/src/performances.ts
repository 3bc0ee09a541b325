import { SCHOOL_ID, SYSTEM, type SchoolSetup } from './school';
import type { SchoolYearCalendar } from './calendar';
import { within, type Driver } from './driver';
import type { Random } from './random';

const proof = (name: string) => ({
  name,
  mimeType: 'application/pdf',
  sizeBytes: 200_000,
  sha256: 'e'.repeat(64),
  storageKey: `uploads/${name}`,
});

const detailsFor = (random: Random, n: number, dates: SchoolYearCalendar['dates']) =>
  random.pick([
    {
      category: 'competition',
      name: `全國高中科展 ${n}`,
      eventGroup: '物理組',
      level: random.pick(['校級', '縣市級', '全國']),
      award: '佳作',
      resultDate: dates.competitionResult,
      participation: 'team',
    },
    {
      category: 'certificate',
      code: 'GEPT-I',
      name: '全民英檢中級',
      obtainedDate: dates.certificateObtained,
      scoreOrLevel: '通過',
    },
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
 * Diverse performances (R-PERF): students record some in every category; the school syncs class cadre
 * records (R-PERF-6), to which most of those students attach proof. They record in the winter break
 * (`calendar.recording`), after the first semester's certification and before the second semester's uploads,
 * inside the year's performance work period: recorded time never runs backwards in a student's stream
 * (R-TIME-4), so a phase must lie after the one before it.
 */
export const runPerformances = async (driver: Driver, random: Random, setup: SchoolSetup) => {
  const { calendar } = setup;
  const { dates } = calendar;
  const [start, end] = calendar.recording;
  for (const student of setup.students) {
    const actor = { id: student.studentId, role: 'student', schoolId: SCHOOL_ID } as const;
    const count = random.chance(0.15) ? 0 : random.int(1, 13);
    for (let n = 1; n <= count; n++) {
      const hours = random.int(2, 40);
      const performanceId = calendar.scoped(`${student.studentId}-p${n}`);
      await driver.send(within(start, end, n / (count + 1)), actor, 'RecordPerformance', {
        schoolId: SCHOOL_ID,
        studentId: student.studentId,
        performanceId,
        schoolYear: calendar.year,
        semester: n % 2 === 0 ? 2 : 1,
        details: detailsFor(random, n, dates),
        startDate: dates.activityStart,
        endDate: random.chance(0.02) ? dates.activityEndTooEarly : dates.activityEnd,
        hours,
        description: '活動紀錄與心得',
        document: proof(`${performanceId}.pdf`),
      });
    }
    if (random.chance(0.35)) {
      const performanceId = calendar.scoped(`${student.studentId}-cadre`);
      await driver.send(calendar.cadreSync, SYSTEM, 'SyncCadreRecord', {
        schoolId: SCHOOL_ID,
        studentId: student.studentId,
        performanceId,
        schoolYear: calendar.year,
        semester: 2,
        unit: student.classId,
        position: random.pick(['班長', '副班長', '學藝股長', '衛生股長']),
        level: '班級',
        startDate: dates.cadreStart,
        endDate: dates.cadreEnd,
      });
      if (random.chance(0.6)) {
        await driver.send(calendar.cadreProof, actor, 'AttachCadreProof', {
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
