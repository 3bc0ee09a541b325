import { createPublicKey, type KeyObject } from 'node:crypto';
import type * as Export from '@licheng/export';
import { schoolStreamName } from '@licheng/domain';
import type { ProjectedEvent } from '@licheng/projections';
import * as E from 'fp-ts/Either';
import { eventsAsOf, reportsViewAsOf, type Cut } from '../asOf';
import { auditLog } from '../audit';
import { FINDING_KINDS, formatFinding, isError } from '../findings';
import { renderTable } from '../render';
import { buildProgress, buildReport, REPORT_NAMES, REPORTS } from '../reports';
import { renderTimeline, studentTimeline } from '../timeline/timeline';
import { allowOnly, cutOf, langOf, required, UsageError, type Flags } from './args';
import { decodeAll, EXIT, loadLog, loadStoreLog, readText, refused, schoolOf, writeOut, type CliIo } from './io';
import { messageLangOf, text, type Lang } from './text';

/** The deadline runner's Ed25519 public key (PEM, SPKI) that every seal must be signed by (docs/audit.md). */
const sealPublicKeyOf = async (file: string): Promise<KeyObject> => {
  const pem = await readText(file);
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new UsageError(
      text(
        `--public-key ${file}：不是可讀的 PEM 公鑰（${reason}）`,
        `--public-key ${file}: not a readable PEM public key (${reason})`,
      ),
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new UsageError(
      text(
        `--public-key ${file}：須為 Ed25519 金鑰，而非 ${key.asymmetricKeyType}`,
        `--public-key ${file}: an Ed25519 key is needed, not ${key.asymmetricKeyType}`,
      ),
    );
  }
  return key;
};

/** Findings listed per kind before the rest are only counted. */
const LISTED_PER_KIND = 20;

/** `licheng audit verify`: exit 0 when clean, 1 with findings. */
export const verifyCommand = async (flags: Flags, io: CliIo): Promise<number> => {
  allowOnly('audit verify', flags, ['events', 'store', 'data', 'strict', 'json', 'lang', 'public-key']);
  const sources = [flags.events, flags.store, flags.data].filter((source) => source !== undefined);
  if (sources.length !== 1) {
    throw new UsageError(
      text(
        'audit verify 需要 --events FILE、--store CONNECTION 或 --data DIR，三者擇一',
        'audit verify needs --events FILE, --store CONNECTION or --data DIR, one of them',
      ),
    );
  }
  const lang = langOf(flags);
  const say = messageLangOf(flags);
  const log =
    flags.store !== undefined
      ? await loadStoreLog({ store: flags.store }, io, say)
      : flags.data !== undefined
        ? await loadStoreLog({ data: flags.data }, io, say)
        : await loadLog(flags.events!, io, say);
  if (log.entries.length === 0) {
    // Nothing read is nothing verified: a warning with its own exit code, never "clean".
    io.progress(null);
    io.err(
      say === 'zh-TW'
        ? `licheng: EMPTY_LOG ${log.file} 沒有任何事件：未驗證任何內容`
        : `licheng: EMPTY_LOG ${log.file} holds no events: nothing was verified`,
    );
    return EXIT.empty;
  }
  // Lines mean something in a file; in a store, stream and revision say where.
  const file = flags.events === undefined ? null : log.file;
  const publicKey = flags['public-key'] === undefined ? undefined : await sealPublicKeyOf(flags['public-key']);
  const report = auditLog(log, {
    strict: flags.strict ?? false,
    ...(publicKey ? { publicKey } : {}),
    onPhase: (phase) =>
      io.progress(say === 'zh-TW' ? `驗證 ${log.file}：${phase} …` : `verifying ${log.file}: ${phase} …`),
  });
  io.progress(null);
  if (flags.json) {
    io.out(JSON.stringify(report, null, 2));
    return report.clean ? 0 : 1;
  }
  const errors = report.findings.filter((f) => isError(f.kind, flags.strict)).length;
  const counts = FINDING_KINDS.map((kind) => `${kind} ${report.counts[kind]}`).join(', ');
  const lines = [
    say === 'zh-TW'
      ? `稽核 ${log.file}：${report.streams} 個串流共 ${report.events} 筆事件，${report.commands} 個指令`
      : `audit of ${log.file}: ${report.events} events in ${report.streams} streams, ${report.commands} commands`,
    say === 'zh-TW' ? `各類發現：${counts}` : `findings by kind: ${counts}`,
  ];
  for (const kind of FINDING_KINDS) {
    const ofKind = report.findings.filter((f) => f.kind === kind);
    if (kind === 'unverifiable' && !flags.strict && ofKind.length > 0) {
      // Notices: one line, not one per command; --strict lists them as the errors they then are.
      const imported = ofKind.filter((f) => f.details['reason'] === 'imported').length;
      lines.push(
        say === 'zh-TW'
          ? `  unverifiable：${ofKind.length - imported} 個指令未記錄指令內容（開始記錄之前），${imported} 筆自他校匯入`
          : `  unverifiable: ${ofKind.length - imported} commands stored without a recorded command (before ` +
              `recording began), ${imported} imported from another school`,
      );
      continue;
    }
    lines.push(...ofKind.slice(0, LISTED_PER_KIND).map((f) => `  ${formatFinding(f, file, lang)}`));
    if (ofKind.length > LISTED_PER_KIND)
      lines.push(
        say === 'zh-TW'
          ? `  …另有 ${ofKind.length - LISTED_PER_KIND} 筆 ${kind}`
          : `  … and ${ofKind.length - LISTED_PER_KIND} more ${kind}`,
      );
  }
  if (report.seals.length > 0) {
    lines.push(
      say === 'zh-TW'
        ? '封存摘要（請與保存在紀錄之外的副本比對）：'
        : 'seal digests (compare with the copies kept outside the log):',
    );
    const none = say === 'zh-TW' ? '（無：封存於摘要啟用之前）' : '(none: sealed before digests)';
    for (const s of report.seals)
      lines.push(`  ${s.streamName}#${s.revision}  ${s.category} ${s.period}  ${s.occurredAt}  ${s.digest ?? none}`);
  }
  lines.push(verdict(report.clean, errors, report.findings.length - errors, say));
  io.out(lines.join('\n'));
  return report.clean ? 0 : 1;
};

