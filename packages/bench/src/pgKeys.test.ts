import { pgKeys, type PgFigures } from './pgKeys';

const figures = (changes: Partial<Record<keyof PgFigures, number>> = {}): PgFigures => ({
  warm: { perSecond: changes.warm ?? 400 },
  cold: { perSecond: changes.cold ?? 50 },
  emmett: { perSecond: changes.emmett ?? 100 },
  appends: { perSecond: changes.appends ?? 900 },
  lag: { p99: changes.lag ?? 12.3456 },
  rebuild: { eventsPerSecond: changes.rebuild ?? 20_000 },
  deadlines: { median: changes.deadlines ?? 3.21 },
});

describe('the PostgreSQL leg keys', () => {
  it('takes both ratios against Emmett from the same run', () => {
    const { values } = pgKeys(figures(), 30_000);
    expect(values).toMatchObject({ pgEmmettRatio: 4, pgColdEmmettRatio: 0.5, pgProjectionLagP99Ms: 12.346 });
  });

  it('meets the Emmett goal at a ratio of exactly 2 and misses it just below', () => {
    expect(pgKeys(figures({ warm: 200 }), 30_000).goals.pgEmmettRatio).toBe('met (≥ 2)');
    expect(pgKeys(figures({ warm: 199 }), 30_000).goals.pgEmmettRatio).toBe('NOT met (≥ 2)');
  });

  it('holds the database rebuild against half of the file rebuild of the same run', () => {
    expect(pgKeys(figures({ rebuild: 15_000 }), 30_000).values.pgRebuildFileRatio).toBe(0.5);
    expect(pgKeys(figures({ rebuild: 15_000 }), 30_000).goals.pgRebuildFileRatio).toMatch(/^met/);
    expect(pgKeys(figures({ rebuild: 14_000 }), 30_000).goals.pgRebuildFileRatio).toMatch(/^NOT met/);
  });

  it('checks the lag and the idle deadline run against their ceilings', () => {
    const { goals } = pgKeys(figures({ lag: 25.1, deadlines: 10 }), 30_000);
    expect(goals.pgProjectionLagP99Ms).toBe('NOT met (≤ 25)');
    expect(goals.deadlineIdleRunMs).toBe('met (≤ 10)');
  });
});
