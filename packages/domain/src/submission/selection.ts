import type { DomainRefusal } from '../errorCodes';
import { schoolYearOfTerm, termOf, type Term } from '../shared/term';
import type { PortfolioState } from '../portfolio/state';
import { workPeriodOf } from '../school/policy';
import type { SchoolPolicy } from '../school/state';
import type { ReceiptCategory } from '../school/workItems';
import { submissionErrors } from './errors';
import type { RosterEntry } from './events';
import type { SubmittedFile } from './items';

/** What a student selected for a school year, as R-SEL-3 freezes it: item id → whether it exists at all. */
const selectionOf = (
  portfolio: PortfolioState | undefined,
  category: 'courseOutcomes' | 'performances',
  schoolYear: number,
) => {
  const items = category === 'courseOutcomes' ? portfolio?.outcomes : portfolio?.performances;
  const selected = new Set<string>();
  for (const item of Object.values(items ?? {}))
    if (item.selected && item.schoolYear === schoolYear)
      selected.add('outcomeId' in item ? item.outcomeId : item.performanceId);
  return { selected, exists: (id: string) => items?.[id] !== undefined };
};

/** The files of a portfolio item, as a statement names them (R-REC-7). */
export const filesOf = (
  portfolio: PortfolioState | undefined,
  category: 'courseOutcomes' | 'performances',
  itemId: string,
): ReadonlyArray<SubmittedFile> => {
  const item = category === 'courseOutcomes' ? portfolio?.outcomes[itemId] : portfolio?.performances[itemId];
  return [item?.document, item?.media].flatMap((file) => (file ? [{ name: file.name, sha256: file.sha256 }] : []));
};

const sameFiles = (a: ReadonlyArray<SubmittedFile>, b: ReadonlyArray<SubmittedFile>): boolean =>
  a.length === b.length &&
  a.every((file) => b.some((other) => other.name === file.name && other.sha256 === file.sha256));

/**
 * R-SUB-4 / R-SEL-3: a roster of course outcomes or performances holds, for each student it lists, exactly
 * what that student had selected when the selection window closed: not before it closes, and no unknown,
 * unselected or missing item. The first mismatch refuses the attempt, naming the student and the item,
 * before anything reaches the central database. Course and cadre records come from the school's records.
 */
export const rosterMatchesSelection = (
  roster: ReadonlyArray<RosterEntry>,
  category: ReceiptCategory,
  period: Term,
  policy: SchoolPolicy,
  portfolios: Readonly<Record<string, PortfolioState>>,
  now: string,
): DomainRefusal | null => {
  if (category !== 'courseOutcomes' && category !== 'performances') return null;
  const schoolYear = schoolYearOfTerm(period);
  const item = category === 'courseOutcomes' ? 'outcomeSelection' : 'performanceSelection';
  const window = workPeriodOf(policy, termOf(schoolYear, 0), item);
  if (window && now < window.end) return submissionErrors.selectionStillOpen(category, period, window.end);
  for (const entry of roster) {
    const { selected, exists } = selectionOf(portfolios[entry.studentId], category, schoolYear);
    const listed = new Set<string>();
    for (const { itemId, details } of entry.items) {
      listed.add(itemId);
      if (!exists(itemId)) return submissionErrors.notAsSelected(entry.studentId, itemId, 'unknown');
      if (!selected.has(itemId)) return submissionErrors.notAsSelected(entry.studentId, itemId, 'unselected');
      // R-REC-7: the files named are the selected item's own, by name and digest.
      if (
        details?.kind === 'selectedItem' &&
        !sameFiles(details.files, filesOf(portfolios[entry.studentId], category, itemId))
      ) {
        return submissionErrors.filesNotAsSelected(entry.studentId, itemId);
      }
    }
    const missing = [...selected].find((id) => !listed.has(id));
    if (missing !== undefined) return submissionErrors.notAsSelected(entry.studentId, missing, 'missing');
  }
  return null;
};
