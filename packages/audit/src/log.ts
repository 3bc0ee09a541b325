import { createReadStream } from 'node:fs';
import type { LogErrorCode } from './errorCodes';
import { describeValidationErrors, NonNegativeInt, type DomainError } from '@licheng/domain';
import { domainError } from '@licheng/domain/internal';
import {
  decodeQuarantine,
  InMemoryEventStore,
  isQuarantineRecord,
  quarantineOf,
  type RecordedEvent,
} from '@licheng/eventstore';
import { decodeRecorded, lineBatches, lineSplitter, type ProjectedEvent } from '@licheng/projections';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';

/**
 * One line of an NDJSON event log: a stored event exactly as a store hands it back (the format
 * examples/school-year writes). Data and metadata are checked later, by the serializer of the stream.
 */
export const RecordedEventLine = t.type(
  {
    eventId: t.string,
    streamName: t.string,
    revision: NonNegativeInt,
    position: NonNegativeInt,
    type: t.string,
    data: t.unknown,
    metadata: t.unknown,
  },
  'RecordedEvent',
);

/** A stored event and the line of the file it came from, so that every finding can point at it. */
export interface LogEntry {
  readonly record: RecordedEvent;
  readonly line: number;
}

export interface EventLog {
  /** As the user named it: errors print `file:line`. */
  readonly file: string;
  readonly entries: ReadonlyArray<LogEntry>;
}

/** What went wrong where: printed as the one line `file:line: CODE message`. */
export interface LogError {
  readonly file: string;
  readonly line: number | null;
  readonly error: DomainError;
}

export const formatLogError = ({ file, line, error }: LogError, lang: 'zh-TW' | 'en' = 'en'): string =>
  `${file}${line === null ? '' : `:${line}`}: ${error.code}${error.rule ? ` ${error.rule}` : ''} ${error.message[lang]}`;

const lineError = (code: LogErrorCode, zh: string, en: string, details: Record<string, unknown> = {}) =>
  domainError(code, null, zh, en, details);

/** One line of the log as an entry, or what is wrong with it; undefined for a blank line. */
const entryOf = (file: string, line: number, source: string): E.Either<LogError, LogEntry> | undefined => {
  if (source.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return E.left({
      file,
      line,
      error: lineError('LOG_LINE_NOT_JSON', `這一行不是 JSON：${reason}`, `the line is not JSON: ${reason}`),
    });
  }
  const decoded = RecordedEventLine.decode(json);
  if (E.isLeft(decoded)) {
    const problems = describeValidationErrors(decoded.left);
    const what = problems.map((p) => `${p.path}: expected ${p.expected}, got ${p.actual}`).join('; ');
    return E.left({
      file,
      line,
      error: lineError(
        'LOG_LINE_INVALID',
        `這一行不是儲存的事件（${what}）`,
        `the line is not a stored event (${what})`,
        { problems },
      ),
    });
  }
  return E.right({ record: decoded.right, line });
};

/**
 * Gathers a log's entries from its lines as they come, numbering them; `add` gives the first bad line's
 * error, after which the log is refused.
 */
const entryCollector = (file: string) => {
  const entries: LogEntry[] = [];
  let line = 0;
  const add = (lines: ReadonlyArray<string>): LogError | undefined => {
    for (const source of lines) {
      const entry = entryOf(file, ++line, source);
      if (entry === undefined) continue;
      if (E.isLeft(entry)) return entry.left;
      entries.push(entry.right);
    }
    return undefined;
  };
  return { add, log: (): EventLog => ({ file, entries }) };
};

/** Parses and decodes every line (blank lines are skipped); the first bad line stops it and names itself. */
export const parseLog = (file: string, text: string): E.Either<LogError, EventLog> => {
  const collector = entryCollector(file);
  const splitter = lineSplitter();
  const bad = collector.add(splitter.push(text)) ?? collector.add(splitter.end());
  return bad === undefined ? E.right(collector.log()) : E.left(bad);
};