const verdict = (clean: boolean, errors: number, notices: number, say: Lang): string => {
  if (!clean) return say === 'zh-TW' ? `${errors} 項發現` : `${errors} findings`;
  if (notices === 0) return say === 'zh-TW' ? 'clean（無異常）' : 'clean';
  return say === 'zh-TW'
    ? `clean（無異常；${notices} 筆無法重新判定，不計為發現）`
    : `clean (${notices} unverifiable, not counted as findings)`;
};

const FORMATS = ['table', 'csv', 'xlsx', 'html'] as const;

const formatOfFile = (out: string | undefined): (typeof FORMATS)[number] =>
  out === undefined
    ? 'table'
    : /\.xlsx$/i.test(out)
      ? 'xlsx'
      : /\.csv$/i.test(out)
        ? 'csv'
        : /\.html?$/i.test(out)
          ? 'html'
          : 'table';

/** R-REP-6: the time a report is taken: the instant of `--at`, else the latest event it counts. */
const takenAtOf = (cut: Cut | undefined, events: ReadonlyArray<ProjectedEvent>): Date => {
  if (cut !== undefined && 'at' in cut) return new Date(cut.at);
  return new Date(events.reduce((latest, e) => Math.max(latest, Date.parse(e.metadata.occurredAt)), 0));
};

