import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import * as E from 'fp-ts/Either';
import type { EventStore } from '@licheng/eventstore';
import type { GeneratedStream } from './recorder';
import { generateSchool, type GeneratedSchool } from './school';
import { generateStudentStream } from './student';

/** Appends each stream whole, as one batch to a new stream; returns how many events were written. */
export const appendToStore = async (store: EventStore, streams: Iterable<GeneratedStream>): Promise<number> => {
  let count = 0;
  for (const { streamName, events } of streams) {
    if (events.length === 0) continue;
    const result = await store.appendToStream(streamName, events, 'no_stream');
    if (E.isLeft(result)) throw new Error(`generator: ${result.left.message.en}`);
    count += events.length;
  }
  return count;
};

/** The student streams of a generated school, lazily: one stream in memory at a time. */
export function* studentStreams(
  school: GeneratedSchool,
  options: { readonly schoolYears?: ReadonlyArray<number> } = {},
): Generator<GeneratedStream> {
  for (const student of school.students) {
    yield generateStudentStream({
      seed: school.seed,
      school,
      studentId: student.studentId,
      ...(options.schoolYears ? { schoolYears: options.schoolYears } : {}),
    });
  }
}

/** Bytes of lines gathered before they are written; a chunk is sent once it holds 1 MiB. */
const CHUNK_BYTES = 4 << 20;

/**
 * Writes streams as NDJSON, one stored event per line exactly as a store hands it back (`RecordedEvent`:
 * eventId, streamName, revision, position, type, data, metadata), the format `licheng audit` reads.
 * Positions count on from `position`; lines are buffered and the destination's back-pressure respected.
 */
export class NdjsonEventWriter {
  // Lines are encoded straight into a chunk of bytes: joining them into one string first cost a copy and a
  // second pass to count its bytes, a sixth of the generator's time.
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private size = 0;
  events = 0;
  bytes = 0;

  constructor(
    private readonly out: Writable,
    public position = 0,
  ) {}

  async write(stream: GeneratedStream): Promise<void> {
    for (let revision = 0; revision < stream.events.length; revision++) {
      const event = stream.events[revision]!;
      const line = `${JSON.stringify({ eventId: event.eventId, streamName: stream.streamName, revision, position: this.position++, type: event.type, data: event.data, metadata: event.metadata })}\n`;
      // A UTF-16 unit is at most 3 bytes of UTF-8.
      if (this.size + 3 * line.length > this.chunk.length) await this.flush();
      if (3 * line.length > this.chunk.length) await this.send(Buffer.from(line, 'utf8'));
      else this.size += this.chunk.write(line, this.size, 'utf8');
    }
    this.events += stream.events.length;
    if (this.size >= 1 << 20) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const full = this.chunk.subarray(0, this.size);
    // The destination may hold on to the bytes until written: the next lines go into a new chunk.
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.size = 0;
    await this.send(full);
  }

  private async send(bytes: Buffer): Promise<void> {
    this.bytes += bytes.length;
    if (!this.out.write(bytes)) await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }

  /** Flushes and ends the destination, resolving once everything is written. */
  async end(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(resolve);
    });
  }
}

export interface CityLogOptions {
  readonly seed: number;
  readonly students: number;
  /** Students per school; 1,000 when absent. */
  readonly schoolSize?: number;
  /** The school year of the log: its three cohorts each in their own grade. 111 when absent. */
  readonly schoolYear?: number;
  /** Where to write; a new file in the system's temporary directory when absent. */
  readonly file?: string;
  readonly hashChain?: boolean;
  readonly onProgress?: (students: number, events: number) => void;
}

export interface CityLog {
  readonly file: string;
  readonly schools: number;
  readonly students: number;
  readonly events: number;
  readonly bytes: number;
}

/**
 * A city's school year as one NDJSON log: schools of three cohorts (grades 10 to 12), each school's stream
 * followed by its students' portfolio streams for that year. Streamed to disk school by school and student
 * by student, so memory holds one school's policy and one student's events, whatever the size.
 */
export const writeCityLog = async (options: CityLogOptions): Promise<CityLog> => {
  const schoolYear = options.schoolYear ?? 111;
  const schoolSize = options.schoolSize ?? 1_000;
  const file = options.file ?? join(tmpdir(), `licheng-city-${options.seed}-${options.students}-${process.pid}.ndjson`);
  const writer = new NdjsonEventWriter(createWriteStream(file, { highWaterMark: 1 << 20 }));
  const schools = Math.ceil(options.students / schoolSize);
  let written = 0;
  for (let k = 0; k < schools; k++) {
    const students = Math.min(schoolSize, options.students - written);
    const school = generateSchool({
      seed: options.seed,
      schoolId: `tp_c${String(k + 1).padStart(3, '0')}`,
      students,
      entrySchoolYears: [schoolYear - 2, schoolYear - 1, schoolYear],
      schoolYears: [schoolYear],
      ...(options.hashChain === undefined ? {} : { hashChain: options.hashChain }),
    });
    await writer.write(school);
    for (const stream of studentStreams(school)) {
      await writer.write(stream);
      written += 1;
      if (written % 1_000 === 0) options.onProgress?.(written, writer.events);
    }
  }
  await writer.end();
  return { file, schools, students: written, events: writer.events, bytes: writer.bytes };
};
