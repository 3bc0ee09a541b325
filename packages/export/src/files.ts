import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Table } from '@licheng/projections';
import { toCsv } from './csv';
import { toWorkbook, type WorkbookOptions } from './workbook';

/** `name` is a file name, not a path, so a report title or id cannot write outside `dir`. */
const checkedName = (name: string): string => {
  if (name === '' || name === '.' || name === '..' || basename(name) !== name || name.includes('\\')) {
    throw new Error(`writeReportFiles: "${name}" is not a plain file name`);
  }
  return name;
};

/** Writes `${name}.csv` and `${name}.xlsx` into `dir`, creating it if need be, and returns both paths. */
export const writeReportFiles = async (
  dir: string,
  name: string,
  table: Table,
  options: WorkbookOptions = {},
): Promise<{ csv: string; xlsx: string }> => {
  const base = join(dir, checkedName(name));
  const paths = { csv: `${base}.csv`, xlsx: `${base}.xlsx` };
  await mkdir(dir, { recursive: true });
  await writeFile(paths.csv, toCsv(table), 'utf8');
  await writeFile(paths.xlsx, await toWorkbook([table], options));
  return paths;
};
