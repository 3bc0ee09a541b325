import { schoolIdOfSchoolStream } from '@licheng/domain';
import { writeFile } from 'node:fs/promises';
import type { DomainError } from '@licheng/domain';
import type * as Esdb from '@licheng/eventstore-esdb';
import type { ProjectedEvent } from '@licheng/projections';
import * as E from 'fp-ts/Either';
import { decodeLog, formatLogError, readLogFile, type EventLog } from '../log';

/** Where licheng writes: tests pass their own and read what was written. */
export interface CliIo {
  /** One or more whole lines of the answer (stdout). */
  readonly out: (text: string) => void;
  /** One line of error (stderr). */
  readonly err: (line: string) => void;
  /** A status line for long runs, shown only on a terminal; `null` clears it. */
  readonly progress: (line: string | null) => void;
  /** The clock, read only at this edge: the library reads none (R-TIME-3). */
  readonly now: () => Date;
}

/**
 * Exit codes: 0 done (a clean audit), 1 findings or a refusal, 2 bad usage or bad input (a malformed log),
 * 3 a file or store that cannot be read or written, 4 nothing to audit (an empty or blank log).
 */
export const EXIT = { done: 0, findings: 1, usage: 2, io: 3, empty: 4 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Ends a command with an exit code and one line on stderr. */
export class Failure extends Error {
  constructor(
    readonly line: string,
    readonly exitCode: Exclude<ExitCode, 0>,
  ) {
    super(line);
  }
}

/** A refusal by the library, about a file when there is one: `file: CODE R-x message`, exit 1. */
export const refused = (error: DomainError, file?: string): Failure =>
  new Failure(formatLogError({ file: file ?? 'licheng', line: null, error }), 1);

/** A log that cannot be read is an I/O failure (exit 3); one that cannot be decoded is bad input (exit 2). */
export const loadLog = async (file: string, io: CliIo): Promise<EventLog> => {
  io.progress(`reading ${file} …`);
  const log = await readLogFile(file);
  if (E.isLeft(log)) throw new Failure(formatLogError(log.left), log.left.error.code === 'FILE_UNREADABLE' ? EXIT.io : EXIT.usage);
  io.progress(`read ${log.right.entries.length} events from ${file}`);
  return log.right;
};

/**
 * Every event of an EventStoreDB, read through @licheng/eventstore-esdb (loaded only when asked for: it
 * brings a gRPC client). The connection string is never printed: it may hold credentials.
 */
export const loadStoreLog = async (connectionString: string, io: CliIo): Promise<EventLog> => {
  const { connectEventStoreDb } = require('@licheng/eventstore-esdb') as typeof Esdb;
  io.progress('reading EventStoreDB …');
  let connection: Esdb.EventStoreDbConnection | undefined;
  try {
    connection = connectEventStoreDb(connectionString);
    const records = await connection.store.readAll();
    return { file: 'EventStoreDB', entries: records.map((record, index) => ({ record, line: index + 1 })) };
  } catch (error) {
    const reason = typeof (error as { message?: unknown })?.message === 'string' ? (error as Error).message : String(error);
    throw new Failure(`EventStoreDB: STORE_UNREADABLE cannot read the store: ${reason.split('\n')[0]}`, EXIT.io);
  } finally {
    await connection?.dispose();
  }
};

/** Writes a file the command was asked to write; a failure is an I/O failure (exit 3), one line. */
export const writeOut = async (file: string, data: string | Uint8Array): Promise<void> => {
  try {
    await writeFile(file, data);
  } catch (error) {
    throw new Failure(`${file}: FILE_UNWRITABLE cannot write the file: ${(error as Error).message.split('\n')[0]}`, EXIT.io);
  }
};

export const decodeAll = (log: EventLog, io: CliIo): ReadonlyArray<ProjectedEvent> => {
  io.progress(`decoding ${log.entries.length} events …`);
  const decoded = decodeLog(log);
  if (E.isLeft(decoded)) throw new Failure(formatLogError(decoded.left), 2);
  return decoded.right;
};

/** The school the command is about: the one named, or the log's only school. */
export const schoolOf = (events: ReadonlyArray<ProjectedEvent>, named: string | undefined): string => {
  const schools = [...new Set(events.filter((e) => e.stream === 'school').map((e) => schoolIdOfSchoolStream(e.streamName)))].sort();
  if (named !== undefined) return named;
  if (schools.length === 1) return schools[0]!;
  throw new Failure(`licheng: the log holds ${schools.length === 0 ? 'no school' : `schools ${schools.join(', ')}`}: name one with --school`, 2);
};
