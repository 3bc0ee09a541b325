import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type * as Export from '@licheng/export';
import type { ProjectedEvent } from '@licheng/projections';
import * as E from 'fp-ts/Either';
import { eventsAsOf, reportsViewAsOf, type Cut } from '../asOf';
import { auditLog } from '../audit';
import { FINDING_KINDS, formatFinding, isError } from '../findings';
import { renderTable } from '../render';
import { buildReport, REPORT_NAMES, REPORTS } from '../reports';
import { renderTimeline, studentTimeline } from '../timeline/timeline';
import { allowOnly, cutOf, langOf, required, UsageError, type Flags } from './args';
import { decodeAll, EXIT, loadLog, loadStoreLog, refused, schoolOf, writeOut, type CliIo } from './io';

/** The deadline runner's Ed25519 public key (PEM, SPKI) that every seal must be signed by (docs/audit.md). */
const sealPublicKeyOf = async (file: string): Promise<KeyObject> => {
  let key: KeyObject;
  try {
    key = createPublicKey(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--public-key ${file}: not a readable PEM public key (${(error as Error).message.split('\n')[0]})`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new UsageError(`--public-key ${file}: an Ed25519 key is needed, not ${key.asymmetricKeyType}`);
  return key;
};

/** Findings listed per kind before the rest are only counted. */
const LISTED_PER_KIND = 20;

/** `licheng audit verify`: exit 0 when clean, 1 with findings. */
export const verifyCommand = async (flags: Flags, io: CliIo): Promise<number> => {
  allowOnly('audit verify', flags, ['events', 'store', 'data', 'strict', 'json', 'lang', 'public-key']);
  const sources = [flags.events, flags.store, flags.data].filter((source) => source !== undefined);
  if (sources.length !== 1) throw new UsageError('audit verify needs --events FILE, --store CONNECTION or --data DIR, one of them');
  const lang = langOf(flags);
  const log =
    flags.store !== undefined ? await loadStoreLog({ store: flags.store }, io) : flags.data !== undefined ? await loadStoreLog({ data: flags.data }, io) : await loadLog(flags.events!, io);
  if (log.entries.length === 0) {
    // Nothing read is nothing verified: a warning with its own exit code, never "clean".
    io.progress(null);
    io.err(`licheng: EMPTY_LOG ${log.file} holds no events: nothing was verified`);
    return EXIT.empty;
  }
  // Lines mean something in a file; in a store, stream and revision say where.
  const file = flags.events === undefined ? null : log.file;
  const publicKey = flags['public-key'] === undefined ? undefined : await sealPublicKeyOf(flags['public-key']);
  const report = auditLog(log, { strict: flags.strict ?? false, ...(publicKey ? { publicKey } : {}), onPhase: (phase) => io.progress(`verifying ${log.file}: ${phase} …`) });
  io.progress(null);
  if (flags.json) {
    io.out(JSON.stringify(report, null, 2));
    return report.clean ? 0 : 1;
  }
  const errors = report.findings.filter((f) => isError(f.kind, flags.strict)).length;
  const lines = [
    `audit of ${log.file}: ${report.events} events in ${report.streams} streams, ${report.commands} commands`,
    `findings by kind: ${FINDING_KINDS.map((kind) => `${kind} ${report.counts[kind]}`).join(', ')}`,
  ];
  for (const kind of FINDING_KINDS) {
    const ofKind = report.findings.filter((f) => f.kind === kind);
    if (kind === 'unverifiable' && !flags.strict && ofKind.length > 0) {
      // Notices: one line, not one per command; --strict lists them as the errors they then are.
      const imported = ofKind.filter((f) => f.details['reason'] === 'imported').length;
      lines.push(`  unverifiable: ${ofKind.length - imported} commands stored without a recorded command (before recording began), ${imported} imported from another school`);
      continue;
    }
    lines.push(...ofKind.slice(0, LISTED_PER_KIND).map((f) => `  ${formatFinding(f, file, lang)}`));
    if (ofKind.length > LISTED_PER_KIND) lines.push(`  … and ${ofKind.length - LISTED_PER_KIND} more ${kind}`);
  }
  if (report.seals.length > 0) {
    lines.push('seal digests (compare with the copies kept outside the log):');
    for (const s of report.seals) lines.push(`  ${s.streamName}#${s.revision}  ${s.category} ${s.period}  ${s.occurredAt}  ${s.digest ?? '(none: sealed before digests)'}`);
  }
  const notices = report.findings.length - errors;
  lines.push(report.clean ? `clean${notices > 0 ? ` (${notices} unverifiable, not counted as findings)` : ''}` : `${errors} findings`);
  io.out(lines.join('\n'));
  return report.clean ? 0 : 1;
};

const FORMATS = ['table', 'csv', 'xlsx'] as const;

const formatOfFile = (out: string | undefined): (typeof FORMATS)[number] =>
  out === undefined ? 'table' : /\.xlsx$/i.test(out) ? 'xlsx' : /\.csv$/i.test(out) ? 'csv' : 'table';

/** `licheng report <name>`: any report of @licheng/projections, as of an instant or a position. */
export const reportCommand = async (name: string | undefined, flags: Flags, io: CliIo): Promise<number> => {
  if (name === undefined || !REPORTS[name]) {
    throw new UsageError(`report ${name === undefined ? 'needs a name' : `"${name}" is unknown`}: one of ${REPORT_NAMES.join(', ')}`);
  }
  allowOnly(`report ${name}`, flags, ['events', 'school', 'class', 'period', 'student', 'at', 'position', 'format', 'out']);
  const file = required(`report ${name}`, flags, 'events');
  // `--out x.xlsx` or `--out x.csv` says the format; `--format` still wins when given.
  const format = flags.format ?? formatOfFile(flags.out);
  if (!(FORMATS as ReadonlyArray<string>).includes(format)) throw new UsageError(`--format takes table, csv or xlsx, not "${format}"`);
  if (format === 'xlsx' && flags.out === undefined) throw new UsageError('--format xlsx needs --out FILE');
  const FLAG = { classId: 'class', period: 'period', studentId: 'student' } as const;
  for (const need of REPORTS[name]!.needs) required(`report ${name}`, flags, FLAG[need]);
  const cut = cutOf(flags);
  const events = decodeAll(await loadLog(file, io), io);
  const schoolId = schoolOf(events, flags.school);
  if (flags.class !== undefined) knownClass(events, schoolId, flags.class);
  io.progress(`building ${name} …`);
  const view = reportsViewAsOf(events, cut);
  if (E.isLeft(view)) throw refused(view.left, file);
  const query = {
    schoolId,
    ...(flags.class === undefined ? {} : { classId: flags.class }),
    ...(flags.period === undefined ? {} : { period: flags.period }),
    ...(flags.student === undefined ? {} : { studentId: flags.student }),
  };
  const table = buildReport(name, view.right, query);
  io.progress(null);
  if (E.isLeft(table)) throw refused(table.left, file);
  // Loaded only here: @licheng/export brings exceljs, which a program importing this package's audit need not load.
  const { toCsv, toWorkbook } = require('@licheng/export') as typeof Export;
  const text = format === 'csv' ? toCsv(table.right) : `${asOfLine(cut, eventsAsOf(events, cut).length, events.length)}${renderTable(table.right)}\n`;
  if (format === 'xlsx') await writeOut(flags.out!, await toWorkbook([table.right]));
  else if (flags.out !== undefined) await writeOut(flags.out, text);
  else io.out(text.replace(/\n$/, ''));
  if (flags.out !== undefined) io.out(`wrote ${name} (${table.right.rows.length} rows) to ${flags.out}`);
  return 0;
};

/** A class the school never registered is a mistake in the command line, not an empty report. */
const knownClass = (events: ReadonlyArray<ProjectedEvent>, schoolId: string, classId: string): void => {
  const registered = events.some((e) => e.streamName === `school-${schoolId}` && e.event.type === 'ClassRegistered' && e.event.data.classId === classId);
  if (!registered) throw new UsageError(`--class ${classId}: the school ${schoolId} has no such class in the log`);
};

const asOfLine = (cut: Cut | undefined, counted: number, all: number): string =>
  cut === undefined ? '' : `as of ${'at' in cut ? cut.at : `position ${cut.position}`}: ${counted} of ${all} events\n`;

/** `licheng timeline`: one student's history, in zh-TW or en. */
export const timelineCommand = async (flags: Flags, io: CliIo): Promise<number> => {
  allowOnly('timeline', flags, ['events', 'student', 'school', 'lang', 'at', 'position']);
  const file = required('timeline', flags, 'events');
  const studentId = required('timeline', flags, 'student');
  const lang = langOf(flags);
  const cut = cutOf(flags);
  const events = eventsAsOf(decodeAll(await loadLog(file, io), io), cut);
  io.progress(null);
  const entries = studentTimeline(events, { studentId, ...(flags.school === undefined ? {} : { schoolId: flags.school }) }, lang);
  if (E.isLeft(entries)) throw refused(entries.left, file);
  const title = lang === 'zh-TW' ? `學生 ${studentId} 的學習歷程時間軸（${entries.right.length} 筆）` : `timeline of student ${studentId} (${entries.right.length} events)`;
  io.out(`${title}\n${renderTimeline(entries.right, lang)}`);
  return 0;
};
