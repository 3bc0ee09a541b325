import { portfolioStreamName, schoolStreamName, taipeiInstant, type Actor, type DomainError } from '@licheng/domain';
import {
  createLichengService,
  eventIdOf,
  InMemoryEventStore,
  loadStream,
  portfolioAggregate,
  schoolAggregate,
  type RecordedEvent,
} from '@licheng/eventstore';
import {
  createProjectionRunner,
  createSchoolsProjectionRunner,
  inMemoryViewStore,
  reportsProjection,
} from '@licheng/projections';
import { portfolioEvent, seedEvents } from '@licheng/testing';
import { runDeadlines } from '@licheng/workflows';
import { leftOf, reliabilitySchool, rightOf, SCHOOL_ID, taipei } from './support/harness';
import { CorruptingStore, DAMAGE } from './support/stores';

/**
 * Stored events that no longer decode: truncated JSON, an unknown type, a schema version from the future,
 * missing or incomplete metadata, data of the wrong shape. Loading the stream must answer
 * STORED_EVENT_INVALID naming the stream and revision (never throw, never skip), other streams must load
 * as before, and a projection must stop AT the event with PROJECTION_FAILED naming it, its checkpoint
 * left on the event before.
 */

const STUDENTS = ['s1', 's2', 's3'];
const UPLOAD_NOW = taipei('2022-10-01T10:00');
const file = (name: string) => ({
  name,
  mimeType: 'application/pdf',
  sizeBytes: 1_000,
  sha256: 'c'.repeat(64),
  storageKey: `k/${name}`,
});

let commands = 0;
const upload = (studentId: string, outcomeId: string) => ({
  commandId: `cmd-${++commands}`,
  now: UPLOAD_NOW,
  actor: { id: studentId, role: 'student', schoolId: SCHOOL_ID },
  type: 'UploadCourseOutcome',
  data: {
    schoolId: SCHOOL_ID,
    studentId,
    outcomeId,
    courseId: 'math-1111',
    description: '報告',
    document: file(`${outcomeId}.pdf`),
  },
});
const send = (studentId: string, outcomeId: string) => ({
  commandId: `cmd-${++commands}`,
  now: UPLOAD_NOW,
  actor: { id: studentId, role: 'student', schoolId: SCHOOL_ID },
  type: 'SendCourseOutcomeForCertification',
  data: { schoolId: SCHOOL_ID, studentId, outcomeId },
});

/** Three students with two events each, written through the service; s2's second event is the one to damage. */
const setUp = async () => {
  const inner = new InMemoryEventStore();
  await seedEvents(inner, schoolAggregate, schoolStreamName(SCHOOL_ID), reliabilitySchool(STUDENTS).events);
  const store = new CorruptingStore(inner);
  const service = createLichengService({ store });
  for (const studentId of STUDENTS) {
    rightOf(await service.execute(upload(studentId, `o-${studentId}`)));
    rightOf(await service.execute(send(studentId, `o-${studentId}`)));
  }
  const victim = portfolioStreamName(SCHOOL_ID, 's2');
  const damaged = (await inner.readStream(victim))[1]!;
  return { inner, store, service, victim, damaged };
};

const expectNamesEvent = (error: DomainError, code: string, event: { streamName: string; revision: number }) => {
  expect(error.code).toBe(code);
  expect(error.details).toMatchObject({ streamName: event.streamName, revision: event.revision });
  expect(error.message.en).toContain(event.streamName);
  expect(error.message['zh-TW']).toContain(event.streamName);
};

const CASES: ReadonlyArray<[string, (e: RecordedEvent) => RecordedEvent, string]> = [
  ['truncated JSON data', DAMAGE.truncatedData, 'data'],
  ['truncated JSON metadata', DAMAGE.truncatedMetadata, 'metadata'],
  ['an unknown event type', DAMAGE.unknownType, 'type'],
  ['a schema version from the future', DAMAGE.futureSchemaVersion, 'metadata.schemaVersion'],
  ['missing metadata', DAMAGE.missingMetadata, 'metadata'],
  ['metadata without its actor', DAMAGE.metadataWithoutActor, 'metadata.actor'],
];

