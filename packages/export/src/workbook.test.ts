import ExcelJS from 'exceljs';
import { classConfirmationTable, outcomeUsageTable, type Table } from '@licheng/projections';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKBOOK_WRITERS } from './testing/writers';
import { writeWorkbook } from './workbook';

// exceljs types `load` with its own ArrayBuffer-like; at run time it takes the Node Buffer we produce.
const readBack = async (buffer: Buffer): Promise<ExcelJS.Workbook> =>
  new ExcelJS.Workbook().xlsx.load(buffer as unknown as ExcelJS.Buffer);

const titled = (title: string): Table => ({ title, columns: [{ key: 'a', header: '欄' }], rows: [] });

const confirmation = classConfirmationTable({
  classId: 'c301',
  className: '301',
  term: '1112',
  totals: [],
  rows: [
    {
      className: '301',
      seatNumber: 1,
      studentNumber: '110001',
      name: '王小明',
      statuses: {
        courseRecords: 'confirmed',
        courseOutcomes: 'pending',
        performances: 'deemed',
        cadreRecords: 'notApplicable',
      },
    },
  ],
});
const usage = outcomeUsageTable({
  schoolId: '999999',
  schoolName: '測試高中',
  term: '1112',
  schoolYear: 111,
  semester: 2,
  studentsUploaded: 12,
  studentsSent: 9,
  teachersCertified: 3,
  studentsSelected: 7,
});

describe.each(WORKBOOK_WRITERS)('a workbook %s', (_, toWorkbook) => {
  it('writes one sheet per table, with the Chinese headers in column order and the cells intact', async () => {
    const workbook = await readBack(await toWorkbook([confirmation, usage]));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '301 1112 收訖明細確認統計',
      '1112 學習成果使用人數統計',
    ]);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      '班級',
      '座號',
      '學號',
      '姓名',
      '修課紀錄',
      '學習成果',
      '多元表現',
      '幹部經歷',
    ]);
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      '301',
      '01',
      '110001',
      '王小明',
      '已確認',
      '待確認',
      '視為確認',
      '不適用',
    ]);
    expect(sheet.rowCount).toBe(4);
  });

  it('writes numbers as numbers and text as text, even text that looks like a number or a formula', async () => {
    const table: Table = {
      title: '型別',
      columns: [
        { key: 'n', header: '數' },
        { key: 't', header: '文' },
      ],
      rows: [
        { n: -5, t: '=1+1' },
        { n: 0.5, t: '007' },
      ],
    };
    const workbook = await readBack(await toWorkbook([usage, table]));
    const counts = workbook.worksheets[0]!.getRow(3);
    // 學校代碼, 學校名稱, 學年度, 學期, then the four counts (R-REP-4).
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((col) => counts.getCell(col).value)).toEqual([
      '999999',
      '測試高中',
      111,
      2,
      12,
      9,
      3,
      7,
    ]);
    expect(counts.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(counts.getCell(5).type).toBe(ExcelJS.ValueType.Number);
    const typed = workbook.worksheets[1]!;
    expect(typed.getCell('A3').value).toBe(-5);
    expect(typed.getCell('B3').type).toBe(ExcelJS.ValueType.String);
    expect(typed.getCell('B3').value).toBe('=1+1');
    expect(typed.getCell('A4').value).toBe(0.5);
    expect(typed.getCell('B4').value).toBe('007');
  });

  it('makes the header row bold and frozen under the title line', async () => {
    const sheet = (await readBack(await toWorkbook([usage]))).worksheets[0]!;
    expect(sheet.getCell('A2').font?.bold).toBe(true);
    expect(sheet.getCell('A3').font?.bold).toBeFalsy();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  });

  it('fits each column to its widest text, counting a Chinese character as two', async () => {
    const table: Table = {
      title: '寬度',
      columns: [
        { key: 'zh', header: '姓名' },
        { key: 'en', header: 'id' },
      ],
      rows: [{ zh: '歐陽小明', en: 'abcdefghij' }],
    };
    const sheet = (await readBack(await toWorkbook([table]))).worksheets[0]!;
    expect(sheet.getColumn(1).width).toBe(8 + 2);
    expect(sheet.getColumn(2).width).toBe(10 + 2);
  });

  it('makes sheet names Excel accepts: forbidden characters replaced, at most 31 characters, unique', async () => {
    const long = '110學年度第二學期 高三 301 班 學生學習歷程檔案 收訖明細確認統計';
    const tables = [
      titled('111/112 [a]*b?:c\\d'),
      titled(long),
      titled(long),
      titled('Report'),
      titled('REPORT'),
      titled("'引號'"),
      titled(''),
    ];
    const names = (await readBack(await toWorkbook(tables))).worksheets.map((sheet) => sheet.name);
    expect(names[0]).toBe('111_112 _a__b__c_d');
    expect(names[1]).toBe(long.slice(0, 31));
    expect(names[2]).toBe(`${long.slice(0, 27)} (2)`);
    expect(names.slice(3)).toEqual(['Report', 'REPORT (2)', '引號', 'Sheet']);
    expect(names.every((name) => name.length <= 31)).toBe(true);
  });

  it('writes creator licheng and the given date, or the epoch, as created and modified', async () => {
    const fixed = new Date('2023-04-18T02:30:00Z');
    const dated = await readBack(await toWorkbook([usage], { date: fixed }));
    expect(dated).toMatchObject({ creator: 'licheng', lastModifiedBy: 'licheng', created: fixed, modified: fixed });
    const epoch = await readBack(await toWorkbook([usage]));
    expect(epoch).toMatchObject({ created: new Date(0), modified: new Date(0) });
  });
});

describe('writeWorkbook', () => {
  it('rejects with the file system error when the file cannot be created, and throws nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licheng-workbook-'));
    try {
      await expect(writeWorkbook(join(dir, 'missing', 'reports.xlsx'), [usage])).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
