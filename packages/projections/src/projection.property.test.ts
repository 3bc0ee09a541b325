import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import {
  foldEvents,
  initialPortfolioState,
  portfolioDecider,
  portfolioStreamName,
  schoolStreamName,
  type PortfolioEvent,
} from '@licheng/domain';
import { InMemoryEventStore, portfolioAggregate, schoolAggregate, type EventStore } from '@licheng/eventstore';
import { pdf, portfolioEvent, schoolFixture, seedEvents } from '@licheng/testing';
import { decodeRecorded, type ProjectedEvent } from './envelope';
import { applyEvent, applyEvents } from './projection';
import { reportsProjection, type ReportsView } from './reportsView';
import { createProjectionRunner } from './runner';
import { inMemoryViewStore } from './viewStore';

const STUDENTS = ['s1', 's2', 's3'] as const;
const school = schoolFixture({ students: STUDENTS.map((id) => ({ id })) });

// Item ids are shared by every student on purpose: the same `o1` in two portfolios must stay two outcomes.
const outcomeId = fc.constantFrom('o1', 'o2', 'o3');
const performanceId = fc.constantFrom('p1', 'p2');
const receipt = fc.constantFrom(
  { category: 'courseRecords', period: '1112' },
  { category: 'performances', period: '1110' },
);
const stage = fc.constantFrom('first', 'recheck');

/** One portfolio event of any kind, as loose data for `portfolioEvent`, given the student it belongs to. */
const anyEvent: fc.Arbitrary<(studentId: string) => PortfolioEvent> = fc.oneof(
  fc
    .record({ id: outcomeId, course: fc.constantFrom('math-1111', 'math-1112', 'proj-1112'), withFile: fc.boolean() })
    .map(
      ({ id, course, withFile }) =>
        (studentId: string) =>
          portfolioEvent('CourseOutcomeUploaded', {
            studentId,
            outcomeId: id,
            courseId: course,
            term: course.slice(-4),
            subject: '數學',
            description: `${id}`,
            ...(withFile ? { document: pdf(`${studentId}-${id}.pdf`, 1_000) } : {}),
          }),
    ),
  outcomeId.map(
    (id) => () =>
      portfolioEvent('CourseOutcomeEdited', { outcomeId: id, description: '改', document: pdf(`${id}-v2.pdf`, 2_000) }),
  ),
  outcomeId.map((id) => () => portfolioEvent('CourseOutcomeDeleted', { outcomeId: id })),
  outcomeId.map((id) => () => portfolioEvent('CourseOutcomeSentForCertification', { outcomeId: id })),
  fc.record({ id: outcomeId, result: fc.constantFrom('passed', 'failed'), teacherId: fc.constantFrom('t1', 't4') }).map(
    ({ id, result, teacherId }) =>
      () =>
        portfolioEvent('CourseOutcomeCertified', {
          outcomeId: id,
          teacherId,
          result,
          ...(result === 'failed' ? { reason: '不完整' } : {}),
        }),
  ),
  fc.record({ id: outcomeId, on: fc.boolean() }).map(
    ({ id, on }) =>
      () =>
        portfolioEvent(on ? 'CourseOutcomeSelected' : 'CourseOutcomeDeselected', { outcomeId: id, schoolYear: 111 }),
  ),
  fc.record({ id: performanceId, semester: fc.constantFrom(0, 1, 2), schoolYear: fc.constantFrom(110, 111) }).map(
    ({ id, semester, schoolYear }) =>
      (studentId: string) =>
        portfolioEvent('PerformanceRecorded', {
          studentId,
          performanceId: id,
          schoolYear,
          semester,
          details: { category: 'creativeWork', name: '作品' },
          startDate: '2022-09-01',
          endDate: '2022-09-02',
          description: '作品',
        }),
  ),
  performanceId.map(
    (id) => (studentId: string) =>
      portfolioEvent('CadreRecordSynced', {
        studentId,
        performanceId: id,
        schoolYear: 111,
        semester: 2,
        unit: '班級',
        position: '班長',
        level: '班級',
        startDate: '2023-02-13',
        endDate: '2023-06-30',
      }),
  ),
  performanceId.map(
    (id) => () =>
      portfolioEvent('CadreProofAttached', {
        performanceId: id,
        description: '證明',
        media: { ...pdf('x'), name: 'x.mp4', mimeType: 'video/mp4' },
      }),
  ),
  performanceId.map((id) => () => portfolioEvent('PerformanceDeleted', { performanceId: id })),
  fc.record({ id: performanceId, on: fc.boolean() }).map(
    ({ id, on }) =>
      () =>
        portfolioEvent(on ? 'PerformanceSelected' : 'PerformanceDeselected', { performanceId: id, schoolYear: 111 }),
  ),
  fc.record({ r: receipt, fid: fc.constantFrom('57170', '57171') }).map(
    ({ r, fid }) =>
      (studentId: string) =>
        portfolioEvent('ReceiptStatementIssued', { studentId, ...r, fid, items: [{ itemId: 'p1', title: '資料' }] }),
  ),
  fc
    .record({
      r: receipt,
      stage,
      answer: fc.constantFrom('ReceiptConfirmed', 'ReceiptDeemedCorrect', 'ReceiptErrorReported'),
    })
    .map(
      ({ r, stage: s, answer }) =>
        () =>
          portfolioEvent(answer, {
            ...r,
            stage: s,
            ...(answer === 'ReceiptErrorReported' ? { problems: [{ kind: 'wrong', reason: '成績錯誤' }] } : {}),
          }),
    ),
  fc.record({ r: receipt, finding: fc.constantFrom('dataWasRight', 'corrected') }).map(
    ({ r, finding }) =>
      () =>
        portfolioEvent('ReceiptReviewRecorded', { ...r, finding, reviewerId: 'sub1' }),
  ),
);

