export { toCsv } from './csv';
export { classOf, fullTitle, takenAtText, titleLine, type ReportHeading } from './heading';
export { toWorkbook, writeWorkbook, type WorkbookOptions } from './workbook';
export { writeReportFiles } from './files';
export { toHtml, tableHtml, type HtmlOptions } from './html/page';
export { escapeHtml } from './html/escape';
