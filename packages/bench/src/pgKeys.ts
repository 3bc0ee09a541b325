/** What the leg measured, as far as its keys need it (pgLeg.ts). */
export interface PgFigures {
  readonly warm: { readonly perSecond: number };
  readonly cold: { readonly perSecond: number };
  readonly emmett: { readonly perSecond: number };
  readonly appends: { readonly perSecond: number };
  readonly lag: { readonly p99: number };
  readonly rebuild: { readonly eventsPerSecond: number };
  readonly deadlines: { readonly median: number };
}

const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;
const goal = (met: boolean, text: string) => `${met ? 'met' : 'NOT met'} (${text})`;

/**
 * The leg's keys in the bench's results, and their goals (issue #18 item 3). The database rebuild is held
 * against the file rebuild of the same run (`fileRebuildEventsPerSecond`).
 */
export const pgKeys = (pg: PgFigures, fileRebuildEventsPerSecond: number) => {
  const values = {
    pgCommandsPerSecond: Math.round(pg.warm.perSecond),
    pgColdCommandsPerSecond: Math.round(pg.cold.perSecond),
    pgEmmettCommandsPerSecond: Math.round(pg.emmett.perSecond),
    pgEmmettRatio: round(pg.warm.perSecond / pg.emmett.perSecond),
    pgColdEmmettRatio: round(pg.cold.perSecond / pg.emmett.perSecond),
    pgAppendsPerSecond: Math.round(pg.appends.perSecond),
    pgProjectionLagP99Ms: round(pg.lag.p99, 3),
    pgRebuildEventsPerSecond: Math.round(pg.rebuild.eventsPerSecond),
    pgRebuildFileRatio: round(pg.rebuild.eventsPerSecond / fileRebuildEventsPerSecond, 3),
    deadlineIdleRunMs: round(pg.deadlines.median, 3),
  };
  const goals: Record<string, string> = {
    pgEmmettRatio: goal(values.pgEmmettRatio >= 2, '≥ 2'),
    pgProjectionLagP99Ms: goal(values.pgProjectionLagP99Ms <= 25, '≤ 25'),
    pgRebuildFileRatio: goal(values.pgRebuildFileRatio >= 0.5, '≥ 0.5 of the file rebuild'),
    deadlineIdleRunMs: goal(values.deadlineIdleRunMs <= 10, '≤ 10'),
  };
  return { values, goals };
};
