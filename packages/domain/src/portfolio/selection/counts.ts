import type { Draft } from 'immer';
import { countOf } from '../../shared/records';
import type { PortfolioState } from '../state';

/** The two kinds of item a student selects, each with its own quota per school year (R-SEL-1). */
export type SelectableKind = 'outcomes' | 'performances';

/** Selected items per school year, kept by the fold; a year without any is absent. */
export type SelectedCounts = Readonly<Record<SelectableKind, Readonly<Record<number, number>>>>;

export const noSelections = (): SelectedCounts => ({ outcomes: {}, performances: {} });

/**
 * The definition: how many items of `kind` are selected in `schoolYear`, counted over the items themselves.
 * `state.selectedCounts` must always equal it (the portfolio's property tests hold the fold to that).
 */
export const selectedCountOf = (state: PortfolioState, kind: SelectableKind, schoolYear: number): number =>
  countOf<{ readonly selected: boolean; readonly schoolYear: number }>(
    state[kind],
    (item) => item.selected && item.schoolYear === schoolYear,
  );

/** What `selectedCounts` holds for one year: what the quota checks read instead of walking every item. */
export const selectedCount = (state: PortfolioState, kind: SelectableKind, schoolYear: number): number =>
  state.selectedCounts[kind][schoolYear] ?? 0;

/** The year an item counts towards while selected; undefined for an absent or unselected item. */
const countedYear = (item: { readonly selected: boolean; readonly schoolYear: number } | undefined) =>
  item?.selected ? item.schoolYear : undefined;

/**
 * Applies `evolve` (which changes at most the one item `id` of `kind`) and moves that item's count from the
 * year it counted towards before to the one after: one rule for every event that adds, replaces, removes,
 * selects or deselects an item, so that no single evolve has to remember the counts.
 */
export const countingSelections = (
  state: Draft<PortfolioState>,
  kind: SelectableKind,
  id: string,
  evolve: () => void,
): void => {
  const before = countedYear(state[kind][id]);
  evolve();
  const after = countedYear(state[kind][id]);
  if (before === after) return;
  const counts = state.selectedCounts[kind];
  if (before !== undefined) {
    const left = (counts[before] ?? 0) - 1;
    if (left > 0) counts[before] = left;
    else delete counts[before];
  }
  if (after !== undefined) counts[after] = (counts[after] ?? 0) + 1;
};
