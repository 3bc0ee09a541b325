export { toCsv } from './csv';
export { toWorkbook, type WorkbookOptions } from './workbook';
export { writeReportFiles } from './files';
