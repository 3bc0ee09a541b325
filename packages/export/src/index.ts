export { toCsv } from './csv';
export { classOf, fullTitle, takenAtText, titleLine, type ReportHeading } from './heading';
export { toWorkbook, type WorkbookOptions } from './workbook';
export { writeReportFiles } from './files';
