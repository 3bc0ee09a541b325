import { basename } from 'node:path';
import { Id, SchoolId, taipeiInstantOf, type Actor } from '@licheng/domain';
import * as E from 'fp-ts/Either';
import { loadIntoStore, toNdjson } from '../log';
import { exportTransfer } from '../transfer/export';
import { importTransfer } from '../transfer/import';
import { allowOnly, instantOf, langOf, required, UsageError, type Flags } from './args';
import { badLog, loadLog, readText, refused, writeOut, type CliIo } from './io';
import { messageLangOf, text } from './text';

const nowOf = (flags: Flags, io: CliIo) =>
  flags.now === undefined ? taipeiInstantOf(io.now()) : instantOf('now', flags.now);

const storeOf = async (file: string, io: CliIo, flags: Flags) => {
  const store = await loadIntoStore(await loadLog(file, io, messageLangOf(flags)));
  if (E.isLeft(store)) throw badLog(store.left);
  return store.right;
};

/** `licheng transfer export`: the bundle file, and its token printed for the transfer letter. */
const exportCommand = async (flags: Flags, io: CliIo): Promise<number> => {
  allowOnly('transfer export', flags, ['events', 'school', 'student', 'out', 'now', 'lang']);
  langOf(flags);
  const file = required('transfer export', flags, 'events');
  const schoolId = required('transfer export', flags, 'school');
  const studentId = required('transfer export', flags, 'student');
  const out = required('transfer export', flags, 'out');
  const exportedAt = nowOf(flags, io);
  const store = await storeOf(file, io, flags);
  io.progress(null);
  const exported = await exportTransfer(store, { schoolId, studentId, fileName: basename(out), exportedAt });
  if (E.isLeft(exported)) throw refused(exported.left, file);
  await writeOut(out, `${JSON.stringify(exported.right.bundle, null, 2)}\n`);
  const count = exported.right.bundle.events.length;
  io.out(
    messageLangOf(flags) === 'zh-TW'
      ? `已寫入 ${out}：${schoolId} 學生 ${studentId} 的 ${count} 筆事件\ntoken ${exported.right.token}`
      : `wrote ${out}: ${count} events of student ${studentId} at ${schoolId}\ntoken ${exported.right.token}`,
  );
  return 0;
};

/** `licheng transfer import`: the log with the student's records appended, written to --out. */
const importCommand = async (flags: Flags, io: CliIo): Promise<number> => {
  allowOnly('transfer import', flags, ['events', 'bundle', 'token', 'school', 'out', 'now', 'actor', 'lang']);
  langOf(flags);
  const say = messageLangOf(flags);
  const file = required('transfer import', flags, 'events');
  const bundleFile = required('transfer import', flags, 'bundle');
  const token = required('transfer import', flags, 'token');
  const schoolId = required('transfer import', flags, 'school');
  const out = required('transfer import', flags, 'out');
  const actorId = flags.actor ?? 'admin';
  if (!Id.is(actorId))
    throw new UsageError(
      text(
        `--actor 須為代號（英數字與 _ . : -），而非「${actorId}」`,
        `--actor takes an id (letters, digits, _ . : -), not "${actorId}"`,
      ),
    );
  if (!SchoolId.is(schoolId)) {
    throw new UsageError(
      text(
        `--school 須為學校代號（英數字與 _ . :），而非「${schoolId}」`,
        `--school takes a school id (letters, digits, _ . :), not "${schoolId}"`,
      ),
    );
  }
  // The importing school's administrator (R-XFER-1, R-AUTH-3).
  const actor: Actor = { id: actorId, role: 'admin', schoolId };
  const now = nowOf(flags, io);
  const bundle = await readText(bundleFile);
  const store = await storeOf(file, io, flags);
  io.progress(null);
  const imported = await importTransfer(store, {
    text: bundle,
    fileName: basename(bundleFile),
    token,
    schoolId,
    now,
    actor,
  });
  if (E.isLeft(imported)) throw refused(imported.left, bundleFile);
  const r = imported.right;
  await writeOut(out, toNdjson(await store.readAll()));
  const { courseOutcomes, performances, learningPlans, receipts, applications } = r.records;
  const byType = Object.entries(r.byType)
    .map(([type, n]) => `${type} ${n}`)
    .join(', ');
  if (say === 'zh-TW') {
    const kinds =
      `課程學習成果 ${courseOutcomes}、多元表現 ${performances}、自主學習計畫 ${learningPlans}、收訖明細 ` +
      `${receipts}、申請勾選 ${applications}`;
    io.out(
      r.alreadyImported
        ? `先前已匯入 ${r.streamName}：未新增任何事件\n已寫入 ${out}`
        : `已匯入 ${r.events} 筆事件至 ${r.streamName}：${kinds}\n依事件類型：${byType}\n已寫入 ${out}（共 ` +
            `${store.eventCount} 筆事件）`,
    );
    return 0;
  }
  const kinds =
    `course outcomes ${courseOutcomes}, performances ${performances}, learning plans ${learningPlans}, ` +
    `receipts ${receipts}, application picks ${applications}`;
  io.out(
    r.alreadyImported
      ? `already imported into ${r.streamName}: nothing added\nwrote ${out}`
      : `imported ${r.events} events into ${r.streamName}: ${kinds}\nby event type: ${byType}\nwrote ${out} ` +
          `(${store.eventCount} events)`,
  );
  return 0;
};

export const transferCommand = (sub: string | undefined, flags: Flags, io: CliIo): Promise<number> => {
  if (sub === 'export') return exportCommand(flags, io);
  if (sub === 'import') return importCommand(flags, io);
  throw new UsageError(
    text(
      `transfer 之後須接 export 或 import，而非${sub === undefined ? '空白' : `「${sub}」`}`,
      `transfer takes export or import, not ${sub === undefined ? 'nothing' : `"${sub}"`}`,
    ),
  );
};
