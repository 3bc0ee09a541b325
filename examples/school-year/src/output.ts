import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import type { EventStore, RecordedEvent } from '@licheng/eventstore';
import { writeReportFiles, writeWorkbook, type WorkbookOptions } from '@licheng/export';
import type { ReportsView, Table } from '@licheng/projections';
import { htmlPages, summaryTable } from './pages';
import { SCHOOL_ID } from './school';
import type { YearResult } from './simulate';
import { allTables } from './tables';

/**
 * How many events a page of the log holds while it is counted or written out: a page is parsed whole, so at
 * 5,000 it was some 15 MB of heap that the collector, with a 768 MB cap, let grow into about 1.5 times that.
 */
const PAGE = 1_000;

/** Lines are written in chunks of about this many characters, not a page's text at once. */
const CHUNK = 256 * 1024;

/** Every stored event in global order, a page at a time: a city's log never sits in memory whole. */
export async function* pagesOf(store: EventStore): AsyncGenerator<ReadonlyArray<RecordedEvent>> {
  let after: number | undefined;
  for (;;) {
    const page = await store.readAll(after === undefined ? { maxCount: PAGE } : { after, maxCount: PAGE });
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1]!.position;
  }
}

/** The events in the store, counted a page at a time. */
export const countEvents = async (store: EventStore): Promise<number> => {
  let count = 0;
  for await (const page of pagesOf(store)) count += page.length;
  return count;
};

/**
 * One stored event per line, in global order: the format `licheng` reads back (docs/audit.md). Read a page at
 * a time and written in chunks, waiting for the file to drain, so memory holds one page and one chunk (issue #18:
 * the whole log as one string ran a 5,000-student run out of a 768 MB heap).
 */
export const writeNdjson = async (store: EventStore, file: string): Promise<number> => {
  const out = createWriteStream(file);
  let count = 0;
  let chunk = '';
  const flush = async () => {
    const full = !out.write(chunk);
    chunk = '';
    if (full) await once(out, 'drain');
  };
  try {
    for await (const page of pagesOf(store)) {
      count += page.length;
      for (const event of page) {
        chunk += `${JSON.stringify(event)}\n`;
        if (chunk.length >= CHUNK) await flush();
      }
    }
    if (chunk !== '') await flush();
  } finally {
    out.end();
    await once(out, 'close');
  }
  return count;
};

/** R-REP-6: the reports are taken when the log's latest event happened, never at the clock's time, so reruns match. */
const latestEventTime = async (store: EventStore): Promise<Date> => {
  let latest = 0;
  for await (const page of pagesOf(store)) {
    for (const e of page)
      latest = Math.max(latest, Date.parse(String((e.metadata as { occurredAt?: unknown }).occurredAt)) || 0);
  }
  return new Date(latest);
};

/** What `--out` writes, taken from the reports view; the view itself is not kept. */
export interface Outputs {
  readonly tables: ReadonlyArray<{ readonly name: string; readonly table: Table }>;
  readonly pages: ReadonlyArray<{ readonly name: string; readonly html: string }>;
  readonly options: WorkbookOptions;
}

/**
 * Every report as a table and every HTML page, as of the log's latest event. Taken before any file is written so
 * that the caller can let go of the view (some 85 MB at 5,000 students) while the workbooks are built (issue #18
 * item 4).
 */
export const prepareOutputs = async (store: EventStore, view: ReportsView, year: YearResult): Promise<Outputs> => {
  const takenAt = await latestEventTime(store);
  const { calendar } = year.setup;
  return {
    tables: [
      ...allTables(view, calendar),
      { name: `school-summary-${calendar.term2}`, table: summaryTable(view, calendar) },
    ],
    pages: htmlPages(view, takenAt, calendar),
    options: { school: view.schools[SCHOOL_ID]!.policy.name, takenAt },
  };
};

/** `--out DIR`, first part: the event log as NDJSON, `DIR/events.ndjson`; returns how many events it holds. */
export const writeLog = async (dir: string, store: EventStore): Promise<number> => {
  await mkdir(dir, { recursive: true });
  return writeNdjson(store, join(dir, 'events.ndjson'));
};

/** What the report files are written from, once the log is written: they need no store (issue #18 item 4). */
export interface ReportFiles {
  readonly outputs: Outputs;
  /** How many events `writeLog` wrote. */
  readonly events: number;
  readonly sealPublicPem?: string;
}

/**
 * `--out DIR`, the rest: every report as CSV and .xlsx, one workbook of them all, the HTML pages and the seals'
 * public key. Written from `outputs` alone, so that the caller can close the store, and let an in-memory one be
 * collected, before the workbooks are built (issue #18 item 4: its events are about 500 MB of live heap at 5,000
 * students). Returns the line that says what was written.
 */
export const writeReports = async (
  dir: string,
  { outputs: { tables, pages, options }, events, sealPublicPem }: ReportFiles,
): Promise<string> => {
  await mkdir(dir, { recursive: true });
  for (const { name, table } of tables) await writeReportFiles(dir, name, table, options);
  // Streamed: built in memory, the workbook of every report grew the heap by some 300 MB at 5,000 students.
  await writeWorkbook(
    join(dir, 'all-reports.xlsx'),
    tables.map((t) => t.table),
    options,
  );
  for (const { name, html } of pages) await writeFile(join(dir, `${name}.html`), html, 'utf8');
  // The public key the seals verify against: `licheng audit verify --events DIR/events.ndjson --public-key
  // DIR/seal.pub`.
  if (sealPublicPem !== undefined) await writeFile(join(dir, 'seal.pub'), sealPublicPem);
  const key = sealPublicPem === undefined ? '' : ', seal.pub';
  return (
    `wrote ${tables.length} reports as CSV and .xlsx, all-reports.xlsx, ${pages.length} HTML pages, ` +
    `events.ndjson (${events} events)${key} to ${dir}`
  );
};
