import { taipeiInstant } from '@licheng/domain';
import { InMemoryEventStore, type RecordedEvent } from '@licheng/eventstore';
import { createProjectionRunner, inMemoryViewStore, reportsProjection, type ReportsView } from '@licheng/projections';
import * as E from 'fp-ts/Either';
import { portfolioAsOf, reportsViewAsOf } from './asOf';
import { decodeLog } from './log';
import { buildReport } from './reports';
import { linesOf, logOf, SCHOOL, sevenOutcomes, simulatedYear, STUDENT } from './testing/histories';

/** As-of (docs/audit.md): a report at an instant is the report of the events that had occurred by then. */
const decoded = (records: ReadonlyArray<RecordedEvent>) => {
  const events = decodeLog(logOf(linesOf(records)));
  if (E.isLeft(events)) throw new Error(events.left.error.message.en);
  return events.right;
};
const viewOf = (result: E.Either<unknown, ReportsView>): ReportsView => {
  if (E.isLeft(result)) throw new Error('no view');
  return result.right;
};
/** The reports as a projection runner builds them from a store holding only these events. */
const rebuiltFrom = async (records: ReadonlyArray<RecordedEvent>): Promise<ReportsView> => {
  const store = new InMemoryEventStore();
  for (const r of records)
    await store.appendToStream(
      r.streamName,
      [{ eventId: r.eventId, type: r.type, data: r.data, metadata: r.metadata }],
      'any',
    );
  const rebuilt = await createProjectionRunner(store, reportsProjection, inMemoryViewStore()).rebuild();
  if (E.isLeft(rebuilt)) throw new Error(rebuilt.left.message.en);
  return rebuilt.right.view;
};

describe('reports as of an instant', () => {
  it('equals the reports shown at that instant, before anything later happened', async () => {
    const { store, send } = await sevenOutcomes();
    const shownThen = await store.readAll();
    const portfolioThen = portfolioAsOf(decoded(shownThen), SCHOOL, STUDENT);
    await send('2023-04-13T09:00', { id: STUDENT, role: 'student', schoolId: SCHOOL }, 'DeselectCourseOutcome', {
      studentId: STUDENT,
      outcomeId: 'o1',
    });
    await send('2023-04-13T09:05', { id: STUDENT, role: 'student', schoolId: SCHOOL }, 'SelectCourseOutcome', {
      studentId: STUDENT,
      outcomeId: 'o7',
    });
    const all = decoded(await store.readAll());
    const at = { at: taipeiInstant('2023-04-12T23:59') };
    const query = { schoolId: SCHOOL, classId: 'c301', period: '1111', studentId: STUDENT };
    for (const name of ['outcome-status', 'outcome-usage', 'student-notice', 'performance-selection']) {
      expect(buildReport(name, viewOf(reportsViewAsOf(all, at)), query)).toEqual(
        buildReport(name, await rebuiltFrom(shownThen), query),
      );
    }
    expect(portfolioAsOf(all, SCHOOL, STUDENT, at)).toEqual(portfolioThen);
    expect(portfolioAsOf(all, SCHOOL, STUDENT).outcomes['o7']?.selected).toBe(true);
    expect(portfolioThen.outcomes['o7']?.selected).toBe(false);
  });

  it(
    'equals, for every report of a school year, the reports built from only the events up to the ' + 'instant',
    async () => {
      const { records } = await simulatedYear(4);
      const events = decoded(records);
      const schoolId = records[0]!.streamName.slice('school-'.length);
      for (const instant of ['2023-01-21T08:00', '2023-04-12T12:00', '2023-04-18T10:29', '2023-04-18T10:30']) {
        const at = taipeiInstant(instant);
        const before = records.filter((r) => (r.metadata as { occurredAt: string }).occurredAt <= at);
        const asOf = viewOf(reportsViewAsOf(events, { at }));
        const rebuilt = await rebuiltFrom(before);
        for (const [name, query] of [
          ['class-confirmation', { classId: 'c301', period: '1112' }],
          ['outcome-status', { period: '1111' }],
          ['uncertified-teachers', { period: '1112' }],
          ['outcome-usage', { period: '1112' }],
          ['performance-selection', { classId: 'c301', period: '111' }],
          ['student-notice', { studentId: '1090001', period: '111' }],
        ] as const) {
          expect(buildReport(name, asOf, { schoolId, ...query })).toEqual(
            buildReport(name, rebuilt, { schoolId, ...query }),
          );
        }
      }
    },
  );

  it('cuts at a global position as well as at an instant', async () => {
    const { records } = await simulatedYear(4);
    const events = decoded(records);
    const position = records[Math.floor(records.length / 2)]!.position;
    const schoolId = records[0]!.streamName.slice('school-'.length);
    const query = { schoolId, period: '1111' };
    expect(buildReport('outcome-status', viewOf(reportsViewAsOf(events, { position })), query)).toEqual(
      buildReport('outcome-status', await rebuiltFrom(records.filter((r) => r.position <= position)), query),
    );
  });
});
