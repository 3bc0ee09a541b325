import * as E from 'fp-ts/Either';
import { portfolioStreamName, schoolStreamName } from '@licheng/domain';
import { schoolFixture } from '@licheng/domain/testing';
import { seedEvents } from './testing';
import { schoolAggregate } from './aggregates';
import { InMemoryEventStore } from './inMemoryStore';
import { loadStream } from './loadStream';
import { portfolioAggregate } from './aggregates';
import { createLichengService } from './service';

/** Untrusted callers at the front door: what they pass is copied once, as plain data, before anything is decided. */

const setUp = async () => {
  const store = new InMemoryEventStore();
  await seedEvents(
    store,
    schoolAggregate,
    schoolStreamName('sch1'),
    schoolFixture({ students: [{ id: 's1' }, { id: 's2' }] }).events,
  );
  return { store, service: createLichengService({ store }) };
};

const upload = (commandId: string, description = '數學報告') => ({
  commandId,
  now: '2023-03-01T09:00+08:00',
  actor: { id: 's1', role: 'student', schoolId: 'sch1' },
  type: 'UploadCourseOutcome',
  data: {
    schoolId: 'sch1',
    studentId: 's1',
    outcomeId: `o-${commandId}`,
    courseId: 'math-1112',
    description,
    document: { name: 'r.pdf', mimeType: 'application/pdf', sizeBytes: 1000, sha256: 'a'.repeat(64), storageKey: 'k1' },
  },
});

const codeOf = (result: E.Either<{ code: string }, unknown>) => (E.isLeft(result) ? result.left.code : 'applied');

describe('the service front door (R-FILE-4 boundary, issue 16)', () => {
  it('refuses a lone surrogate in free text as INVALID_INPUT naming the path, and stores nothing', async () => {
    const { store, service } = await setUp();
    const before = store.snapshot();
    const result = await service.execute(upload('c1', '報告\ud800'));
    expect(E.isLeft(result) && result.left).toMatchObject({
      code: 'INVALID_INPUT',
      details: { paths: ['data.description'] },
    });
    expect(store.snapshot()).toBe(before);
  });

  it('refuses a field served by a prototype getter instead of storing an event that cannot be read back', async () => {
    const { store, service } = await setUp();
    class Actor {
      readonly id = 's1';
      readonly schoolId = 'sch1';
      get role() {
        return 'student';
      }
    }
    const result = await service.execute({ ...upload('c1'), actor: new Actor() });
    expect(E.isLeft(result) && result.left).toMatchObject({
      code: 'INVALID_INPUT',
      details: { paths: ['actor.role'] },
    });
    expect(E.isRight(await loadStream(store, portfolioAggregate, portfolioStreamName('sch1', 's1')))).toBe(true);
  });

  it('reads a proxy once and refuses one whose trap throws, naming where', async () => {
    const { service } = await setUp();
    const hostile = new Proxy(upload('c1').data, {
      ownKeys: () => {
        throw new Error('boom');
      },
    });
    const result = await service.execute({ ...upload('c1'), data: hostile });
    expect(E.isLeft(result) && result.left).toMatchObject({ code: 'INVALID_INPUT', details: { paths: ['data'] } });
  });

  it('stores what was passed, not what the caller changed after calling', async () => {
    const { store, service } = await setUp();
    const command = upload('c1');
    const pending = service.execute(command);
    command.data.studentId = 's2';
    command.data.description = 'changed';
    expect(codeOf(await pending)).toBe('applied');
    expect(await store.readStream(portfolioStreamName('sch1', 's2'))).toEqual([]);
    const [stored] = await store.readStream(portfolioStreamName('sch1', 's1'));
    expect((stored?.data as { description: string }).description).toBe('數學報告');
  });

  it('answers concurrent executes of one command id truthfully: one applied, the rest already applied', async () => {
    const { store, service } = await setUp();
    const results = await Promise.all(Array.from({ length: 5 }, () => service.execute(upload('c1'))));
    const applied = results.filter((r) => E.isRight(r) && !r.right.alreadyApplied);
    const repeats = results.filter((r) => E.isRight(r) && r.right.alreadyApplied);
    expect([applied.length, repeats.length]).toEqual([1, 4]);
    expect(await store.readStream(portfolioStreamName('sch1', 's1'))).toHaveLength(1);
  });

  it('refuses a concurrent execute of the same command id with other content as COMMAND_ID_REUSED', async () => {
    const { service } = await setUp();
    const [a, b] = await Promise.all([service.execute(upload('c1', 'first')), service.execute(upload('c1', 'second'))]);
    expect([codeOf(a), codeOf(b)].sort()).toEqual(['COMMAND_ID_REUSED', 'applied']);
  });

  it(
    'answers the same command sent by two processes at the same moment truthfully: one applied, one already ' +
      'applied',
    async () => {
      const { store, service } = await setUp();
      const other = createLichengService({ store });
      const results = await Promise.all([
        service.execute(upload('c1')),
        other.execute(upload('c1')),
        other.execute(upload('c1')),
      ]);
      expect(results.map((r) => E.isRight(r) && r.right.alreadyApplied).sort()).toEqual([false, true, true]);
      expect(await store.readStream(portfolioStreamName('sch1', 's1'))).toHaveLength(1);
    },
  );

  it('refuses other content under the same command id from another process writing at the same moment', async () => {
    const { store, service } = await setUp();
    const other = createLichengService({ store });
    const [a, b] = await Promise.all([service.execute(upload('c1', 'first')), other.execute(upload('c1', 'second'))]);
    expect([codeOf(a), codeOf(b)].sort()).toEqual(['COMMAND_ID_REUSED', 'applied']);
  });

  it('caps what a refusal echoes of a huge type or MIME type', async () => {
    const { service } = await setUp();
    const hugeType = await service.execute({ ...upload('c1'), type: 'X'.repeat(10 * 1024 * 1024) });
    expect(JSON.stringify(E.isLeft(hugeType) && hugeType.left).length).toBeLessThan(4_000);
    const command = upload('c2');
    const hugeMime = await service.execute({
      ...command,
      data: { ...command.data, document: { ...command.data.document, mimeType: 'm'.repeat(10 * 1024 * 1024) } },
    });
    expect(E.isLeft(hugeMime) && hugeMime.left.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(JSON.stringify(E.isLeft(hugeMime) && hugeMime.left).length).toBeLessThan(4_000);
  });
});
