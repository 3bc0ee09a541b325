import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import {
  foldEvents,
  portfolioDecider,
  portfolioStreamName,
  schoolStreamName,
  type PortfolioEvent,
} from '@licheng/domain';
import { schoolFixture } from '@licheng/domain/testing';
import { seedEvents } from './testing';
import { schoolAggregate } from './aggregates';
import { InMemoryEventStore } from './inMemoryStore';
import { createLichengService } from './service';

const { events: schoolEvents } = schoolFixture();
const pdf = (n: number) => ({
  name: `f${n}.pdf`,
  mimeType: 'application/pdf',
  sizeBytes: 1000 + n,
  sha256: 'b'.repeat(64),
  storageKey: `k${n}`,
});

/** Commands a student and teachers might send in school year 111, at instants inside and outside windows. */
const arbitraryCommand = fc.record({
  kind: fc.constantFrom('upload', 'send', 'certify', 'select', 'deselect', 'delete'),
  n: fc.integer({ min: 1, max: 8 }),
  now: fc.constantFrom(
    '2022-10-01T10:00',
    '2023-01-25T10:00',
    '2023-02-20T10:00',
    '2023-04-05T10:00',
    '2023-04-12T10:00',
    '2023-05-01T10:00',
  ),
  pass: fc.boolean(),
});

const toCommand = (c: { kind: string; n: number; now: string; pass: boolean }, i: number) => {
  const ref = { schoolId: 'sch1', studentId: 's1', outcomeId: `o${c.n}` };
  const course = c.n % 2 === 0 ? 'math-1111' : 'math-1112';
  const base = { commandId: `c${i}`, now: `${c.now}+08:00`, actor: { id: 's1', role: 'student', schoolId: 'sch1' } };
  switch (c.kind) {
    case 'upload':
      return {
        ...base,
        type: 'UploadCourseOutcome',
        data: { ...ref, courseId: course, description: '成果', document: pdf(c.n) },
      };
    case 'send':
      return { ...base, type: 'SendCourseOutcomeForCertification', data: ref };
    case 'certify':
      return {
        ...base,
        actor: { id: 't1', role: 'teacher', schoolId: 'sch1' },
        type: 'CertifyCourseOutcome',
        data: { ...ref, result: c.pass ? 'passed' : 'failed', reason: '說明' },
      };
    case 'select':
      return { ...base, type: 'SelectCourseOutcome', data: ref };
    case 'deselect':
      return { ...base, type: 'DeselectCourseOutcome', data: ref };
    default:
      return { ...base, type: 'DeleteCourseOutcome', data: ref };
  }
};

describe('replaying what the handler stored', () => {
  it('always yields the state folded from the events the handler decided', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryCommand, { maxLength: 40 }), async (commands) => {
        const store = new InMemoryEventStore();
        await seedEvents(store, schoolAggregate, schoolStreamName('sch1'), schoolEvents);
        const service = createLichengService({ store });
        const decided: PortfolioEvent[] = [];
        for (const [i, c] of commands.entries()) {
          const result = await service.execute(toCommand(c, i));
          if (E.isRight(result)) decided.push(...result.right.events.map((e) => e.event as PortfolioEvent));
        }
        const replayed = await service.loadPortfolio('sch1', 's1');
        const expected = foldEvents(portfolioDecider.evolve, portfolioDecider.initialState(), decided);
        expect(E.isRight(replayed) && replayed.right).toEqual(expected);
        const stored = await store.readStream(portfolioStreamName('sch1', 's1'));
        expect(stored).toHaveLength(decided.length);
      }),
      { numRuns: 60 },
    );
  });
});
