import { createReadStream, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '@licheng/eventstore';
import { lineBatches } from '@licheng/projections';
import { generateSchool } from '@licheng/testing';
import { runChild } from './child';
import { GENERATOR_VERSION } from './cityLog';
import type { StoreWorkload } from './workload';

/** A store workload: one school of `students` three-year streams, drawn from the seed. */
export interface WorkloadRequest {
  readonly seed: number;
  readonly students: number;
  readonly schoolId: string;
}

/** Where a workload's student streams are kept as NDJSON, beside the city logs. */
export const workloadFile = ({ seed, students, schoolId }: WorkloadRequest): string =>
  join(tmpdir(), 'licheng-bench', `workload-v${GENERATOR_VERSION}-s${seed}-n${students}-${schoolId}.ndjson`);

/**
 * Generates the student streams of each workload not kept yet, in one child process, so that a first run
 * can generate them while the city log is generated too; later runs read them back (1.3–1.5 s against
 * 3.9 s for generating the quick one). The child writes each file under another name and renames it when complete.
 */
export const ensureWorkloadFiles = (requests: ReadonlyArray<WorkloadRequest>): Promise<void> => {
  const missing = requests.filter((request) => !existsSync(workloadFile(request)));
  if (missing.length === 0) return Promise.resolve();
  const dir = join(tmpdir(), 'licheng-bench');
  mkdirSync(dir, { recursive: true });
  // Workloads of an older generator are of no use any more.
  for (const old of readdirSync(dir))
    if (old.startsWith('workload-v') && !old.startsWith(`workload-v${GENERATOR_VERSION}-`))
      rmSync(join(dir, old), { force: true });
  return runChild(
    'workloadWorker.js',
    missing.map((request) => ({ ...request, file: workloadFile(request) })),
    'workload generator',
  );
};

type StudentStream = {
  readonly streamName: string;
  readonly studentId: string;
  readonly events: ReadonlyArray<NewEvent>;
};

/**
 * A kept workload's school (drawn again: it is cheap) and its students' streams read back one at a time, in
 * the order `studentStreams` generated them (a stream's lines are consecutive in the file).
 */
export const readWorkload = async (request: WorkloadRequest) => {
  await ensureWorkloadFiles([request]);
  const file = workloadFile(request);
  const school = generateSchool({ seed: request.seed, schoolId: request.schoolId, students: request.students });
  const stream = (streamName: string, events: NewEvent[], i: number): StudentStream => {
    const studentId = school.students[i]?.studentId;
    if (studentId === undefined || !streamName.endsWith(`-${studentId}`))
      throw new Error(`${file}: stream ${streamName} is not student ${i}'s; delete the file to generate it again`);
    return { streamName, studentId, events };
  };
  async function* streams(): AsyncGenerator<StudentStream> {
    let name: string | undefined;
    let events: NewEvent[] = [];
    let count = 0;
    // Read as the rebuild reads a log: readFileSync of the whole text took several times longer here.
    for await (const lines of lineBatches(createReadStream(file, { highWaterMark: 1 << 20 }))) {
      for (const line of lines) {
        const { streamName, eventId, type, data, metadata } = JSON.parse(line) as NewEvent & { streamName: string };
        if (streamName !== name) {
          if (name !== undefined) yield stream(name, events, count++);
          name = streamName;
          events = [];
        }
        events.push({ eventId, type, data, metadata });
      }
    }
    if (name !== undefined) yield stream(name, events, count++);
    if (count !== school.students.length)
      throw new Error(`${file} holds ${count} streams, not ${school.students.length}; delete it to generate it again`);
  }
  return { school, streams: streams() };
};

/** The workload as `storeWorkload` generates it, every stream held (for the audit's log, which is small). */
export const cachedWorkload = async (request: WorkloadRequest): Promise<StoreWorkload> => {
  const { school, streams } = await readWorkload(request);
  const all: StudentStream[] = [];
  for await (const stream of streams) all.push(stream);
  return { school, streams: all, events: all.reduce((n, s) => n + s.events.length, 0) };
};
