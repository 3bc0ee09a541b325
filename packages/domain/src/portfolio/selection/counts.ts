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

/** The year the item `id` of `kind` counts towards while selected; undefined for an absent or unselected item. */
export const countedYear = (state: PortfolioState, kind: SelectableKind, id: string): number | undefined => {
  const item: { readonly selected: boolean; readonly schoolYear: number } | undefined = state[kind][id];
  return item?.selected ? item.schoolYear : undefined;
};

/**
 * After an event that changed at most the one item `id` of `kind` (added, replaced, removed, selected or
 * deselected it), moves that item's count from the year it counted towards `before` the event to the one it
 * counts towards now: one rule for every such event, so that no single evolve has to remember the counts.
 * Called around the evolve rather than given it as a callback, so that replay allocates nothing for it.
 */
export const recountSelections = (
  state: Draft<PortfolioState>,
  kind: SelectableKind,
  id: string,
  before: number | undefined,
): void => {
  const after = countedYear(state, kind, id);
  if (before === after) return;
  const counts = state.selectedCounts[kind];
  if (before !== undefined) {
    const left = (counts[before] ?? 0) - 1;
    if (left > 0) counts[before] = left;
    else delete counts[before];
  }
  if (after !== undefined) counts[after] = (counts[after] ?? 0) + 1;
};