/** `licheng report <name>`: any report of @licheng/projections, as of an instant or a position. */
export const reportCommand = async (name: string | undefined, flags: Flags, io: CliIo): Promise<number> => {
  if (name === undefined || !REPORTS[name]) {
    const names = REPORT_NAMES.join(', ');
    throw new UsageError(
      text(
        `report ${name === undefined ? '需要報表名稱' : `沒有「${name}」這份報表`}，可用：${names}`,
        `report ${name === undefined ? 'needs a name' : `"${name}" is unknown`}: one of ${names}`,
      ),
    );
  }
  allowOnly(`report ${name}`, flags, [
    'events',
    'school',
    'class',
    'period',
    'student',
    'at',
    'position',
    'format',
    'out',
    'lang',
  ]);
  langOf(flags);
  const say = messageLangOf(flags);
  const file = required(`report ${name}`, flags, 'events');
  // `--out x.xlsx`, `x.csv` or `x.html` says the format; `--format` still wins when given.
  const format = flags.format ?? formatOfFile(flags.out);
  if (!(FORMATS as ReadonlyArray<string>).includes(format)) {
    throw new UsageError(
      text(
        `--format 須為 table、csv、xlsx 或 html，而非「${format}」`,
        `--format takes table, csv, xlsx or html, not "${format}"`,
      ),
    );
  }
  if (format === 'xlsx' && flags.out === undefined)
    throw new UsageError(text('--format xlsx 需要 --out FILE', '--format xlsx needs --out FILE'));
  const FLAG = { classId: 'class', period: 'period', studentId: 'student', at: 'at' } as const;
  for (const need of REPORTS[name]!.needs) required(`report ${name}`, flags, FLAG[need]);
  const cut = cutOf(flags);
  const events = decodeAll(await loadLog(file, io, say), io, say);
  const schoolId = schoolOf(events, flags.school);
  if (flags.class !== undefined) knownClass(events, schoolId, flags.class);
  io.progress(say === 'zh-TW' ? `產生 ${name} …` : `building ${name} …`);
  const view = reportsViewAsOf(events, cut);
  if (E.isLeft(view)) throw refused(view.left, file);
  const query = {
    schoolId,
    ...(flags.class === undefined ? {} : { classId: flags.class }),
    ...(flags.period === undefined ? {} : { period: flags.period }),
    ...(flags.student === undefined ? {} : { studentId: flags.student }),
    // The instant as the cut reads it (a Taipei minute with its offset): the notices' 截至, the reminders' hour.
    ...(cut !== undefined && 'at' in cut ? { at: cut.at } : {}),
  };
  const table = buildReport(name, view.right, query);
  io.progress(null);
  if (E.isLeft(table)) throw refused(table.left, file);
  const progress = format === 'html' ? buildProgress(name, view.right, query) : undefined;
  if (progress && E.isLeft(progress)) throw refused(progress.left, file);
  const counted = eventsAsOf(events, cut);
  const heading = { school: view.right.schools[schoolId]?.policy.name ?? schoolId, takenAt: takenAtOf(cut, counted) };
  // Loaded only here: @licheng/export brings exceljs, which a program importing this package's audit need not load.
  const { toCsv, toHtml, toWorkbook } = require('@licheng/export') as typeof Export;
  const shown =
    format === 'csv'
      ? toCsv(table.right)
      : format === 'html'
        ? toHtml([table.right], { ...heading, ...(progress ? { progress: progress.right } : {}) })
        : `${asOfLine(cut, counted.length, events.length, say)}${renderTable(table.right)}\n`;
  if (format === 'xlsx') await writeOut(flags.out!, await toWorkbook([table.right], heading));
  else if (flags.out !== undefined) await writeOut(flags.out, shown);
  else io.out(shown.replace(/\n$/, ''));
  const rows = table.right.rows.length;
  if (flags.out !== undefined)
    io.out(
      say === 'zh-TW' ? `已將 ${name}（${rows} 列）寫入 ${flags.out}` : `wrote ${name} (${rows} rows) to ${flags.out}`,
    );
  return 0;
};

/** A class the school never registered is a mistake in the command line, not an empty report. */
const knownClass = (events: ReadonlyArray<ProjectedEvent>, schoolId: string, classId: string): void => {
  const registered = events.some(
    (e) =>
      e.streamName === schoolStreamName(schoolId) &&
      e.event.type === 'ClassRegistered' &&
      e.event.data.classId === classId,
  );
  if (!registered) {
    throw new UsageError(
      text(
        `--class ${classId}：紀錄中學校 ${schoolId} 沒有這個班級`,
        `--class ${classId}: the school ${schoolId} has no such class in the log`,
      ),
    );
  }
};

const asOfLine = (cut: Cut | undefined, counted: number, all: number, say: Lang): string => {
  if (cut === undefined) return '';
  if (say === 'zh-TW')
    return `截至 ${'at' in cut ? cut.at : `位置 ${cut.position}`}：${all} 筆事件中的 ${counted} 筆\n`;
  return `as of ${'at' in cut ? cut.at : `position ${cut.position}`}: ${counted} of ${all} events\n`;
};

/** `licheng timeline`: one student's history, in zh-TW or en. */
export const timelineCommand = async (flags: Flags, io: CliIo): Promise<number> => {
  allowOnly('timeline', flags, ['events', 'student', 'school', 'lang', 'at', 'position']);
  const file = required('timeline', flags, 'events');
  const studentId = required('timeline', flags, 'student');
  const lang = langOf(flags);
  const cut = cutOf(flags);
  const events = eventsAsOf(decodeAll(await loadLog(file, io, messageLangOf(flags)), io, messageLangOf(flags)), cut);
  io.progress(null);
  const entries = studentTimeline(
    events,
    { studentId, ...(flags.school === undefined ? {} : { schoolId: flags.school }) },
    lang,
  );
  if (E.isLeft(entries)) throw refused(entries.left, file);
  const title =
    lang === 'zh-TW'
      ? `學生 ${studentId} 的學習歷程時間軸（${entries.right.length} 筆）`
      : `timeline of student ${studentId} (${entries.right.length} events)`;
  io.out(`${title}\n${renderTimeline(entries.right, lang)}`);
  return 0;
};
