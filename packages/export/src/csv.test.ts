import type { Table } from '@licheng/projections';
import { toCsv } from './csv';

const table = (rows: Table['rows']): Table => ({
  title: '測試',
  columns: [
    { key: 'name', header: '姓名' },
    { key: 'count', header: '件數' },
  ],
  rows,
});

const body = (csv: string): string => csv.slice(1).split('\r\n')[1] ?? '';

describe('toCsv', () => {
  it('starts with a BOM and writes the Chinese headers in column order, every line ended by CRLF', () => {
    const csv = toCsv(table([{ count: 3, name: '王小明' }]));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFF姓名,件數\r\n王小明,3\r\n');
  });

  it('writes only the header row for a table without rows, and an empty field for a missing cell', () => {
    expect(toCsv(table([]))).toBe('\uFEFF姓名,件數\r\n');
    expect(body(toCsv(table([{ name: '林' }])))).toBe('林,');
  });

  it.each([
    ['a comma', '王,小明', '"王,小明"'],
    ['a quote, doubled', '他說"好"', '"他說""好"""'],
    ['a line feed', '第一行\n第二行', '"第一行\n第二行"'],
    ['a carriage return inside', '甲\r乙', '"甲\r乙"'],
  ])('quotes a cell containing %s', (_, cell, expected) => {
    expect(toCsv(table([{ name: cell, count: 1 }]))).toBe(`\uFEFF姓名,件數\r\n${expected},1\r\n`);
  });

  it('leaves plain text and Chinese unquoted', () => {
    expect(body(toCsv(table([{ name: '陳 美玲', count: 0 }])))).toBe('陳 美玲,0');
  });

  it.each(['=1+1', '+886912345678', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd'])(
    'prefixes an apostrophe to a text cell starting a formula: %j',
    (cell) => {
      const field = body(toCsv(table([{ name: cell, count: 1 }]))).replace(/,1$/, '');
      const unquoted = field.startsWith('"') ? field.slice(1, -1) : field;
      expect(unquoted).toBe(`'${cell}`);
    },
  );

  it('quotes a guarded cell that also needs quoting', () => {
    expect(body(toCsv(table([{ name: '=HYPERLINK("x","y")', count: 1 }])))).toBe(`"'=HYPERLINK(""x"",""y"")",1`);
  });

  it('writes numbers as plain digits and never guards a negative number', () => {
    expect(body(toCsv(table([{ name: '甲', count: -5 }])))).toBe('甲,-5');
    expect(body(toCsv(table([{ name: '乙', count: 1234567 }])))).toBe('乙,1234567');
  });
});
