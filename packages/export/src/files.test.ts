import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Table } from '@licheng/projections';
import { writeReportFiles } from './files';

const table: Table = {
  title: '未認證教師名單',
  columns: [
    { key: 'name', header: '教師姓名' },
    { key: 'count', header: '件數' },
  ],
  rows: [{ name: '李老師', count: 2 }],
};

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'licheng-export-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('writeReportFiles', () => {
  it('creates the directory and writes the CSV, starting with the BOM, and the workbook beside it', async () => {
    const dir = join(root, 'reports', '1112');
    const paths = await writeReportFiles(dir, 'teachers', table);
    expect(paths).toEqual({ csv: join(dir, 'teachers.csv'), xlsx: join(dir, 'teachers.xlsx') });
    const csv = await readFile(paths.csv, 'utf8');
    expect(csv.startsWith('\uFEFF教師姓名,件數\r\n')).toBe(true);
    const workbook = await new ExcelJS.Workbook().xlsx.load((await readFile(paths.xlsx)) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets[0]?.getCell('A3').value).toBe('李老師');
  });

  it.each(['../escape', 'a/b', 'a\\b', '..', ''])('refuses %j, which is not a plain file name', async (name) => {
    await expect(writeReportFiles(root, name, table)).rejects.toThrow('not a plain file name');
  });
});
