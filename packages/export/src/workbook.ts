import ExcelJS from 'exceljs';
import type { Cell, Table } from '@licheng/projections';
import { sheetNames } from './sheetNames';
import { fittedWidth } from './width';

export interface WorkbookOptions {
  /** Written as the workbook's created and modified dates; the epoch when absent, so reruns match. */
  readonly date?: Date;
}

const CREATOR = 'licheng';

/**
 * A number stays a number so Excel can sum it. An .xlsx cannot hold NaN or Infinity (Excel would
 * ask to repair the file), so those are written as their text. Strings are always shared strings,
 * never formulas, so the CSV formula guard is not needed here.
 */
const value = (cell: Cell | undefined): Cell | null => {
  if (cell === undefined) return null;
  return typeof cell === 'number' && !Number.isFinite(cell) ? String(cell) : cell;
};

const addSheet = (workbook: ExcelJS.Workbook, name: string, table: Table): void => {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  sheet.addRow(table.columns.map((column) => column.header)).font = { bold: true };
  for (const row of table.rows) sheet.addRow(table.columns.map((column) => value(row[column.key])));
  table.columns.forEach((column, index) => {
    const texts = table.rows.map((row) => String(row[column.key] ?? ''));
    sheet.getColumn(index + 1).width = fittedWidth([column.header, ...texts]);
  });
};

/**
 * An .xlsx with one worksheet per table, in order. The parts inside are deterministic; the zip
 * entries still carry the time of writing (exceljs gives no way to set them), so bytes may differ.
 */
export const toWorkbook = async (tables: ReadonlyArray<Table>, options: WorkbookOptions = {}): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  const date = options.date ?? new Date(0);
  workbook.creator = CREATOR;
  workbook.lastModifiedBy = CREATOR;
  workbook.created = date;
  workbook.modified = date;
  const names = sheetNames(tables.map((table) => table.title));
  tables.forEach((table, index) => addSheet(workbook, names[index] ?? `Sheet${index + 1}`, table));
  // exceljs types its result as its own ArrayBuffer-like; under Node it is a Buffer, copied here to the Node type.
  return Buffer.from(await workbook.xlsx.writeBuffer());
};
