import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventStore } from '@licheng/eventstore';
import { toWorkbook, writeReportFiles } from '@licheng/export';
import type { ReportsView } from '@licheng/projections';
import { htmlPages, summaryTable } from './pages';
import { SCHOOL_ID } from './school';
import type { YearResult } from './simulate';
import { allTables } from './tables';

/** One stored event per line, in global order: the format `licheng` reads back (docs/audit.md). */
export const toNdjson = async (store: EventStore): Promise<string> =>
  (await store.readAll()).map((e) => JSON.stringify(e)).join('\n') + '\n';

/** R-REP-6: the reports are taken when the log's latest event happened, never at the clock's time, so reruns match. */
const latestEventTime = async (store: EventStore): Promise<Date> => {
  let latest = 0;
  for (const e of await store.readAll()) latest = Math.max(latest, Date.parse(String((e.metadata as { occurredAt?: unknown }).occurredAt)) || 0);
  return new Date(latest);
};

/** `--out DIR`: every report as CSV and .xlsx, one workbook of them all, the HTML pages and the event log as NDJSON. */
export const writeOutputs = async (dir: string, store: EventStore, view: ReportsView, _year: YearResult, sealPublicPem?: string): Promise<string> => {
  await mkdir(dir, { recursive: true });
  const takenAt = await latestEventTime(store);
  const options = { school: view.schools[SCHOOL_ID]!.policy.name, takenAt };
  const tables = [...allTables(view), { name: 'school-summary-1112', table: summaryTable(view) }];
  for (const { name, table } of tables) await writeReportFiles(dir, name, table, options);
  await writeFile(join(dir, 'all-reports.xlsx'), await toWorkbook(tables.map((t) => t.table), options));
  const pages = htmlPages(view, takenAt);
  for (const { name, html } of pages) await writeFile(join(dir, `${name}.html`), html, 'utf8');
  const log = await toNdjson(store);
  await writeFile(join(dir, 'events.ndjson'), log);
  // The public key the seals verify against: `licheng audit verify --events DIR/events.ndjson --public-key DIR/seal.pub`.
  if (sealPublicPem !== undefined) await writeFile(join(dir, 'seal.pub'), sealPublicPem);
  const key = sealPublicPem === undefined ? '' : ', seal.pub';
  return `wrote ${tables.length} reports as CSV and .xlsx, all-reports.xlsx, ${pages.length} HTML pages, events.ndjson (${log.split('\n').length - 1} events)${key} to ${dir}`;
};
