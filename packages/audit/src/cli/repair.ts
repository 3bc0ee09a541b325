import { appendFile } from 'node:fs/promises';
import { Id, taipeiInstantOf } from '@licheng/domain';
import { quarantineStoredEvent, type EventStore, type QuarantineResult } from '@licheng/eventstore';
import * as E from 'fp-ts/Either';
import { loadIntoStore, toNdjson } from '../log';
import { allowOnly, instantOf, langOf, required, UsageError, type Flags } from './args';
import {
  badLog,
  EXIT,
  Failure,
  firstLine,
  isPostgres,
  loadLog,
  openStore,
  readText,
  refused,
  storeUnreadable,
  writeOut,
  type CliIo,
} from './io';
import { messageLangOf, text } from './text';

/** `--revision 12` as a number; anything else is passed on for the request's codec to refuse, naming the path. */
const revisionOf = (given: string): unknown => (/^\d+$/.test(given) ? Number(given) : given);

/**
 * `licheng repair quarantine` (issue 16, item 6; docs/audit.md, "Repairing an unreadable stream"): appends
 * an EventQuarantined record setting aside one unreadable stored event, as the platform operator. A log file
 * gets the record appended as one more line (or the whole repaired log written to --out); a store gets it
 * appended to the stream. Refusals are the library's coded, bilingual errors (exit 1).
 */
export const repairCommand = async (sub: string | undefined, flags: Flags, io: CliIo): Promise<number> => {
  if (sub !== 'quarantine')
    throw new UsageError(
      text(
        `repair 之後須接 quarantine，而非${sub === undefined ? '空白' : `「${sub}」`}`,
        `repair takes quarantine, not ${sub === undefined ? 'nothing' : `"${sub}"`}`,
      ),
    );
  allowOnly('repair quarantine', flags, [
    'events',
    'store',
    'data',
    'out',
    'stream',
    'revision',
    'event-id',
    'hash',
    'reason',
    'actor',
    'now',
    'command-id',
    'lang',
  ]);
  langOf(flags);
  const say = messageLangOf(flags);
  const sources = [flags.events, flags.store, flags.data].filter((source) => source !== undefined);
  if (sources.length !== 1)
    throw new UsageError(
      text(
        'repair quarantine 需要 --events FILE、--store CONNECTION 或 --data DIR，三者擇一',
        'repair quarantine needs --events FILE, --store CONNECTION or --data DIR, one of them',
      ),
    );
  if (flags.out !== undefined && flags.events === undefined)
    throw new UsageError(text('--out 只用於 --events', '--out goes with --events only'));
  const streamName = required('repair quarantine', flags, 'stream');
  const revision = revisionOf(required('repair quarantine', flags, 'revision'));
  const eventId = required('repair quarantine', flags, 'event-id');
  const contentHash = required('repair quarantine', flags, 'hash');
  const reason = required('repair quarantine', flags, 'reason');
  const actorId = flags.actor ?? 'operator';
  if (!Id.is(actorId))
    throw new UsageError(
      text(
        `--actor 須為代號（英數字與 _ . : -），而非「${actorId}」`,
        `--actor takes an id (letters, digits, _ . : -), not "${actorId}"`,
      ),
    );
  const now = flags.now === undefined ? taipeiInstantOf(io.now()) : instantOf('now', flags.now);
  // The same repair given twice is one repair: its command id derives from what it sets aside.
  const commandId = flags['command-id'] ?? `quarantine:${streamName}:${String(revision)}:${contentHash.slice(0, 16)}`;
  const request = {
    streamName,
    revision,
    eventId,
    contentHash,
    reason,
    actor: { id: actorId, role: 'system' },
    now,
    commandId,
  };
  const where = flags.events ?? (flags.data !== undefined ? `PGlite ${flags.data}` : storeName(flags.store!));
  const result = flags.events !== undefined ? await repairLog(flags, request, io) : await repairStore(flags, request);
  if (E.isLeft(result)) throw refused(result.left, where);
  io.out(report(result.right, where, say));
  return EXIT.done;
};

const storeName = (connection: string) => (isPostgres(connection) ? 'PostgreSQL' : 'EventStoreDB');

const report = (r: QuarantineResult, where: string, say: 'zh-TW' | 'en'): string => {
  if (say === 'zh-TW')
    return r.alreadyApplied
      ? `${where}：${r.streamName} 先前已記錄此隔離（第 ${r.revision} 版），未新增任何事件`
      : `${where}：已於 ${r.streamName} 第 ${r.revision} 版記錄隔離（事件 ${r.eventId}）`;
  return r.alreadyApplied
    ? `${where}: ${r.streamName} already holds this quarantine (revision ${r.revision}); nothing added`
    : `${where}: recorded the quarantine at ${r.streamName} revision ${r.revision} (event ${r.eventId})`;
};

/** A log file: read into a store, repaired there, and the record appended to the file (or all written to --out). */
const repairLog = async (flags: Flags, request: unknown, io: CliIo) => {
  const file = flags.events!;
  const loaded = await loadIntoStore(await loadLog(file, io, messageLangOf(flags)));
  if (E.isLeft(loaded)) throw badLog(loaded.left);
  io.progress(null);
  const store = loaded.right;
  const before = store.eventCount;
  const result = await quarantineStoredEvent(store, request);
  if (E.isLeft(result)) return result;
  if (flags.out !== undefined) await writeOut(flags.out, toNdjson(await store.readAll()));
  else if (store.eventCount > before) await appendLines(file, (await store.readAll()).slice(before));
  return result;
};

/** Events are forever: a log file only ever grows, by whole lines. */
const appendLines = async (file: string, records: Parameters<typeof toNdjson>[0]) => {
  const existing = await readText(file);
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  try {
    await appendFile(file, separator + toNdjson(records));
  } catch (error) {
    throw new Failure(
      text(
        `${file}: FILE_UNWRITABLE 無法寫入檔案：${firstLine(error)}`,
        `${file}: FILE_UNWRITABLE cannot write the file: ${firstLine(error)}`,
      ),
      EXIT.io,
    );
  }
};

/** A store (KurrentDB, PostgreSQL or a PGlite directory): the record appended to the stream, as any writer would. */
const repairStore = async (flags: Flags, request: unknown) => {
  const source = flags.data !== undefined ? { data: flags.data } : { store: flags.store! };
  const name = flags.data !== undefined ? `PGlite ${flags.data}` : storeName(flags.store!);
  let opened: { readonly store: EventStore; readonly dispose: () => Promise<void> } | undefined;
  try {
    opened = await openStore(source);
  } catch (error) {
    throw storeUnreadable(name, error);
  }
  try {
    return await quarantineStoredEvent(opened.store, request);
  } finally {
    await opened.dispose().catch(() => undefined);
  }
};