const history = fc
  .array(fc.record({ student: fc.constantFrom(...STUDENTS), make: anyEvent }), { minLength: 1, maxLength: 40 })
  .map((ops) => ops.map(({ student, make }) => ({ studentId: student as string, event: make(student) })));

const append = async (
  store: EventStore,
  ops: ReadonlyArray<{ studentId: string; event: PortfolioEvent }>,
  from: number,
) => {
  for (const [i, { studentId, event }] of ops.entries()) {
    await seedEvents(store, portfolioAggregate, portfolioStreamName('sch1', studentId), [event], {
      commandId: `op-${from + i}`,
    });
  }
};

const decodedLog = async (store: EventStore): Promise<ProjectedEvent[]> =>
  (await store.readAll()).map((recorded) => {
    const decoded = decodeRecorded(recorded);
    if (E.isLeft(decoded)) throw new Error(decoded.left.message.en);
    return decoded.right;
  });

const viewOf = (result: E.Either<{ message: { en: string } }, { view: ReportsView }>): ReportsView => {
  if (E.isLeft(result)) throw new Error(result.left.message.en);
  return result.right.view;
};

describe('the reports projection over random portfolio histories (property)', () => {
  it(
    'folds one event at a time, in one batch, by rebuild and by catch-up in two steps to the same view: each ' +
      "student's own portfolio",
    async () => {
      await fc.assert(
        fc.asyncProperty(history, fc.nat(), async (ops, cut) => {
          const store = new InMemoryEventStore();
          await seedEvents(store, schoolAggregate, schoolStreamName('sch1'), school.events);
          const split = cut % (ops.length + 1);
          const stepwise = createProjectionRunner(store, reportsProjection, inMemoryViewStore());
          await append(store, ops.slice(0, split), 0);
          viewOf(await stepwise.catchUp());
          await append(store, ops.slice(split), split);
          const caughtUp = viewOf(await stepwise.catchUp());

          const events = await decodedLog(store);
          const oneByOne = events.reduce(
            (view, event) => applyEvent(reportsProjection, view, event),
            reportsProjection.initialView,
          );
          const batch = applyEvents(reportsProjection, reportsProjection.initialView, events);
          const rebuilt = viewOf(await createProjectionRunner(store, reportsProjection, inMemoryViewStore()).rebuild());

          expect(oneByOne).toEqual(batch);
          expect(rebuilt).toEqual(batch);
          expect(caughtUp).toEqual(batch);

          // The oracle: what the domain's decider sees when it loads each stream on its own.
          const expected: Record<string, unknown> = {};
          for (const studentId of new Set(ops.map((op) => op.studentId))) {
            const own = ops.filter((op) => op.studentId === studentId).map((op) => op.event);
            expected[studentId] = foldEvents(portfolioDecider.evolve, initialPortfolioState, own);
          }
          expect(batch).toEqual({ schools: { sch1: { policy: school.policy, portfolios: expected } } });
        }),
        { numRuns: 60 },
      );
    },
  );
});