/** The system's reasons a file cannot be read or written, said in Chinese; the errno code stays for a search. */
const FILE_REASONS: Readonly<Record<string, string>> = {
  ENOENT: '檔案或目錄不存在',
  EACCES: '沒有權限',
  EPERM: '不允許此操作',
  EISDIR: '這是目錄，不是檔案',
  ENOTDIR: '路徑中有一段不是目錄',
  ENOSPC: '磁碟空間不足',
  EROFS: '檔案系統為唯讀',
};

/** Why a file operation failed, first line only, in either language. */
export const fileReason = (cause: unknown, lang: 'zh-TW' | 'en'): string => {
  // Node's fs errors may come from another realm (jest), where `instanceof Error` fails.
  const reason = (
    typeof (cause as { message?: unknown })?.message === 'string' ? (cause as Error).message : String(cause)
  ).split('\n')[0]!;
  const errno = String((cause as { code?: unknown })?.code ?? '');
  return lang === 'zh-TW' && FILE_REASONS[errno] !== undefined ? `${FILE_REASONS[errno]}（${errno}）` : reason;
};

const unreadable = (file: string, cause: unknown): LogError => ({
  file,
  line: null,
  error: lineError(
    'FILE_UNREADABLE',
    `無法讀取檔案：${fileReason(cause, 'zh-TW')}`,
    `cannot read the file: ${fileReason(cause, 'en')}`,
  ),
});

/**
 * Reads a log file as `parseLog` reads its text, a chunk at a time: a log larger than the longest string
 * Node can hold (about 512 MiB) is read all the same, and memory holds the entries, not the text.
 */
export const readLogFile = async (file: string): Promise<E.Either<LogError, EventLog>> => {
  const collector = entryCollector(file);
  const input = createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    for await (const lines of lineBatches(input)) {
      const bad = collector.add(lines);
      if (bad !== undefined) return E.left(bad);
    }
  } catch (cause) {
    return E.left(unreadable(file, cause));
  } finally {
    input.destroy();
  }
  return E.right(collector.log());
};

/** Whether a quarantine record later in the log sets aside this unreadable event. */
const setAside = (log: EventLog, index: number, record: RecordedEvent): boolean =>
  quarantineOf(
    record,
    log.entries.slice(index + 1).map((entry) => entry.record),
  ) !== undefined;

/** Decodes (and upcasts) every event in full; a log whose lines are out of global order is refused. */
export const decodeLog = (log: EventLog): E.Either<LogError, ReadonlyArray<ProjectedEvent>> => {
  const events: ProjectedEvent[] = [];
  let last = -1;
  for (const [index, { record, line }] of log.entries.entries()) {
    if (record.position <= last) {
      const error = lineError(
        'LOG_OUT_OF_ORDER',
        `事件位置 ${record.position} 未大於前一筆 ${last}`,
        `position ${record.position} does not follow ${last}`,
        { position: record.position, previous: last },
      );
      return E.left({ file: log.file, line, error });
    }
    last = record.position;
    const decoded = decodeRecorded(record);
    if (E.isLeft(decoded)) {
      // Issue 16, item 6: a quarantine record folds nothing, and the one event it sets aside is skipped.
      if (isQuarantineRecord(record) ? E.isRight(decodeQuarantine(record)) : setAside(log, index, record)) continue;
      return E.left({ file: log.file, line, error: decoded.left });
    }
    events.push(decoded.right);
  }
  return E.right(events);
};

/** The log in an in-memory store, stream by stream as written; a gap or a repeat in a stream stops it. */
export const loadIntoStore = async (log: EventLog): Promise<E.Either<LogError, InMemoryEventStore>> => {
  const store = new InMemoryEventStore();
  for (const { record, line } of log.entries) {
    const { eventId, type, data, metadata } = record;
    const appended = await store.appendToStream(
      record.streamName,
      [{ eventId, type, data, metadata }],
      record.revision === 0 ? 'no_stream' : record.revision - 1,
    );
    if (E.isLeft(appended)) return E.left({ file: log.file, line, error: appended.left });
  }
  return E.right(store);
};

/** One stored event per line, in global order. */
export const toNdjson = (records: ReadonlyArray<RecordedEvent>): string =>
  records.map((record) => JSON.stringify(record)).join('\n') + '\n';
