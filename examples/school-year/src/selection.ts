import * as E from 'fp-ts/Either';
import type { LichengService } from '@licheng/eventstore';
import { SCHOOL_ID, type SchoolSetup } from './school';
import { within, type Driver } from './driver';
import type { Random } from './random';

/**
 * The selection window (R-SEL): students select passed outcomes (some try a seventh, or a pending one,
 * R-OUT-11) and performances (some try an eleventh), and a few change their minds.
 */
export const runSelection = async (driver: Driver, random: Random, setup: SchoolSetup, service: LichengService) => {
  const [start, end] = setup.calendar.selection;
  for (const [i, student] of setup.students.entries()) {
    const loaded = await service.loadPortfolio(SCHOOL_ID, student.studentId);
    if (E.isLeft(loaded)) continue;
    const portfolio = loaded.right;
    const actor = { id: student.studentId, role: 'student', schoolId: SCHOOL_ID } as const;
    const when = within(start, end, (i + 0.5) / setup.students.length);
    const ref = { schoolId: SCHOOL_ID, studentId: student.studentId };
    // R-SEL-1: this year's outcomes and performances; a portfolio keeps those of the years before.
    const outcomes = Object.values(portfolio.outcomes).filter((o) => o.schoolYear === setup.calendar.year);
    const passed = outcomes.filter((o) => o.status === 'passed');
    const tries = [...random.sample(passed, random.chance(0.15) ? 7 : random.int(0, 6))];
    const pending = outcomes.find((o) => o.status === 'pending');
    if (pending && random.chance(0.3)) tries.push(pending);
    for (const outcome of tries)
      await driver.send(when, actor, 'SelectCourseOutcome', { ...ref, outcomeId: outcome.outcomeId });
    if (tries.length > 0 && random.chance(0.1))
      await driver.send(when, actor, 'DeselectCourseOutcome', { ...ref, outcomeId: tries[0]!.outcomeId });
    const performances = Object.values(portfolio.performances).filter((p) => p.schoolYear === setup.calendar.year);
    for (const performance of random.sample(performances, random.chance(0.1) ? 11 : random.int(0, 8))) {
      await driver.send(when, actor, 'SelectPerformance', { ...ref, performanceId: performance.performanceId });
    }
  }
  // R-WIN-4 / R-SEL-3: the window is shut; a late change is refused.
  const late = setup.students[0];
  if (late)
    await driver.send(end, { id: late.studentId, role: 'student', schoolId: SCHOOL_ID }, 'DeselectPerformance', {
      schoolId: SCHOOL_ID,
      studentId: late.studentId,
      performanceId: setup.calendar.scoped(`${late.studentId}-p1`),
    });
};
