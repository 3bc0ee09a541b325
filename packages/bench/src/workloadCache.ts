import { createReadStream, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { fork } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '@licheng/eventstore';
import { lineBatches } from '@licheng/projections';
import { generateSchool } from '@licheng/testing';
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
 * can generate them while the city log is generated too; later runs read them back (about five times
 * faster than generating). The child writes each file under another name and renames it when complete.
 */
export const ensureWorkloadFiles = (requests: ReadonlyArray<WorkloadRequest>): Promise<void> => {
  const missing = requests.filter((request) => !existsSync(workloadFile(request)));
  if (missing.length === 0) return Promise.resolve();
  const dir = join(tmpdir(), 'licheng-bench');
  mkdirSync(dir, { recursive: true });
  // Workloads of an older generator are of no use any more.
  for (const old of readdirSync(dir)) if (old.startsWith('workload-v') && !old.startsWith(`workload-v${GENERATOR_VERSION}-`)) rmSync(join(dir, old), { force: true });
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'workloadWorker.js'), [JSON.stringify(missing.map((request) => ({ ...request, file: workloadFile(request) })))], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`workload generator exited with ${code}`))));
  });
};

/** The workload as `storeWorkload` generates it: the school drawn again (it is cheap), its students' streams read back. */
export const cachedWorkload = async (request: WorkloadRequest): Promise<StoreWorkload> => {
  await ensureWorkloadFiles([request]);
  const school = generateSchool({ seed: request.seed, schoolId: request.schoolId, students: request.students });
  const byStream = new Map<string, NewEvent[]>();
  // Read as the rebuild reads a log: readFileSync of the whole text took several times longer here.
  for await (const lines of lineBatches(createReadStream(workloadFile(request), { highWaterMark: 1 << 20 }))) {
    for (const line of lines) {
      const { streamName, eventId, type, data, metadata } = JSON.parse(line) as NewEvent & { streamName: string };
      let events = byStream.get(streamName);
      if (events === undefined) byStream.set(streamName, (events = []));
      events.push({ eventId, type, data, metadata });
    }
  }
  const streams = [...byStream].map(([streamName, events], i) => {
    const studentId = school.students[i]?.studentId;
    if (studentId === undefined || !streamName.endsWith(`-${studentId}`)) throw new Error(`${workloadFile(request)}: stream ${streamName} is not student ${i}'s; delete the file to generate it again`);
    return { streamName, studentId, events };
  });
  if (streams.length !== school.students.length) throw new Error(`${workloadFile(request)} holds ${streams.length} streams, not ${school.students.length}; delete it to generate it again`);
  return { school, streams, events: streams.reduce((n, s) => n + s.events.length, 0) };
};
