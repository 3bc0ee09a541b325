import ExcelJS from 'exceljs';
import { classConfirmationTable, performanceSelectionTable, type ClassConfirmationRow } from '@licheng/projections';
import { elements, fillOfStyle, sheetCells, zipEntries } from './testing/ooxml';
import { WORKBOOK_WRITERS } from './testing/writers';

// The homeroom teacher's workbook (issue 20): title line, totals, filter, highlights, print set-up, names.

const row = (
  seat: number,
  name: string,
  outcomes: ClassConfirmationRow['statuses']['courseOutcomes'],
): ClassConfirmationRow => ({
  className: '普通三01班',
  seatNumber: seat,
  studentNumber: `10900${seat}`,
  name,
  statuses: {
    courseRecords: 'confirmed',
    courseOutcomes: outcomes,
    performances: 'deemed',
    cadreRecords: 'notApplicable',
  },
});
const confirmation = classConfirmationTable({
  classId: 'c301',
  className: '普通三01班',
  term: '1112',
  totals: [
    { category: 'courseRecords', confirmed: 3, applicable: 3, classSize: 3 },
    { category: 'courseOutcomes', confirmed: 1, applicable: 3, classSize: 3 },
    { category: 'performances', confirmed: 3, applicable: 3, classSize: 3 },
    { category: 'cadreRecords', confirmed: 0, applicable: 0, classSize: 3 },
  ],
  rows: [row(1, '邱承恩', 'confirmed'), row(2, '邱子晴', 'pending'), row(3, '林怡君', 'reported')],
});
const selection = (className: string) =>
  performanceSelectionTable(111, [
    { className, seatNumber: 1, studentNumber: '1100001', name: '王小明', recorded: 3, selected: 2 },
  ]);
const takenAt = new Date('2023-07-31T09:00:00Z');
const options = { school: '臺北市立建國高級中學', takenAt };

const readBack = async (buffer: Buffer) => new ExcelJS.Workbook().xlsx.load(buffer as unknown as ExcelJS.Buffer);

describe.each(WORKBOOK_WRITERS)('a report workbook a homeroom teacher uses, %s', (_, toWorkbook) => {
  let buffer: Buffer;
  let sheet: ExcelJS.Worksheet;
  beforeAll(async () => {
    buffer = await toWorkbook([confirmation, selection('普通三01班'), selection('普通三02班')], options);
    sheet = (await readBack(buffer)).worksheets[0]!;
  });

  it('opens with a title line naming the school, the class and the time the report was taken (R-REP-6)', () => {
    expect(sheet.getCell('A1').value).toBe(
      '臺北市立建國高級中學　普通三01班 1112 收訖明細確認統計　統計時間 112/07/31 17:00',
    );
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('H1').isMerged).toBe(true);
  });

  it('ends with the totals line the console shows, confirmed of applicable per category (R-REP-1)', () => {
    expect(sheet.getRow(6).values).toEqual([
      undefined,
      '合計',
      undefined,
      undefined,
      undefined,
      '3/3',
      '1/3',
      '3/3',
      '0/0',
    ]);
    expect(sheet.getCell('E6').font?.bold).toBe(true);
    expect(sheet.rowCount).toBe(6);
  });

  it('filters on the header over the students, leaving the totals out of the sort', () => {
    expect(sheet.autoFilter).toBe('A2:H5');
  });

  it('highlights the statuses someone has to act on, 待確認 and 已回報, and nothing else', () => {
    const fill = (ref: string) => (sheet.getCell(ref).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    expect([fill('F4'), fill('F5')]).toEqual(['FFFFE08A', 'FFFFE08A']);
    expect([fill('F3'), fill('E4'), fill('G4'), fill('H4'), fill('D4')]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('prints one page wide with the title and header repeated on every page', () => {
    expect(sheet.pageSetup).toMatchObject({
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:2',
      paperSize: 9,
    });
  });

  it(
    'names each sheet by its class, not (2) and (3), and dates the workbook by the time the report was ' + 'taken',
    async () => {
      const workbook = await readBack(buffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual([
        '普通三01班 1112 收訖明細確認統計',
        '普通三01班 111 學年度多元表現勾選數量',
        '普通三02班 111 學年度多元表現勾選數量',
      ]);
      expect(workbook.worksheets[2]!.getCell('A1').value).toBe(
        '臺北市立建國高級中學　普通三02班 111 學年度多元表現勾選數量　統計時間 112/07/31 17:00',
      );
      expect(workbook).toMatchObject({ created: takenAt, modified: takenAt });
    },
  );

  describe('read again without exceljs, from the XML in the zip', () => {
    let parts: ReadonlyMap<string, string>;
    beforeAll(() => {
      parts = zipEntries(buffer);
    });

    it('holds the sheet names, the print titles and the filter as Excel defines them', () => {
      const workbook = parts.get('xl/workbook.xml')!;
      expect(elements(workbook, 'sheet').map((s) => s['name'])).toEqual([
        '普通三01班 1112 收訖明細確認統計',
        '普通三01班 111 學年度多元表現勾選數量',
        '普通三02班 111 學年度多元表現勾選數量',
      ]);
      expect(workbook).toMatch(
        /<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;普通三01班 1112 收訖明細確認統計&apos;!\$1:\$2<\/definedName>/,
      );
      const sheetXml = parts.get('xl/worksheets/sheet1.xml')!;
      expect(elements(sheetXml, 'autoFilter')).toEqual([{ ref: 'A2:H5' }]);
      expect(elements(sheetXml, 'pageSetUpPr')[0]).toMatchObject({ fitToPage: '1' });
      expect(elements(sheetXml, 'pageSetup')[0]).toMatchObject({ fitToWidth: '1', fitToHeight: '0', paperSize: '9' });
      expect(elements(sheetXml, 'mergeCell')).toEqual([{ ref: 'A1:H1' }]);
    });

    it('holds the title, the rows, the totals and the highlight fill in the cells', () => {
      const cells = sheetCells(parts, 1);
      expect(cells.get('A1')?.text).toContain('統計時間 112/07/31 17:00');
      expect(['A6', 'F6', 'I6'].map((ref) => cells.get(ref)?.text)).toEqual(['合計', '1/3', undefined]);
      expect(fillOfStyle(parts, cells.get('F4')!.style)).toBe('FFFFE08A');
      expect(fillOfStyle(parts, cells.get('F3')!.style)).toBeUndefined();
    });

    it('dates the workbook in its core properties', () => {
      expect(parts.get('docProps/core.xml')).toMatch(/<dcterms:created[^>]*>2023-07-31T09:00:00Z<\/dcterms:created>/);
    });
  });
});
