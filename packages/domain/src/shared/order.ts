/**
 * Orders strings by their UTF-16 code units, as `<` does: the same on every machine. `localeCompare` without a
 * locale collates by the process's locale (LANG), so that a report's rows came out in another order on a server
 * set to Danish or Swedish (`aa` after `å`, `Z` before `z`). Identifiers, numbers written as text and instants
 * are ordered so; names are collated with an explicit locale ('zh-Hant').
 */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
