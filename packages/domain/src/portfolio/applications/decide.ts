import { isSealedFor } from '../../school/rounds';
import type { ReceiptCategory } from '../../school/workItems';
import type { PortfolioCommandOf } from '../commands';
import { actingStudent, decideWith, enrolled, type Check, type Decision, type PortfolioContext } from '../context';
import { applicationErrors } from '../errors';
import type { PortfolioState } from '../state';

export const APPLICATION_PICK_LIMITS = { outcomes: 3, performances: 10 } as const;

/** Ids of the items the student had submitted in a category whose period is sealed (R-APP-1). */
const sealedSubmittedIds = (
  state: PortfolioState,
  context: PortfolioContext,
  studentId: string,
  category: ReceiptCategory,
): ReadonlySet<string> =>
  new Set(
    Object.values(state.receipts)
      .filter(
        (receipt) => receipt.category === category && isSealedFor(context.policy, category, receipt.period, studentId),
      )
      .flatMap((receipt) => receipt.items.map((item) => item.itemId)),
  );

const pickChecks = (
  ids: ReadonlyArray<string>,
  limit: number,
  kind: 'outcomes' | 'performances',
  allowed: () => ReadonlySet<string>,
): ReadonlyArray<Check> => [
  () => (ids.length <= limit ? null : applicationErrors.tooMany(kind, limit, ids.length)),
  () => {
    const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
    return duplicate === undefined ? null : applicationErrors.duplicate(duplicate);
  },
  () => {
    const set = allowed();
    const stranger = ids.find((id) => !set.has(id));
    return stranger === undefined ? null : applicationErrors.notSealedSubmitted(stranger);
  },
];

/** R-APP-1: per department at most 3 outcomes and 10 performances, from sealed submitted items of all years. */
export const pickApplicationItems = (
  command: PortfolioCommandOf<'PickApplicationItems'>,
  state: PortfolioState,
  context: PortfolioContext,
): Decision => {
  const { studentId, departmentId, outcomeIds, performanceIds } = command.data;
  return decideWith(
    [
      actingStudent(context, studentId, command.type),
      enrolled(context, studentId),
      ...pickChecks(outcomeIds, APPLICATION_PICK_LIMITS.outcomes, 'outcomes', () =>
        sealedSubmittedIds(state, context, studentId, 'courseOutcomes'),
      ),
      ...pickChecks(performanceIds, APPLICATION_PICK_LIMITS.performances, 'performances', () =>
        sealedSubmittedIds(state, context, studentId, 'performances'),
      ),
    ],
    () => [{ type: 'ApplicationItemsPicked', data: { departmentId, outcomeIds, performanceIds } }],
  );
};
