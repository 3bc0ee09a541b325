import type { Cell, Table } from '@licheng/projections';

/** Excel reads a BOM-less CSV as the ANSI code page (Big5 on zh-TW Windows) and garbles the Chinese. */
const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * Spreadsheet programs evaluate a text cell beginning with one of these as a formula, so a student's
 * name or a note such as `=HYPERLINK(...)` could run when staff open the export (CSV injection, OWASP).
 * The leading apostrophe makes Excel keep the cell as text. Number cells are ours, not user input,
 * and a negative number must stay a number, so they are never prefixed.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

const guard = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/** RFC 4180: quote a field containing a comma, quote, CR or LF, and double the quotes inside. */
const quote = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

const field = (cell: Cell | undefined): string => {
  if (cell === undefined) return '';
  return typeof cell === 'number' ? String(cell) : quote(guard(cell));
};

/** The table as RFC 4180 CSV: BOM, header row of the Chinese headers, then the rows, every line ended by CRLF. */
export const toCsv = (table: Table): string => {
  const header = table.columns.map((column) => quote(guard(column.header)));
  const rows = table.rows.map((row) => table.columns.map((column) => field(row[column.key])));
  return BOM + [header, ...rows].map((fields) => fields.join(',') + CRLF).join('');
};
