import * as E from 'fp-ts/Either';
import { createCachingLoader, createLichengService, InMemoryEventStore, type EventStore } from '@licheng/eventstore';
import type { SchoolState } from '@licheng/domain';
import { planYear } from './plan';
import { SCHOOL_ID } from './school';
import { simulateSchoolYear } from './simulate';

const yearOn = (store: EventStore, year: number, students = 6) =>
  simulateSchoolYear(createLichengService({ store, load: createCachingLoader(store) }), { students, seed: 7, year });

const schoolIn = async (store: EventStore): Promise<SchoolState> => {
  const school = await createLichengService({ store }).loadSchool(SCHOOL_ID);
  if (E.isLeft(school)) throw new Error(school.left.message.en);
  return school.right;
};

/** The rules the example breaks on purpose (a seventh selection, a late send, a file too large, …); nothing else. */
const PROVOKED = new Set([
  'R-OUT-1',
  'R-OUT-3',
  'R-OUT-4',
  'R-OUT-5',
  'R-OUT-11',
  'R-FILE-1',
  'R-PERF-4',
  'R-PERF-6',
  'R-SEL-1',
  'R-SEL-2',
  'R-REC-2',
]);
const unprovoked = (tally: { refused: Map<string, number> }) =>
  [...tally.refused.keys()].filter((key) => !PROVOKED.has(key.split(' ')[0]!));

/** A store that fails every append after the first `appends`: a run cut off midway. */
const cutOffAfter = (store: EventStore, appends: number): EventStore => {
  let left = appends;
  return new Proxy(store, {
    get: (target, key, receiver) =>
      key === 'appendToStream'
        ? (...args: Parameters<EventStore['appendToStream']>) => {
            if (left-- <= 0) throw new Error('cut off');
            return target.appendToStream(...args);
          }
        : (Reflect.get(target, key, receiver) as unknown),
  });
};

describe('the school-year example, year after year on one store', () => {
  it('plans year 111 on an empty store and the year after the last one run on a store that holds some', async () => {
    expect(planYear(undefined, 6)).toEqual({ year: 111, yearsRun: [], completing: false, students: 6 });
    const store = new InMemoryEventStore();
    await yearOn(store, 111);
    expect(planYear(await schoolIn(store), 6)).toEqual({ year: 112, yearsRun: [111], completing: false, students: 6 });
    await yearOn(store, 112);
    expect(planYear(await schoolIn(store), 8)).toMatchObject({ year: 113, yearsRun: [111, 112], students: 8 });
  });

  it(
    'moves the juniors up to 高三 in their order, lets the seniors graduate and enrolls the next cohort ' + 'as 高二',
    async () => {
      const store = new InMemoryEventStore();
      const first = await yearOn(store, 111, 7);
      const second = await yearOn(store, 112, 7);
      const juniors = first.setup.students.filter((s) => s.entrySchoolYear === 110);
      const seniors = second.setup.students.filter((s) => s.grade === 3);
      expect(seniors.map(({ studentId, name, seatNumber }) => ({ studentId, name, seatNumber }))).toEqual(
        juniors.map(({ studentId, name, seatNumber }) => ({ studentId, name, seatNumber })),
      );
      expect(seniors.every((s) => s.classId === 'c301-112' && !s.isNew)).toBe(true);
      const joined = second.setup.students.filter((s) => s.grade === 2);
      expect(joined.map((s) => s.studentId)).toEqual(['1110001', '1110002', '1110003', '1110004']);
      expect(joined.every((s) => s.entrySchoolYear === 111 && s.classId === 'c201-112' && s.isNew)).toBe(true);
      expect(second.rounds.map((r) => r.cohorts)).toEqual([[110], [111, 112]]);

      const school = await schoolIn(store);
      // The graduates keep their year 111 and are placed in no later year.
      const graduates = first.setup.students.filter((s) => s.entrySchoolYear === 109).map((s) => s.studentId);
      expect(graduates.map((id) => Object.keys(school.students[id]!.placements))).toEqual(graduates.map(() => ['111']));
      expect(Object.values(school.classes).map((c) => `${c.schoolYear} ${c.classId} ${c.name}`)).toEqual([
        '111 c301 普通三01班',
        '111 c201 普通二01班',
        '112 c301-112 普通三01班',
        '112 c201-112 普通二01班',
      ]);
      // Every term-2 round of both years sealed: each year closed its own periods.
      expect(Object.keys(school.sealed).filter((key) => key.startsWith('courseRecords'))).toEqual([
        'courseRecords:1112:109',
        'courseRecords:1112:110.111',
        'courseRecords:1122:110',
        'courseRecords:1122:111.112',
      ]);
    },
  );

  it('refuses in later years only what the first year refuses on purpose', async () => {
    const store = new InMemoryEventStore();
    const years = [await yearOn(store, 111, 12), await yearOn(store, 112, 12), await yearOn(store, 113, 12)];
    for (const year of years) {
      expect(unprovoked(year.tally)).toEqual([]);
      expect(year.tally.accepted).toBeGreaterThan(300);
    }
  });

  it('runs a year cut off midway again when asked, storing the log of a run never cut off', async () => {
    const whole = new InMemoryEventStore();
    await yearOn(whole, 111);
    await yearOn(whole, 112);

    const store = new InMemoryEventStore();
    await yearOn(store, 111);
    await expect(yearOn(cutOffAfter(store, 200), 112)).rejects.toThrow('cut off');
    const plan = planYear(await schoolIn(store), 6);
    expect(plan).toMatchObject({ year: 112, completing: true });
    await yearOn(store, plan.year);
    expect(planYear(await schoolIn(store), 6)).toMatchObject({ year: 113, completing: false });
    expect(await store.readAll()).toEqual(await whole.readAll());
  });

  it('does not start a year whose year before the store does not hold', async () => {
    await expect(yearOn(new InMemoryEventStore(), 112)).rejects.toThrow(
      'school year 112 continues 111, which this store does not hold',
    );
  });
});
