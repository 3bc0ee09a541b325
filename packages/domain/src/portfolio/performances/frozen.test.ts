import { portfolioDecider } from '@licheng/domain';
import {
  contextAt,
  pdf,
  portfolioCommand,
  portfolioEvent,
  schoolEvent,
  schoolFixture,
  specify,
  student,
} from '../../testing';

/** The performance upload window runs past selection here, so R-SEL-3 and R-PERF-8 meet. */
const { policy } = schoolFixture({
  extra: [
    schoolEvent('WorkPeriodSet', {
      term: '1110',
      item: 'performanceUpload',
      window: { start: '2022-08-01T08:00+08:00', end: '2023-06-30T17:00+08:00' },
    }),
  ],
});
const given = specify(portfolioDecider);
const details = { category: 'creativeWork', name: '微電影' };
const recorded = portfolioEvent('PerformanceRecorded', {
  studentId: 's1',
  performanceId: 'p1',
  schoolYear: 111,
  semester: 2,
  details,
  startDate: '2023-01-01',
  endDate: '2023-01-31',
  description: '作品',
  document: pdf(),
});
const selected = portfolioEvent('PerformanceSelected', { performanceId: 'p1', schoolYear: 111 });
const ref = { schoolId: 'sch1', studentId: 's1', performanceId: 'p1' };
const edit = portfolioCommand('EditPerformance', {
  ...ref,
  details,
  startDate: '2023-01-01',
  endDate: '2023-01-31',
  description: '改過的作品',
  document: pdf(),
});

describe('a selected performance once selection has closed (R-SEL-3 over R-PERF-8)', () => {
  it('refuses deleting a selected performance: it must be deselected first (R-SEL-3)', () => {
    given(recorded, selected)
      .when(portfolioCommand('DeletePerformance', ref), contextAt(policy, '2023-04-12T09:00', student('s1')))
      .thenError('SELECTED_ITEM_NOT_DELETABLE', 'R-SEL-3');
  });

  it('lets a selected performance be edited while selection is still open (R-SEL-2)', () => {
    given(recorded, selected)
      .when(edit, contextAt(policy, '2023-04-13T16:59', student('s1')))
      .thenSucceeds();
  });

  it('refuses editing a selected performance after selection closed, though uploads are still open (R-SEL-3)', () => {
    given(recorded, selected)
      .when(edit, contextAt(policy, '2023-04-13T17:00', student('s1')))
      .thenError('SELECTION_FROZEN', 'R-SEL-3');
  });

  it('still lets an unselected performance be deleted after selection closed (R-PERF-8)', () => {
    given(recorded)
      .when(portfolioCommand('DeletePerformance', ref), contextAt(policy, '2023-05-01T09:00', student('s1')))
      .then(portfolioEvent('PerformanceDeleted', { performanceId: 'p1' }));
  });
});
