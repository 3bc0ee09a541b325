import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Id, SchoolId, taipeiInstantOf, type Actor } from '@licheng/domain';
import * as E from 'fp-ts/Either';
import { formatLogError, loadIntoStore, toNdjson } from '../log';
import { exportTransfer } from '../transfer/export';
import { importTransfer } from '../transfer/import';
import { allowOnly, instantOf, required, UsageError, type Flags } from './args';
import { Failure, loadLog, refused, type CliIo } from './io';

const nowOf = (flags: Flags, io: CliIo) => (flags.now === undefined ? taipeiInstantOf(io.now()) : instantOf('now', flags.now));

const storeOf = async (file: string, io: CliIo) => {
  const store = await loadIntoStore(await loadLog(file, io));
  if (E.isLeft(store)) throw new Failure(formatLogError(store.left), 2);
  return store.right;
};

/** `licheng transfer export`: the bundle file, and its token printed for the transfer letter. */
const exportCommand = async (flags: Flags, io: CliIo): Promise<number> => {
  allowOnly('transfer export', flags, ['events', 'school', 'student', 'out', 'now']);
  const file = required('transfer export', flags, 'events');
  const schoolId = required('transfer export', flags, 'school');
  const studentId = required('transfer export', flags, 'student');
  const out = required('transfer export', flags, 'out');
  const exportedAt = nowOf(flags, io);
  const store = await storeOf(file, io);
  io.progress(null);
  const exported = await exportTransfer(store, { schoolId, studentId, fileName: basename(out), exportedAt });
  if (E.isLeft(exported)) throw refused(exported.left, file);
  await writeFile(out, `${JSON.stringify(exported.right.bundle, null, 2)}\n`);
  io.out(`wrote ${out}: ${exported.right.bundle.events.length} events of student ${studentId} at ${schoolId}\ntoken ${exported.right.token}`);
  return 0;
};

/** `licheng transfer import`: the log with the student's records appended, written to --out. */
const importCommand = async (flags: Flags, io: CliIo): Promise<number> => {
  allowOnly('transfer import', flags, ['events', 'bundle', 'token', 'school', 'out', 'now', 'actor']);
  const file = required('transfer import', flags, 'events');
  const bundleFile = required('transfer import', flags, 'bundle');
  const token = required('transfer import', flags, 'token');
  const schoolId = required('transfer import', flags, 'school');
  const out = required('transfer import', flags, 'out');
  const actorId = flags.actor ?? 'admin';
  if (!Id.is(actorId)) throw new UsageError(`--actor takes an id (letters, digits, _ . : -), not "${actorId}"`);
  if (!SchoolId.is(schoolId)) throw new UsageError(`--school takes a school id (letters, digits, _ . :), not "${schoolId}"`);
  // The importing school's administrator (R-XFER-1, R-AUTH-3).
  const actor: Actor = { id: actorId, role: 'admin', schoolId };
  const now = nowOf(flags, io);
  let text: string;
  try {
    text = await readFile(bundleFile, 'utf8');
  } catch (error) {
    throw new Failure(`${bundleFile}: FILE_UNREADABLE cannot read the file: ${(error as Error).message}`, 2);
  }
  const store = await storeOf(file, io);
  io.progress(null);
  const imported = await importTransfer(store, { text, fileName: basename(bundleFile), token, schoolId, now, actor });
  if (E.isLeft(imported)) throw refused(imported.left, bundleFile);
  const r = imported.right;
  await writeFile(out, toNdjson(await store.readAll()));
  const { courseOutcomes, performances, learningPlans, receipts, applications } = r.records;
  const kinds = `course outcomes ${courseOutcomes}, performances ${performances}, learning plans ${learningPlans}, receipts ${receipts}, application picks ${applications}`;
  io.out(
    r.alreadyImported
      ? `already imported into ${r.streamName}: nothing added\nwrote ${out}`
      : `imported ${r.events} events into ${r.streamName}: ${kinds}\nby event type: ${Object.entries(r.byType).map(([type, n]) => `${type} ${n}`).join(', ')}\nwrote ${out} (${store.eventCount} events)`,
  );
  return 0;
};

export const transferCommand = (sub: string | undefined, flags: Flags, io: CliIo): Promise<number> => {
  if (sub === 'export') return exportCommand(flags, io);
  if (sub === 'import') return importCommand(flags, io);
  throw new UsageError(`transfer takes export or import, not ${sub === undefined ? 'nothing' : `"${sub}"`}`);
};
