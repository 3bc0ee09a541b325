/** A report as a table: what CSV and Excel exports write, with headers in Traditional Chinese. */
export interface Column {
  readonly key: string;
  readonly header: string;
}

export type Cell = string | number;

export interface Table {
  readonly title: string;
  readonly columns: ReadonlyArray<Column>;
  readonly rows: ReadonlyArray<Readonly<Record<string, Cell>>>;
  /**
   * A line under the rows that sums them up, keyed as they are (R-REP-1's `修課紀錄 27/30`); absent when the report has
   * none.
   */
  readonly totals?: Readonly<Record<string, Cell>>;
  /** Cell texts that ask someone to act (R-REP-1's 待確認 and 已回報): Excel and HTML exports highlight them. */
  readonly attention?: ReadonlyArray<string>;
}

/**
 * A totals line that adds up every column whose cells are all numbers, with `label` in the `labelIn` column
 * (the first by default); `notSummed` names numeric columns that label rather than count (年級).
 */
export const columnSums = (
  table: Table,
  label = '合計',
  {
    labelIn = table.columns[0]?.key,
    notSummed = [],
  }: { readonly labelIn?: string | undefined; readonly notSummed?: ReadonlyArray<string> } = {},
): Readonly<Record<string, Cell>> => {
  const sums = table.columns
    .filter((column) => column.key !== labelIn && !notSummed.includes(column.key))
    .filter((column) => table.rows.every((row) => typeof row[column.key] === 'number'))
    .map((column) => [column.key, table.rows.reduce((sum, row) => sum + (row[column.key] as number), 0)] as const);
  return { ...(labelIn === undefined ? {} : { [labelIn]: label }), ...Object.fromEntries(sums) };
};
