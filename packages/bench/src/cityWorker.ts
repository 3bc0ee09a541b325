import { createWriteStream, writeFileSync } from 'node:fs';
import { generateSchool, NdjsonEventWriter, studentStreams } from '@licheng/testing';
import { SCHOOL_POSITION_STRIDE, schoolFile, type CityPartRequest } from './cityLog';

/** Writes the blocks of some of the city's schools, each to its own file, as writeCityLog would write them. */
const run = async (request: CityPartRequest): Promise<void> => {
  for (const k of request.schools) {
    const file = schoolFile(request.dir, request.name, k);
    const writer = new NdjsonEventWriter(createWriteStream(file, { highWaterMark: 1 << 20 }), k * SCHOOL_POSITION_STRIDE);
    const students = Math.min(request.schoolSize, request.students - k * request.schoolSize);
    const school = generateSchool({
      seed: request.seed,
      schoolId: `tp_c${String(k + 1).padStart(3, '0')}`,
      students,
      entrySchoolYears: [request.schoolYear - 2, request.schoolYear - 1, request.schoolYear],
      schoolYears: [request.schoolYear],
    });
    await writer.write(school);
    for (const stream of studentStreams(school)) await writer.write(stream);
    await writer.end();
    writeFileSync(`${file}.count`, String(writer.events));
  }
};

run(JSON.parse(process.argv[2]!) as CityPartRequest).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
