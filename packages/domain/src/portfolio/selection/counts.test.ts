import fc from 'fast-check';
import { foldEvents, foldFromInitial, portfolioDecider, type PortfolioEvent } from '@licheng/domain';
import { portfolioEvent } from '../../testing';
import { selectedCount, selectedCountOf, type SelectableKind } from './counts';
import type { PortfolioState } from '../state';

/**
 * The counts the quota checks read (R-SEL-1) against their definition, under any sequence of events about a few
 * items, including the ones no accepted command produces today: an item replaced by a new upload or a re-sync
 * while selected, a selected item deleted, a selection of an item that is not there.
 */
const ids = ['a', 'b', 'c'] as const;
const years = [110, 111, 112] as const;
const termOf = (year: number) => `${year}1`;

const outcomeEvent = fc.oneof(
  fc.record({ id: fc.constantFrom(...ids), year: fc.constantFrom(...years) }).map(({ id, year }) =>
    portfolioEvent('CourseOutcomeUploaded', {
      studentId: 's1',
      outcomeId: id,
      courseId: `math-${termOf(year)}`,
      term: termOf(year),
      subject: '數學',
      description: '成果',
    }),
  ),
  fc.constantFrom(...ids).map((id) => portfolioEvent('CourseOutcomeDeleted', { outcomeId: id })),
  fc
    .record({ id: fc.constantFrom(...ids), year: fc.constantFrom(...years), on: fc.boolean() })
    .map(({ id, year, on }) =>
      portfolioEvent(on ? 'CourseOutcomeSelected' : 'CourseOutcomeDeselected', { outcomeId: id, schoolYear: year }),
    ),
);

const performanceEvent = fc.oneof(
  fc.record({ id: fc.constantFrom(...ids), year: fc.constantFrom(...years) }).map(({ id, year }) =>
    portfolioEvent('PerformanceRecorded', {
      studentId: 's1',
      performanceId: id,
      schoolYear: year,
      semester: 1,
      details: { category: 'flexibleLearning', kind: '自主學習', name: '機器學習入門', periodsPerWeek: 2, weeks: 18 },
      startDate: '2022-09-01',
      endDate: '2022-12-30',
      description: '實作',
    }),
  ),
  fc.record({ id: fc.constantFrom(...ids), year: fc.constantFrom(...years) }).map(({ id, year }) =>
    portfolioEvent('CadreRecordSynced', {
      studentId: 's1',
      performanceId: id,
      schoolYear: year,
      semester: 1,
      unit: '普通三01班',
      position: '班長',
      level: '班級',
      startDate: '2022-08-30',
      endDate: '2023-01-20',
    }),
  ),
  fc.constantFrom(...ids).map((id) => portfolioEvent('PerformanceDeleted', { performanceId: id })),
  fc
    .record({ id: fc.constantFrom(...ids), year: fc.constantFrom(...years), on: fc.boolean() })
    .map(({ id, year, on }) =>
      portfolioEvent(on ? 'PerformanceSelected' : 'PerformanceDeselected', { performanceId: id, schoolYear: year }),
    ),
);

const events = fc.array(fc.oneof(outcomeEvent, performanceEvent), { maxLength: 40 });

const countsHold = (state: PortfolioState): boolean =>
  (['outcomes', 'performances'] as const).every((kind: SelectableKind) =>
    years.every((year) => selectedCount(state, kind, year) === selectedCountOf(state, kind, year)),
  ) &&
  // No year is kept at zero: the counts hold exactly the years with a selected item.
  Object.values(state.selectedCounts).every((perYear) => Object.values(perYear).every((count) => count > 0));

describe('selected counts per school year (R-SEL-1)', () => {
  it('equal the selected items counted per year after every event, folded in place or through immer', () => {
    fc.assert(
      fc.property(events, (sequence: PortfolioEvent[]) => {
        let copied = portfolioDecider.initialState();
        for (let i = 0; i < sequence.length; i++) {
          copied = foldEvents(portfolioDecider.evolve, copied, [sequence[i]!]);
          if (!countsHold(copied)) return false;
        }
        return countsHold(foldFromInitial(portfolioDecider, sequence));
      }),
      { numRuns: 300 },
    );
  });

  it('moves a selected outcome out of the count when a new upload replaces it', () => {
    const state = foldFromInitial(portfolioDecider, [
      portfolioEvent('CourseOutcomeUploaded', {
        studentId: 's1',
        outcomeId: 'a',
        courseId: 'math-1111',
        term: '1111',
        subject: '數學',
        description: '成果',
      }),
      portfolioEvent('CourseOutcomeSelected', { outcomeId: 'a', schoolYear: 111 }),
    ]);
    expect(selectedCount(state, 'outcomes', 111)).toBe(1);
    const replaced = foldEvents(portfolioDecider.evolve, state, [
      portfolioEvent('CourseOutcomeUploaded', {
        studentId: 's1',
        outcomeId: 'a',
        courseId: 'math-1121',
        term: '1121',
        subject: '數學',
        description: '成果',
      }),
    ]);
    expect(replaced.selectedCounts).toEqual({ outcomes: {}, performances: {} });
  });
});
