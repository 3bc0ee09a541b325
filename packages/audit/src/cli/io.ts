import { schoolIdOfSchoolStream } from '@licheng/domain';
import { readFile, writeFile } from 'node:fs/promises';
import type { DomainError } from '@licheng/domain';
import type { EventStore } from '@licheng/eventstore';
import type * as Esdb from '@licheng/eventstore-esdb';
import type * as Pg from '@licheng/eventstore-postgres';
import type { ProjectedEvent } from '@licheng/projections';
import * as E from 'fp-ts/Either';
import { decodeLog, fileReason, formatLogError, readLogFile, type EventLog, type LogError } from '../log';
import { text, type Lang, type Text } from './text';

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

/** Ends a command with an exit code and one line on stderr, in the chosen language. */
export class Failure extends Error {
  constructor(
    readonly line: Text,
    readonly exitCode: Exclude<ExitCode, 0>,
  ) {
    super(line.en);
  }
}

/** `file:line: CODE R-x message`, in both languages. */
const logErrorText = (error: LogError): Text => text(formatLogError(error, 'zh-TW'), formatLogError(error, 'en'));

/** A refusal by the library, about a file when there is one: `file: CODE R-x message`, exit 1. */
export const refused = (error: DomainError, file?: string): Failure =>
  new Failure(logErrorText({ file: file ?? 'licheng', line: null, error }), 1);

/** A log the library could not take in (not JSON, not a stored event, out of order): bad input, exit 2. */
export const badLog = (error: LogError): Failure => new Failure(logErrorText(error), EXIT.usage);

export const firstLine = (error: unknown): string =>
  (typeof (error as { message?: unknown })?.message === 'string' ? (error as Error).message : String(error)).split(
    '\n',
  )[0]!;

/** A store that could not be opened or read, named without the credentials its connection string may hold. */
export const storeUnreadable = (name: string, error: unknown): Failure => {
  const reason = withoutCredentials(firstLine(error));
  return new Failure(
    text(
      `${name}: STORE_UNREADABLE 無法讀取事件庫：${reason}`,
      `${name}: STORE_UNREADABLE cannot read the store: ${reason}`,
    ),
    EXIT.io,
  );
};

const fileFailure = (file: string, code: 'FILE_UNREADABLE' | 'FILE_UNWRITABLE', error: unknown): Failure => {
  const [zh, en] =
    code === 'FILE_UNREADABLE' ? ['無法讀取檔案', 'cannot read the file'] : ['無法寫入檔案', 'cannot write the file'];
  return new Failure(
    text(`${file}: ${code} ${zh}：${fileReason(error, 'zh-TW')}`, `${file}: ${code} ${en}: ${fileReason(error, 'en')}`),
    EXIT.io,
  );
};

/** A log that cannot be read is an I/O failure (exit 3); one that cannot be decoded is bad input (exit 2). */
export const loadLog = async (file: string, io: CliIo, lang: Lang = 'en'): Promise<EventLog> => {
  io.progress(lang === 'zh-TW' ? `讀取 ${file} …` : `reading ${file} …`);
  const log = await readLogFile(file);
  if (E.isLeft(log))
    throw new Failure(logErrorText(log.left), log.left.error.code === 'FILE_UNREADABLE' ? EXIT.io : EXIT.usage);
  io.progress(
    lang === 'zh-TW'
      ? `已自 ${file} 讀取 ${log.right.entries.length} 筆事件`
      : `read ${log.right.entries.length} events from ${file}`,
  );
  return log.right;
};

/** Where a store log comes from: a connection string (`--store`) or a PGlite directory (`--data`). */
export type StoreSource = { readonly store: string } | { readonly data: string };

export const isPostgres = (connectionString: string): boolean => /^postgres(ql)?:\/\//i.test(connectionString);

/** A message without the connection string's credentials, should a driver quote it. */
export const withoutCredentials = (text: string): string => text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^@\s/]*@/gi, '$1…@');

/** The store to read, opened through its adapter. */
export const openStore = async (
  source: StoreSource,
): Promise<{ readonly store: EventStore; readonly dispose: () => Promise<void> }> => {
  if ('data' in source) {
    const { openPglite } = require('@licheng/eventstore-postgres') as typeof Pg;
    return openPglite(source.data);
  }
  if (isPostgres(source.store)) {
    const { connectPostgres } = require('@licheng/eventstore-postgres') as typeof Pg;
    return connectPostgres(source.store);
  }
  const { connectEventStoreDb } = require('@licheng/eventstore-esdb') as typeof Esdb;
  return connectEventStoreDb(source.store);
};

/**
 * Every event of a store: EventStoreDB (`kurrentdb://…`, `esdb://…`), a PostgreSQL server (`postgres://…`)
 * or a PGlite directory, each adapter loaded only when asked for. The connection string is never printed:
 * it may hold credentials.
 */
export const loadStoreLog = async (source: StoreSource, io: CliIo, lang: Lang = 'en'): Promise<EventLog> => {
  const name = 'data' in source ? `PGlite ${source.data}` : isPostgres(source.store) ? 'PostgreSQL' : 'EventStoreDB';
  io.progress(lang === 'zh-TW' ? `讀取 ${name} …` : `reading ${name} …`);
  let opened: Awaited<ReturnType<typeof openStore>> | undefined;
  try {
    opened = await openStore(source);
    const records = await opened.store.readAll();
    return { file: name, entries: records.map((record, index) => ({ record, line: index + 1 })) };
  } catch (error) {
    throw storeUnreadable(name, error);
  } finally {
    await opened?.dispose().catch(() => undefined);
  }
};

/** Writes a file the command was asked to write; a failure is an I/O failure (exit 3), one line. */
export const writeOut = async (file: string, data: string | Uint8Array): Promise<void> => {
  try {
    await writeFile(file, data);
  } catch (error) {
    throw fileFailure(file, 'FILE_UNWRITABLE', error);
  }
};

/** The file a failure is about, read whole; one that cannot be read is an I/O failure (exit 3). */
export const readText = async (file: string): Promise<string> => {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw fileFailure(file, 'FILE_UNREADABLE', error);
  }
};

export const decodeAll = (log: EventLog, io: CliIo, lang: Lang = 'en'): ReadonlyArray<ProjectedEvent> => {
  io.progress(lang === 'zh-TW' ? `解碼 ${log.entries.length} 筆事件 …` : `decoding ${log.entries.length} events …`);
  const decoded = decodeLog(log);
  if (E.isLeft(decoded)) throw badLog(decoded.left);
  return decoded.right;
};

/** The school the command is about: the one named, or the log's only school. */
export const schoolOf = (events: ReadonlyArray<ProjectedEvent>, named: string | undefined): string => {
  const schools = [
    ...new Set(events.filter((e) => e.stream === 'school').map((e) => schoolIdOfSchoolStream(e.streamName))),
  ].sort();
  if (named !== undefined) return named;
  if (schools.length === 1) return schools[0]!;
  throw new Failure(
    text(
      `licheng: 紀錄中${schools.length === 0 ? '沒有學校' : `有多所學校（${schools.join('、')}）`}，請以 --school 指定`,
      `licheng: the log holds ${schools.length === 0 ? 'no school' : `schools ${schools.join(', ')}`}: name one with --school`,
    ),
    2,
  );
};
