import { taipeiInstantOf } from '@licheng/domain';
import { rocTime, type Table } from '@licheng/projections';

/**
 * R-REP-6: the time a report was taken as the seed screens print it, a Republic of China date and Taipei
 * minutes (`112/07/31 17:00` for 2023-07-31 17:00 +08:00).
 */
export const takenAtText = (takenAt: Date): string => rocTime(taipeiInstantOf(takenAt));

/** Who and when a report is of, for the line above it (R-REP-6). */
export interface ReportHeading {
  /** The school's name (學校名稱). */
  readonly school?: string;
  /** The time the report was taken (統計時間): the last event it counts, never the clock. */
  readonly takenAt?: Date;
}

/**
 * The class a table is of, when it does not say so in its title: every row of a per-class report carries
 * the same 班級 (`className`). Used to name sheets and title lines so two classes' reports differ.
 */
export const classOf = (table: Table): string | undefined => {
  const names = new Set(table.rows.map((row) => row['className']));
  const [only] = names;
  return names.size === 1 && typeof only === 'string' && only !== '' && !table.title.includes(only) ? only : undefined;
};

/** The report's own name, with its class in front when the title leaves it out. */
export const fullTitle = (table: Table): string => {
  const klass = classOf(table);
  return klass === undefined ? table.title : `${klass} ${table.title}`;
};

/** The title line: school, class and report, then 統計時間. */
export const titleLine = (table: Table, heading: ReportHeading): string =>
  [heading.school, fullTitle(table), heading.takenAt && `統計時間 ${takenAtText(heading.takenAt)}`]
    .filter((part) => part)
    .join('　');
