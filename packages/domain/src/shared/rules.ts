/**
 * The rule ids of ../shared/domain/RULES.md that this library enforces. Errors, events and tests cite
 * them; keeping them in one union makes a typo a compile error.
 */
export const RULE_IDS = [
  'R-TIME-1', 'R-TIME-2', 'R-TIME-3', 'R-TIME-4',
  'R-WIN-1', 'R-WIN-2', 'R-WIN-3', 'R-WIN-4',
  'R-OUT-1', 'R-OUT-2', 'R-OUT-3', 'R-OUT-4', 'R-OUT-5', 'R-OUT-6', 'R-OUT-7', 'R-OUT-8', 'R-OUT-9',
  'R-OUT-10', 'R-OUT-11',
  'R-PERF-1', 'R-PERF-2', 'R-PERF-3', 'R-PERF-4', 'R-PERF-5', 'R-PERF-6', 'R-PERF-7', 'R-PERF-8',
  'R-FILE-1', 'R-FILE-2', 'R-FILE-3', 'R-FILE-4',
  'R-SEL-1', 'R-SEL-2', 'R-SEL-3',
  'R-SUB-1', 'R-SUB-2', 'R-SUB-3', 'R-SUB-4',
  'R-REC-1', 'R-REC-2', 'R-REC-3', 'R-REC-4', 'R-REC-5', 'R-REC-6', 'R-REC-7',
  'R-ROUND-1', 'R-ROUND-2',
  'R-SEAL-1', 'R-SEAL-2', 'R-SEAL-3',
  'R-AUTH-1', 'R-AUTH-2', 'R-AUTH-3', 'R-AUTH-4', 'R-AUTH-5', 'R-AUTH-6',
  'R-REP-1', 'R-REP-2', 'R-REP-3', 'R-REP-4', 'R-REP-5', 'R-REP-6', 'R-REP-7',
  'R-NOTE-1',
  'R-XFER-1', 'R-PLAN-1', 'R-APP-1',
] as const;

export type RuleId = (typeof RULE_IDS)[number];
