import type { Table } from '@licheng/projections';

/** Columns a terminal gives a character: CJK and full-width forms take two. */
export const displayWidth = (text: string): number => {
  let width = 0;
  for (const char of text)
    width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(char)
      ? 2
      : 1;
  return width;
};

const pad = (text: string, width: number, right: boolean): string => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
};

/** A report as aligned text under its title, numbers to the right. */
export const renderTable = (table: Table): string => {
  const widths = table.columns.map((c) =>
    Math.max(displayWidth(c.header), ...table.rows.map((r) => displayWidth(String(r[c.key] ?? '')))),
  );
  const numeric = table.columns.map(
    (c) => table.rows.length > 0 && table.rows.every((r) => typeof r[c.key] === 'number'),
  );
  const line = (cells: ReadonlyArray<string>) =>
    cells
      .map((cell, i) => pad(cell, widths[i]!, numeric[i]!))
      .join('  ')
      .trimEnd();
  return [
    table.title,
    line(table.columns.map((c) => c.header)),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...table.rows.map((r) => line(table.columns.map((c) => String(r[c.key] ?? '')))),
  ].join('\n');
};
