import type { EventDocs } from '../../shared/eventDoc';
import type { PortfolioCommandType } from '../commands';
import type { PERFORMANCE_EVENTS } from './events';

/** Performance events: what each records, the rules behind it, the commands that record it (docs/events.md). */
export const PERFORMANCE_EVENT_DOCS: EventDocs<typeof PERFORMANCE_EVENTS, PortfolioCommandType> = {
  PerformanceRecorded: {
    meaning:
      'A diverse performance (多元表現) recorded for a school year and semester; also recorded when a learning ' +
      'plan is approved.',
    rules: [
      'R-PERF-1',
      'R-PERF-2',
      'R-PERF-3',
      'R-PERF-4',
      'R-PERF-5',
      'R-PERF-7',
      'R-WIN-2',
      'R-FILE-1',
      'R-FILE-2',
      'R-FILE-3',
      'R-PLAN-1',
    ],
    commands: ['RecordPerformance', 'ReviewLearningPlan'],
  },
  PerformanceEdited: {
    meaning: 'The content of a performance replaced whole before it was submitted; the category stays.',
    rules: ['R-PERF-1', 'R-PERF-3', 'R-PERF-4', 'R-PERF-8', 'R-FILE-1', 'R-FILE-2', 'R-FILE-3'],
    commands: ['EditPerformance'],
  },
  PerformanceDeleted: {
    meaning:
      "A student's own performance deleted before it was submitted; its storage is freed and its id never reused.",
    rules: ['R-PERF-6', 'R-PERF-8', 'R-FILE-3'],
    commands: ['DeletePerformance'],
  },
  CadreRecordSynced: {
    meaning:
      "A cadre record (幹部經歷) synced from the school's records: a cadre performance without files that the " +
      'student cannot edit or delete.',
    rules: ['R-PERF-6'],
    commands: ['SyncCadreRecord'],
  },
  CadreProofAttached: {
    meaning:
      'Proof attached to a synced cadre record (description and files replaced whole); with a file it ' +
      'becomes selectable.',
    rules: ['R-PERF-6', 'R-PERF-3', 'R-FILE-1', 'R-FILE-2', 'R-FILE-3'],
    commands: ['AttachCadreProof'],
  },
};
