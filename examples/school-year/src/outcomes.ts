import * as E from 'fp-ts/Either';
import { SCHOOL_ID, type SchoolSetup } from './school';
import { within, type Driver } from './driver';
import type { Random } from './random';

const fileOf = (name: string, sizeBytes: number, mimeType = 'application/pdf') => ({
  name,
  mimeType,
  sizeBytes,
  sha256: Buffer.from(name).toString('hex').padEnd(64, '0').slice(0, 64),
  storageKey: `uploads/${name}`,
});

/**
 * One semester of course outcomes (R-OUT): students upload (a few try past the quota, pick a course
 * without credits, or attach a file too large) and send; then teachers certify most, fail some with a
 * reason, and leave a few pending when their window closes (R-OUT-11).
 */
export const runOutcomeSemester = async (driver: Driver, random: Random, setup: SchoolSetup, semester: 1 | 2) => {
  const { calendar } = setup;
  const term = semester === 1 ? calendar.term1 : calendar.term2;
  const [uploadStart, uploadEnd] = semester === 1 ? calendar.upload1 : calendar.upload2;
  const [certifyStart, certifyEnd] = semester === 1 ? calendar.certify1 : calendar.certify2;
  const sent: { studentId: string; outcomeId: string; courseId: string }[] = [];
  for (const student of setup.students) {
    const courses = setup.courses.filter((c) => c.classId === student.classId && c.term === term);
    const wanted = random.chance(0.1) ? 0 : random.chance(0.08) ? random.int(11, 12) : random.int(1, 9);
    for (let n = 1; n <= wanted; n++) {
      const course = random.chance(0.03)
        ? courses.find((c) => c.credits === 0)!
        : random.pick(courses.filter((c) => c.credits > 0));
      const outcomeId = `${student.studentId}-${term}-${n}`;
      const big = random.chance(0.03);
      const file = big
        ? fileOf(`${outcomeId}.pdf`, 5 * 1_048_576)
        : fileOf(`${outcomeId}.pdf`, random.int(80_000, 3_000_000));
      const media = random.chance(0.15)
        ? { media: fileOf(`${outcomeId}.mp4`, random.int(1_000_000, 9_000_000), 'video/mp4') }
        : {};
      const ref = { schoolId: SCHOOL_ID, studentId: student.studentId, outcomeId };
      const actor = { id: student.studentId, role: 'student', schoolId: SCHOOL_ID } as const;
      const uploaded = await driver.send(
        within(uploadStart, uploadEnd, n / (wanted + 2)),
        actor,
        'UploadCourseOutcome',
        {
          ...ref,
          courseId: course.courseId,
          description: `${course.subject}課堂成果：${n}`,
          document: file,
          ...media,
        },
      );
      if (E.isLeft(uploaded) || random.chance(0.08)) continue;
      // A few students send after the window has closed (R-OUT-5).
      const late = random.chance(0.03);
      const when = late ? `${uploadEnd.slice(0, 11)}18:00` : within(uploadStart, uploadEnd, (n + 1) / (wanted + 2));
      const result = await driver.send(when, actor, 'SendCourseOutcomeForCertification', ref);
      if (E.isRight(result)) sent.push({ studentId: student.studentId, outcomeId, courseId: course.courseId });
    }
  }
  for (const [i, item] of sent.entries()) {
    if (random.chance(0.07)) continue;
    const course = setup.courses.find((c) => c.courseId === item.courseId)!;
    const fail = random.chance(0.1);
    await driver.send(
      within(certifyStart, certifyEnd, i / (sent.length + 1)),
      { id: course.teacherIds[0]!, role: 'teacher', schoolId: SCHOOL_ID },
      'CertifyCourseOutcome',
      {
        schoolId: SCHOOL_ID,
        studentId: item.studentId,
        outcomeId: item.outcomeId,
        result: fail ? 'failed' : 'passed',
        ...(fail ? { reason: '內容與課程無關' } : {}),
      },
    );
  }
};
