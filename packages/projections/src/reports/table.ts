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
}
