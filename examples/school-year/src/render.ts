import type { Table } from '@licheng/projections';

/** Display width in a terminal: CJK and full-width characters take two columns. */
export const displayWidth = (text: string): number => {
  let width = 0;
  for (const char of text)
    width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(char)
      ? 2
      : 1;
  return width;
};

const pad = (text: string, width: number, right: boolean) => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
};

/** A table as aligned text, numbers to the right. */
export const renderTable = (table: Table, maxRows = Infinity): string => {
  const rows = table.rows.slice(0, maxRows);
  const widths = table.columns.map((c) =>
    Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(String(r[c.key] ?? '')))),
  );
  const line = (cells: ReadonlyArray<string>, numeric: ReadonlyArray<boolean>) =>
    cells
      .map((cell, i) => pad(cell, widths[i]!, numeric[i]!))
      .join('  ')
      .trimEnd();
  const numeric = table.columns.map((c) => rows.length > 0 && rows.every((r) => typeof r[c.key] === 'number'));
  const out = [
    table.title,
    line(
      table.columns.map((c) => c.header),
      numeric,
    ),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...rows.map((r) =>
      line(
        table.columns.map((c) => String(r[c.key] ?? '')),
        numeric,
      ),
    ),
  ];
  if (table.rows.length > rows.length)
    out.push(`… ${table.rows.length - rows.length} more rows (${table.rows.length} in all)`);
  return out.join('\n');
};
