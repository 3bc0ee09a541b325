import type { Cell, ConfirmationProgress, Table } from '@licheng/projections';
import { fullTitle, takenAtText, type ReportHeading } from '../heading';
import { progressChart } from './chart';
import { escapeHtml as x } from './escape';
import { STYLE } from './style';

export interface HtmlOptions extends ReportHeading {
  /** Draws the chart of confirmation progress per category and class above the tables. */
  readonly progress?: ConfirmationProgress;
}

const cellHtml = (cell: Cell | undefined, attention: ReadonlySet<string>, tag: 'td' | 'th' = 'td'): string => {
  if (cell === undefined) return `<${tag}></${tag}>`;
  const classes = [
    typeof cell === 'number' ? 'number' : '',
    typeof cell === 'string' && attention.has(cell) ? 'attention' : '',
  ].filter((c) => c);
  return `<${tag}${classes.length > 0 ? ` class="${classes.join(' ')}"` : ''}>${x(cell)}</${tag}>`;
};

/** A report table: header, the rows with the statuses to act on marked, and the totals line as its foot. */
export const tableHtml = (table: Table): string => {
  const attention = new Set(table.attention ?? []);
  const row = (cells: Readonly<Record<string, Cell>>) =>
    table.columns.map((c) => cellHtml(cells[c.key], attention)).join('');
  return (
    `<table class="report"><caption>${x(fullTitle(table))}</caption>` +
    `<thead><tr>${table.columns.map((c) => `<th scope="col">${x(c.header)}</th>`).join('')}</tr></thead>` +
    `<tbody>${table.rows.map((r) => `<tr>${row(r)}</tr>`).join('')}</tbody>` +
    (table.totals ? `<tfoot><tr>${row(table.totals)}</tr></tfoot>` : '') +
    '</table>'
  );
};

/**
 * One self-contained HTML page: CSS and SVG inline, no script, no font or image fetched (a
 * Content-Security-Policy forbids it), so it opens from a USB stick or an e-mail as it is. The school and
 * 統計時間 head it (R-REP-6), the chart of confirmation progress follows when given, then each table.
 * Every text from the log (names, classes, the school) is escaped.
 */
export const toHtml = (tables: ReadonlyArray<Table>, options: HtmlOptions = {}): string => {
  const title = tables[0]
    ? fullTitle(tables[0])
    : options.progress
      ? `${options.progress.term} 收訖明細確認進度`
      : '報表';
  const school = options.school ?? options.progress?.schoolName;
  const chart = options.progress
    ? `<section class="chart"><h2>收訖明細確認進度 <span class="en">confirmation ` +
      `progress</span></h2>${progressChart(options.progress, options.takenAt)}</section>`
    : '';
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-Hant">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="licheng">',
    `<title>${x([school, title].filter((t) => t).join(' '))}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    school ? `<p class="school">${x(school)}</p>` : '',
    `<h1>${x(title)}</h1>`,
    options.takenAt
      ? `<p class="taken-at">統計時間 <span class="en">as of</span> <time ` +
        `datetime="${options.takenAt.toISOString()}">${takenAtText(options.takenAt)}</time></p>`
      : '',
    '</header>',
    '<main>',
    chart,
    ...tables.map((table) => `<section class="table">${tableHtml(table)}</section>`),
    '</main>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
};
