import { createWriteStream, writeFileSync } from 'node:fs';
import { generateSchool, NdjsonEventWriter, studentStreams } from '@licheng/testing';
import { BLOCK_POSITION_STRIDE, blockFile, type CityPartRequest } from './cityLog';
import { serveChild } from './child';

/** Writes some blocks of the city's log, each to its own file, as writeCityLog would write those events. */
const run = async (request: CityPartRequest): Promise<void> => {
  for (const b of request.blocks) {
    const k = Math.floor(b / 2);
    const file = blockFile(request.dir, request.name, b);
    const writer = new NdjsonEventWriter(
      createWriteStream(file, { highWaterMark: 1 << 20 }),
      b * BLOCK_POSITION_STRIDE,
    );
    const students = Math.min(request.schoolSize, request.students - k * request.schoolSize);
    const school = generateSchool({
      seed: request.seed,
      schoolId: `tp_c${String(k + 1).padStart(3, '0')}`,
      students,
      entrySchoolYears: [request.schoolYear - 2, request.schoolYear - 1, request.schoolYear],
      schoolYears: [request.schoolYear],
    });
    // Each student's stream depends on the school and the student alone, so a half can be written by itself.
    const half = Math.ceil(school.students.length / 2);
    if (b % 2 === 0) await writer.write(school);
    const mine = b % 2 === 0 ? school.students.slice(0, half) : school.students.slice(half);
    for (const stream of studentStreams({ ...school, students: mine })) await writer.write(stream);
    await writer.end();
    writeFileSync(`${file}.count`, String(writer.events));
  }
};

serveChild(run);