describe('a stored event that no longer decodes', () => {
  describe.each(CASES)('with %s', (_name, damage, path) => {
    it(
      'makes its stream load as STORED_EVENT_INVALID naming stream and revision; other streams ' + 'still load',
      async () => {
        const { store, service, victim, damaged } = await setUp();
        store.corrupt(victim, damaged.revision, damage);

        const viaService = leftOf(await service.loadPortfolio(SCHOOL_ID, 's2'));
        expectNamesEvent(viaService, 'STORED_EVENT_INVALID', damaged);
        expect(viaService.details['paths']).toContain(path);
        const viaLoader = leftOf(await loadStream(store, portfolioAggregate, victim));
        expect(viaLoader).toEqual(viaService);

        for (const other of ['s1', 's3'])
          expect(rightOf(await service.loadPortfolio(SCHOOL_ID, other)).outcomes[`o-${other}`]?.status).toBe('pending');
        expect(rightOf(await service.loadSchool(SCHOOL_ID)).schoolId).toBe(SCHOOL_ID);
      },
    );

    it('refuses commands on that stream with the same error and appends nothing; other students carry on', async () => {
      const { inner, store, service, victim, damaged } = await setUp();
      store.corrupt(victim, damaged.revision, damage);
      const before = inner.eventCount;
      expectNamesEvent(leftOf(await service.execute(upload('s2', 'o-new'))), 'STORED_EVENT_INVALID', damaged);
      expect(inner.eventCount).toBe(before);
      rightOf(await service.execute(upload('s3', 'o-new')));
      // The deadline runner reports the stream it cannot read and goes on with the others.
      const report = await runDeadlines(service, SCHOOL_ID, taipeiInstant('2023-04-18T10:30'));
      expect(report.refused.map((e) => [e.code, e.details['streamName']])).toEqual([['STORED_EVENT_INVALID', victim]]);
    });

    it(
      'stops the reports projection at that event with PROJECTION_FAILED, its checkpoint on the event ' + 'before',
      async () => {
        const { inner, store, victim, damaged } = await setUp();
        store.corrupt(victim, damaged.revision, damage);
        const views = inMemoryViewStore();
        const runner = createProjectionRunner(store, reportsProjection, views);
        const all = await inner.readAll();
        const previous = all.filter((e) => e.position < damaged.position).pop()!;

        for (const attempt of [() => runner.catchUp(), () => runner.catchUp(), () => runner.rebuild()]) {
          const failed = leftOf(await attempt());
          expectNamesEvent(failed, 'PROJECTION_FAILED', damaged);
          expect(failed.details).toMatchObject({
            projection: 'reports',
            position: damaged.position,
            type: damage === DAMAGE.unknownType ? 'CourseOutcomeTeleported' : damaged.type,
          });
          // Stopped AT the event: everything before it folded, nothing from it on, and it is not skipped next time.
          expect((await runner.current()).position).toBe(previous.position);
        }
        const view = (await runner.current()).view;
        expect(view.schools[SCHOOL_ID]?.portfolios['s2']?.outcomes['o-s2']?.status).toBe('draft');
        expect(view.schools[SCHOOL_ID]?.portfolios['s3']).toBeUndefined();

        // Once the store hands the event back whole, the projection folds it and everything after.
        store.heal();
        const healed = rightOf(await runner.catchUp());
        expect(healed.position).toBe(all[all.length - 1]!.position);
        expect(healed.view.schools[SCHOOL_ID]?.portfolios['s3']?.outcomes['o-s3']?.status).toBe('pending');
      },
    );
  });

  it('stops a live projection at a damaged event arriving after start, and reports it', async () => {
    const { inner, store } = await setUp();
    // Writers use the store directly; only what the projection reads comes back damaged.
    const service = createLichengService({ store: inner });
    const runner = createProjectionRunner(store, reportsProjection, inMemoryViewStore());
    const errors: DomainError[] = [];
    const subscription = await runner.start({ onError: (error) => void errors.push(error) });
    const caughtUp = (await runner.current()).position;
    expect(caughtUp).toBe(inner.eventCount - 1);

    const victim = portfolioStreamName(SCHOOL_ID, 's1');
    store.corrupt(victim, 2, DAMAGE.truncatedData);
    rightOf(await service.execute(upload('s1', 'o-late')));
    rightOf(await service.execute(upload('s3', 'o-later')));
    const deadline = Date.now() + 2_000;
    while (errors.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    await subscription.close();

    expect(errors).toHaveLength(1);
    expectNamesEvent(errors[0]!, 'PROJECTION_FAILED', { streamName: victim, revision: 2 });
    expect((await runner.current()).position).toBe(caughtUp);
  });

  it('answers STORED_EVENT_INVALID for data of the wrong shape written straight into the in-memory store', async () => {
    const inner = new InMemoryEventStore();
    await seedEvents(inner, schoolAggregate, schoolStreamName(SCHOOL_ID), reliabilitySchool(STUDENTS).events);
    const service = createLichengService({ store: inner });
    rightOf(await service.execute(upload('s1', 'o-s1')));
    const streamName = portfolioStreamName(SCHOOL_ID, 's1');
    const metadata = {
      occurredAt: taipeiInstant('2022-10-02T09:00'),
      actor: { id: 's1', role: 'student', schoolId: SCHOOL_ID } as Actor,
      commandId: 'raw',
      correlationId: 'raw',
      causationId: 'raw',
    };
    const valid = portfolioAggregate.serializer.toNewEvent(
      portfolioEvent('CourseOutcomeSentForCertification', { outcomeId: 'o-s1' }),
      metadata,
      eventIdOf(streamName, 'raw', 0),
    );
    rightOf(await inner.appendToStream(streamName, [{ ...valid, data: { outcomeId: 42 } }], 'any'));
    const error = leftOf(await service.loadPortfolio(SCHOOL_ID, 's1'));
    expectNamesEvent(error, 'STORED_EVENT_INVALID', { streamName, revision: 1 });
    expect(error.details['paths']).toEqual(['data.outcomeId']);
    const projected = leftOf(await createProjectionRunner(inner, reportsProjection, inMemoryViewStore()).rebuild());
    expectNamesEvent(projected, 'PROJECTION_FAILED', { streamName, revision: 1 });
  });

  it('refuses every command of a school whose own stream is damaged, and only that school', async () => {
    const inner = new InMemoryEventStore();
    await seedEvents(inner, schoolAggregate, schoolStreamName(SCHOOL_ID), reliabilitySchool(STUDENTS).events);
    const other = reliabilitySchool(STUDENTS);
    const sch2 = other.events.map((e) =>
      e.type === 'SchoolRegistered' ? { ...e, data: { ...e.data, schoolId: 'sch2' } } : e,
    );
    await seedEvents(inner, schoolAggregate, schoolStreamName('sch2'), sch2);
    const store = new CorruptingStore(inner);
    store.corrupt(schoolStreamName(SCHOOL_ID), 5, DAMAGE.unknownType);
    const service = createLichengService({ store });
    expectNamesEvent(leftOf(await service.execute(upload('s1', 'o1'))), 'STORED_EVENT_INVALID', {
      streamName: schoolStreamName(SCHOOL_ID),
      revision: 5,
    });
    expectNamesEvent(leftOf(await service.loadSchool(SCHOOL_ID)), 'STORED_EVENT_INVALID', {
      streamName: schoolStreamName(SCHOOL_ID),
      revision: 5,
    });
    const elsewhere = {
      ...upload('s1', 'o1'),
      actor: { id: 's1', role: 'student', schoolId: 'sch2' },
      data: { ...upload('s1', 'o1').data, schoolId: 'sch2' },
    };
    rightOf(await service.execute(elsewhere));
  });

  it('stops the reports of the school holding an undecodable event, and only that school, saying where', async () => {
    const inner = new InMemoryEventStore();
    await seedEvents(inner, schoolAggregate, schoolStreamName(SCHOOL_ID), reliabilitySchool(STUDENTS).events);
    const sch2 = reliabilitySchool(STUDENTS).events.map((e) =>
      e.type === 'SchoolRegistered' ? { ...e, data: { ...e.data, schoolId: 'sch2' } } : e,
    );
    await seedEvents(inner, schoolAggregate, schoolStreamName('sch2'), sch2);
    const writer = createLichengService({ store: inner });
    for (const schoolId of [SCHOOL_ID, 'sch2']) {
      for (const studentId of STUDENTS) {
        const command = upload(studentId, `o-${studentId}`);
        rightOf(
          await writer.execute({
            ...command,
            actor: { ...command.actor, schoolId },
            data: { ...command.data, schoolId },
          }),
        );
      }
    }
    const store = new CorruptingStore(inner);
    const victim = portfolioStreamName(SCHOOL_ID, 's1');
    store.corrupt(victim, 0, DAMAGE.truncatedData);
    const report = await createSchoolsProjectionRunner(store, reportsProjection, inMemoryViewStore()).catchUp();
    expect(report.stopped.map((s) => s.schoolId)).toEqual([SCHOOL_ID]);
    expectNamesEvent(report.stopped[0]!.error, 'PROJECTION_FAILED', { streamName: victim, revision: 0 });
    // The other school's reports are whole; the stopped one's stop just before the event.
    expect(Object.keys(report.views['sch2']!.view.schools['sch2']!.portfolios).sort()).toEqual([...STUDENTS].sort());
    expect(report.views[SCHOOL_ID]!.view.schools[SCHOOL_ID]!.portfolios['s1']).toBeUndefined();
  });
});
