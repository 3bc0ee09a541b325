import { createWriteStream, renameSync } from 'node:fs';
import { generateSchool, NdjsonEventWriter, studentStreams } from '@licheng/testing';
import type { WorkloadRequest } from './workloadCache';
import { serveChild } from './child';

/** Writes each workload's student streams as NDJSON, under a temporary name until complete. */
const run = async (requests: ReadonlyArray<WorkloadRequest & { readonly file: string }>): Promise<void> => {
  for (const request of requests) {
    const partial = `${request.file}.${process.pid}.partial`;
    const writer = new NdjsonEventWriter(createWriteStream(partial, { highWaterMark: 1 << 20 }));
    const school = generateSchool({ seed: request.seed, schoolId: request.schoolId, students: request.students });
    for (const stream of studentStreams(school)) await writer.write(stream);
    await writer.end();
    renameSync(partial, request.file);
  }
};

serveChild(run);
