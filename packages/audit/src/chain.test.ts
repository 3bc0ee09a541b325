import {
  createLichengService,
  InMemoryEventStore,
  linkHash,
  type EventStore,
  type RecordedEvent,
} from '@licheng/eventstore';
import * as E from 'fp-ts/Either';
import { auditLog } from './audit';
import { verifyChains } from './chain';
import { linesOf, logOf, SCHOOL, sevenOutcomes, STUDENT } from './testing/histories';

/** What the command handler writes (packages/eventstore/src/handler.ts): the command, and a chained hash. */
const STREAM = `portfolio-${SCHOOL}-${STUDENT}`;
const entriesOf = (records: ReadonlyArray<RecordedEvent>) => logOf(linesOf(records)).entries;
const meta = (r: RecordedEvent) =>
  r.metadata as { hash?: string; command?: { type: string; data: unknown }; commandId: string };

describe('the command handler records and chains', () => {
  it('records the command that produced each event, type and data as accepted', async () => {
    const { store } = await sevenOutcomes();
    const [uploaded] = await store.readStream(STREAM);
    expect(meta(uploaded!).command).toEqual({
      type: 'UploadCourseOutcome',
      data: expect.objectContaining({ schoolId: SCHOOL, studentId: STUDENT, outcomeId: 'o1', courseId: 'math-1111' }),
    });
  });

  it('chains each event to the one before it in its stream, from 64 zeros at revision 0', async () => {
    const { store } = await sevenOutcomes();
    const events = await store.readStream(STREAM);
    let prev = '0'.repeat(64);
    for (const event of events) {
      expect(meta(event).hash).toBe(linkHash(prev, event));
      prev = meta(event).hash!;
    }
  });

  it('chains the events of one command to each other (a batch)', async () => {
    const { store, send } = await sevenOutcomes();
    await send('2022-08-02T09:00', { id: 'admin', role: 'admin', schoolId: SCHOOL }, 'SetPlanApprovalOrder', {
      stages: [{ kind: 'homeroom' }],
    });
    const plan = {
      studentId: STUDENT,
      planId: 'plan1',
      schoolYear: 111,
      semester: 2,
      title: '程式設計自學',
      description: '每週兩節',
      periodsPerWeek: 2,
      weeks: 12,
      startDate: '2023-02-20',
      endDate: '2023-05-31',
    };
    await send('2023-04-13T20:00', { id: STUDENT, role: 'student', schoolId: SCHOOL }, 'SubmitLearningPlan', plan);
    await send('2023-04-14T10:00', { id: 't-home', role: 'teacher', schoolId: SCHOOL }, 'ReviewLearningPlan', {
      studentId: STUDENT,
      planId: 'plan1',
      decision: 'pass',
    });
    const events = await store.readStream(STREAM);
    const batch = events.slice(-3);
    expect(batch.map((e) => e.type)).toEqual([
      'LearningPlanStagePassed',
      'LearningPlanApproved',
      'PerformanceRecorded',
    ]);
    expect(new Set(batch.map((e) => meta(e).commandId)).size).toBe(1);
    expect(meta(batch[1]!).hash).toBe(linkHash(meta(batch[0]!).hash!, batch[1]!));
    expect(meta(batch[2]!).hash).toBe(linkHash(meta(batch[1]!).hash!, batch[2]!));
    expect(verifyChains(entriesOf(events))).toEqual([]);
  });

  it('chains a retried command to the head written by whoever wrote first', async () => {
    const { store } = await sevenOutcomes();
    const other = createLichengService({ store });
    let interfered = false;
    // Another writer gets in between this command's load and its append, once.
    const racing: EventStore = {
      appendToStream: async (name, events, expected) => {
        if (!interfered && name === STREAM) {
          interfered = true;
          const first = await other.execute({
            commandId: 'c-other',
            now: '2023-04-12T11:00+08:00',
            actor: { id: STUDENT, role: 'student', schoolId: SCHOOL },
            type: 'DeselectCourseOutcome',
            data: { schoolId: SCHOOL, studentId: STUDENT, outcomeId: 'o1' },
          });
          expect(E.isRight(first)).toBe(true);
        }
        return store.appendToStream(name, events, expected);
      },
      readStream: (name, options) => store.readStream(name, options),
      readAll: (options) => store.readAll(options),
      subscribeToAll: (options) => store.subscribeToAll(options),
    };
    const result = await createLichengService({ store: racing }).execute({
      commandId: 'c-mine',
      now: '2023-04-12T11:00+08:00',
      actor: { id: STUDENT, role: 'student', schoolId: SCHOOL },
      type: 'DeselectCourseOutcome',
      data: { schoolId: SCHOOL, studentId: STUDENT, outcomeId: 'o2' },
    });
    expect(E.isRight(result)).toBe(true);
    const events = await store.readStream(STREAM);
    expect(events.slice(-2).map((e) => meta(e).commandId)).toEqual(['c-other', 'c-mine']);
    expect(verifyChains(entriesOf(await store.readAll()))).toEqual([]);
  });

  it(
    'chains the first new event of a stream written before chaining to the hash its last event would ' + 'have had',
    async () => {
      const { store } = await sevenOutcomes();
      // The same history as stored before this release: no command, no hash.
      const legacy = new InMemoryEventStore();
      for (const record of await store.readAll()) {
        const { hash: _h, command: _c, ...metadata } = record.metadata as Record<string, unknown>;
        await legacy.appendToStream(
          record.streamName,
          [{ eventId: record.eventId, type: record.type, data: record.data, metadata }],
          'any',
        );
      }
      const result = await createLichengService({ store: legacy }).execute({
        commandId: 'c-new',
        now: '2023-04-12T11:00+08:00',
        actor: { id: STUDENT, role: 'student', schoolId: SCHOOL },
        type: 'SelectCourseOutcome',
        data: { schoolId: SCHOOL, studentId: STUDENT, outcomeId: 'o7' },
      });
      expect(E.isLeft(result) && result.left.rule).toBe('R-SEL-1');
      const deselect = await createLichengService({ store: legacy }).execute({
        commandId: 'c-new2',
        now: '2023-04-12T11:00+08:00',
        actor: { id: STUDENT, role: 'student', schoolId: SCHOOL },
        type: 'DeselectCourseOutcome',
        data: { schoolId: SCHOOL, studentId: STUDENT, outcomeId: 'o6' },
      });
      expect(E.isRight(deselect)).toBe(true);
      const report = auditLog(logOf(linesOf(await legacy.readAll())));
      expect(report.findings.filter((f) => f.kind !== 'unverifiable')).toEqual([]);
      expect(report.counts.unverifiable).toBe(report.commands - 1);
    },
  );
});
