import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventStore } from '@licheng/eventstore';
import { toWorkbook, writeReportFiles } from '@licheng/export';
import type { ReportsView } from '@licheng/projections';
import type { YearResult } from './simulate';
import { allTables } from './tables';

/** One stored event per line, in global order: the format `licheng` reads back (docs/audit.md). */
export const toNdjson = async (store: EventStore): Promise<string> =>
  (await store.readAll()).map((e) => JSON.stringify(e)).join('\n') + '\n';

/** `--out DIR`: every report as CSV and .xlsx, one workbook of them all, and the event log as NDJSON. */
export const writeOutputs = async (dir: string, store: EventStore, view: ReportsView, _year: YearResult, sealPublicPem?: string): Promise<string> => {
  await mkdir(dir, { recursive: true });
  const tables = allTables(view);
  for (const { name, table } of tables) await writeReportFiles(dir, name, table);
  await writeFile(join(dir, 'all-reports.xlsx'), await toWorkbook(tables.map((t) => t.table)));
  const log = await toNdjson(store);
  await writeFile(join(dir, 'events.ndjson'), log);
  // The public key the seals verify against: `licheng audit verify --events DIR/events.ndjson --public-key DIR/seal.pub`.
  if (sealPublicPem !== undefined) await writeFile(join(dir, 'seal.pub'), sealPublicPem);
  const key = sealPublicPem === undefined ? '' : ', seal.pub';
  return `wrote ${tables.length} reports as CSV and .xlsx, all-reports.xlsx, events.ndjson (${log.split('\n').length - 1} events)${key} to ${dir}`;
};
