import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Cell, Table } from '@licheng/projections';
import { fullTitle, titleLine, type ReportHeading } from './heading';
import { sheetNames } from './sheetNames';
import { fittedWidth } from './width';

export interface WorkbookOptions extends ReportHeading {
  /** Written as the workbook's created and modified dates; else `takenAt`; else the epoch, so reruns match. */
  readonly date?: Date;
}

const CREATOR = 'licheng';
/** Row 1 is the title line, row 2 the header; both repeat on every printed page. */
const HEADER_ROW = 2;
/** Highlights: statuses someone has to act on (amber), the header and totals (grey). */
const ATTENTION_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE08A' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const THIN: Partial<ExcelJS.Border> = { style: 'thin' };

/**
 * A number stays a number so Excel can sum it. An .xlsx cannot hold NaN or Infinity (Excel would
 * ask to repair the file), so those are written as their text. Strings are always shared strings,
 * never formulas, so the CSV formula guard is not needed here.
 */
const value = (cell: Cell | undefined): Cell | null => {
  if (cell === undefined) return null;
  return typeof cell === 'number' && !Number.isFinite(cell) ? String(cell) : cell;
};

const cellsOf = (table: Table, row: Readonly<Record<string, Cell>>) =>
  table.columns.map((column) => value(row[column.key]));

/**
 * One table as a sheet of `workbook`, in memory or streamed alike: the column widths before the first row (a
 * streamed sheet writes its columns with it), and each row committed once it is complete (a no-op in memory).
 */
const addSheet = (
  workbook: ExcelJS.Workbook,
  name: string,
  table: Table,
  heading: ReportHeading,
): ExcelJS.Worksheet => {
  const width = Math.max(1, table.columns.length);
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW }],
    // A class list is printed for the homeroom teacher: one page wide, as many long as it takes, titles on each.
    pageSetup: {
      paperSize: 9,
      orientation: width > 8 ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `1:${HEADER_ROW}`,
    },
  });
  table.columns.forEach((column, index) => {
    const texts = [...table.rows, ...(table.totals ? [table.totals] : [])].map((row) => String(row[column.key] ?? ''));
    sheet.getColumn(index + 1).width = fittedWidth([column.header, ...texts]);
  });
  const title = sheet.addRow([titleLine(table, heading)]);
  title.font = { bold: true, size: 14 };
  if (width > 1) sheet.mergeCells(1, 1, 1, width);
  title.commit();
  const header = sheet.addRow(table.columns.map((column) => column.header));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = { bottom: THIN };
  });
  header.commit();
  const attention = new Set(table.attention ?? []);
  for (const row of table.rows) {
    const added = sheet.addRow(cellsOf(table, row));
    added.eachCell((cell) => {
      if (typeof cell.value === 'string' && attention.has(cell.value)) cell.fill = ATTENTION_FILL;
    });
    added.commit();
  }
  // The filter covers the header and the rows, not the totals, so sorting never moves the totals line.
  sheet.autoFilter = {
    from: { row: HEADER_ROW, column: 1 },
    to: { row: HEADER_ROW + table.rows.length, column: width },
  };
  if (table.totals) {
    const totals = sheet.addRow(cellsOf(table, table.totals));
    for (let col = 1; col <= width; col++) {
      const cell = totals.getCell(col);
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.border = { top: THIN };
    }
    totals.commit();
  }
  return sheet;
};

/** Dates and names the workbook, then adds a sheet per table, handing each to `added` once it is complete. */
const addSheets = async (
  workbook: ExcelJS.Workbook,
  tables: ReadonlyArray<Table>,
  options: WorkbookOptions,
  added: (sheet: ExcelJS.Worksheet) => Promise<void> | void = () => undefined,
): Promise<void> => {
  const date = options.date ?? options.takenAt ?? new Date(0);
  workbook.creator = CREATOR;
  workbook.lastModifiedBy = CREATOR;
  workbook.created = date;
  workbook.modified = date;
  const heading: ReportHeading = {
    ...(options.school ? { school: options.school } : {}),
    ...(options.takenAt ? { takenAt: options.takenAt } : {}),
  };
  const names = sheetNames(tables.map(fullTitle));
  for (let index = 0; index < tables.length; index++)
    await added(addSheet(workbook, names[index] ?? `Sheet${index + 1}`, tables[index]!, heading));
};

/**
 * An .xlsx with one worksheet per table, in order: a title line (school, class, report, 統計時間), the
 * header with an autofilter, the rows with the statuses to act on highlighted, and the totals line; set to
 * print one page wide with the title and header on every page. Sheets are named by class where the report
 * is of one. The parts inside are deterministic; the zip entries still carry the time of writing (exceljs
 * gives no way to set them), so bytes may differ.
 */
export const toWorkbook = async (tables: ReadonlyArray<Table>, options: WorkbookOptions = {}): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  await addSheets(workbook, tables, options);
  // exceljs types its result as its own ArrayBuffer-like; under Node it is a Buffer, copied here to the Node type.
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

/**
 * The workbook `toWorkbook` makes, streamed into `file` (created or replaced): each sheet is written out as soon as
 * it is complete, so memory holds one sheet and the strings they share rather than the whole workbook. For many
 * tables: the main job's workbook of every report at 5,000 students has 517 sheets, and built in memory it grew the
 * heap by some 300 MB (issue #18 item 4). Rejects with the file system's error if the file cannot be written.
 */
export const writeWorkbook = async (
  file: string,
  tables: ReadonlyArray<Table>,
  options: WorkbookOptions = {},
): Promise<void> => {
  // The file's stream is ours, listened to from the start: exceljs listens for its errors only once every sheet is
  // written, and an error before that (a folder that does not exist) would be thrown from the stream, uncaught.
  const out = createWriteStream(file);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  const written = async () => {
    await addSheets(workbook, tables, options, async (sheet) => {
      sheet.commit();
      // The zip compresses and writes a committed sheet as the event loop turns; without a turn, every sheet's
      // text would wait in memory until the last one.
      await new Promise((resolve) => setImmediate(resolve));
    });
    await workbook.commit();
  };
  await Promise.race([written(), failed]);
};
