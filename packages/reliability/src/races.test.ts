import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { portfolioStreamName, schoolStreamName, taipeiInstant, type DomainError } from '@licheng/domain';
import {
  createCachingLoader,
  createLichengService,
  InMemoryEventStore,
  schoolAggregate,
  type ExecuteResult,
  type LichengService,
} from '@licheng/eventstore';
import { schoolFixture, seedEvents } from '@licheng/testing';
import { catchUpStatements, runDeadlines, type DeadlineReport } from '@licheng/workflows';
import { prng, rightOf, SCHOOL_ID, taipei } from './support/harness';
import { JitterStore } from './support/stores';

/**
 * R-REC-2 / R-REC-5 / R-AUTH-4 under contention: 50 students answer their cadre-record receipt in the last
 * minute of the window (10:29) or at the deadline minute itself (10:30, too late), while one or two deadline
 * runners run at 10:30. Every call goes through a store that yields to the event loop at random before
 * each read and write, and each student starts after a random delay, so the runner and the students
 * interleave differently on every run and meet on the same streams (conflict, retry).
 *
 * Whoever wins, every student ends with exactly one final answer at stage first — ReceiptConfirmed,
 * ReceiptErrorReported or ReceiptDeemedCorrect — and it is the winner's: a student whose answer was
 * accepted has it as the final one; a student refused has been deemed correct.
 */

const STUDENTS = Array.from({ length: 50 }, (_, i) => `s${String(i + 1).padStart(2, '0')}`);
const REF = { category: 'cadreRecords', period: '1112' } as const;
const FINALS = new Set(['ReceiptConfirmed', 'ReceiptErrorReported', 'ReceiptDeemedCorrect']);
const RUNS = Number(process.env['RELIABILITY_RACE_RUNS'] ?? 30);

type Behaviour = 'confirm' | 'report' | 'late' | 'silent';
const EXPECTED_EVENT: Readonly<Record<Exclude<Behaviour, 'silent' | 'late'>, string>> = {
  confirm: 'ReceiptConfirmed',
  report: 'ReceiptErrorReported',
};

const system = { id: 'system', role: 'system' };
const submitter = { id: 'sub1', role: 'submitter', schoolId: SCHOOL_ID };
let commandCount = 0;
const send = (service: LichengService, now: string, actor: object, type: string, data: object) =>
  service.execute({
    commandId: `race-${++commandCount}`,
    now: taipei(now),
    actor,
    type,
    data: { schoolId: SCHOOL_ID, ...data },
  });

/** The school of seed 000: cadre records of 1112 submitted and accepted for all 50 students, statements issued. */
const acceptedSchool = async () => {
  const store = new InMemoryEventStore();
  await seedEvents(
    store,
    schoolAggregate,
    schoolStreamName(SCHOOL_ID),
    schoolFixture({ schoolId: SCHOOL_ID, students: STUDENTS.map((id) => ({ id })) }).events,
  );
  const service = createLichengService({ store, load: createCachingLoader(store) });
  const roster = STUDENTS.map((studentId) => ({
    studentId,
    items: [{ itemId: `cr-${studentId}`, title: '班級幹部 副衛生股長' }],
  }));
  rightOf(await send(service, '2023-04-13T19:00', submitter, 'SubmitRoster', { ...REF, fid: '57170', roster }));
  rightOf(
    await send(service, '2023-04-13T19:05', system, 'RecordSubmissionResult', {
      ...REF,
      fid: '57170',
      result: 'accepted',
      message: '檢核無誤，資料已匯入',
    }),
  );
  const issued = await catchUpStatements(service);
  expect(issued).toMatchObject({ issued: STUDENTS.length, refused: [] });
  return store;
};

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the deadline runner racing 50 students at the deadline minute (R-REC-2, R-REC-5, R-AUTH-4)', () => {
  it(`leaves every (student, category) exactly one final answer, whoever wins (${RUNS} runs)`, async () => {
    let studentsWon = 0;
    let runnerWon = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<Behaviour>('confirm', 'confirm', 'report', 'late', 'silent'), {
          minLength: STUDENTS.length,
          maxLength: STUDENTS.length,
        }),
        fc.array(fc.nat({ max: 120 }), { minLength: STUDENTS.length, maxLength: STUDENTS.length }),
        fc.integer({ min: 1, max: 2 }),
        fc.integer(),
        async (behaviours, delays, runners, seed) => {
          const inner = await acceptedSchool();
          // The state cache spares re-reading the 160-event school stream on every command; it still reads
          // every stream's newer events on each load, so it can never serve a stale state (stateCache.ts).
          const jittery = new JitterStore(inner, prng(seed));
          const service = createLichengService({ store: jittery, load: createCachingLoader(jittery) });

          const answers = behaviours.map(async (behaviour, i): Promise<E.Either<DomainError, ExecuteResult> | null> => {
            if (behaviour === 'silent') return null;
            for (let t = 0; t < delays[i]!; t++) await tick();
            const studentId = STUDENTS[i]!;
            const type = behaviour === 'report' ? 'ReportReceiptError' : 'ConfirmReceipt';
            const extra = behaviour === 'report' ? { problems: [{ kind: 'wrong', reason: '職稱錯誤' }] } : {};
            return send(
              service,
              behaviour === 'late' ? '2023-04-18T10:30' : '2023-04-18T10:29',
              { id: studentId, role: 'student', schoolId: SCHOOL_ID },
              type,
              { studentId, ...REF, ...extra },
            );
          });
          const deadlines = Array.from({ length: runners }, () =>
            runDeadlines(service, SCHOOL_ID, taipeiInstant('2023-04-18T10:30')),
          );
          const results = await Promise.all(answers);
          const reports: DeadlineReport[] = await Promise.all(deadlines);

          for (const report of reports) expect(report.refused).toEqual([]);
          for (const [i, studentId] of STUDENTS.entries()) {
            const finals = (await inner.readStream(portfolioStreamName(SCHOOL_ID, studentId))).filter((e) =>
              FINALS.has(e.type),
            );
            expect({ studentId, finals: finals.length }).toEqual({ studentId, finals: 1 });
            const final = finals[0]!;
            expect(final.data).toMatchObject({ ...REF, stage: 'first' });
            const behaviour = behaviours[i]!;
            const result = results[i];
            if (behaviour === 'silent' || behaviour === 'late') {
              expect({ studentId, final: final.type }).toEqual({ studentId, final: 'ReceiptDeemedCorrect' });
              if (result)
                expect({ studentId, refused: E.isLeft(result) && result.left.code }).toEqual({
                  studentId,
                  refused: expect.stringMatching(
                    /^(OUTSIDE_WORK_PERIOD|RECEIPT_ALREADY_ANSWERED|TIME_RUNS_BACKWARDS)$/,
                  ),
                });
            } else if (result && E.isRight(result)) {
              studentsWon++;
              expect({ studentId, final: final.type, appended: result.right.events.map((e) => e.event.type) }).toEqual({
                studentId,
                final: EXPECTED_EVENT[behaviour],
                appended: [EXPECTED_EVENT[behaviour]],
              });
            } else {
              // The runner got there first: the answer, though inside the window, arrived after the deadline effect.
              // It is refused as answered, or, when dated a minute before the effect, as back-dated (R-TIME-4).
              runnerWon++;
              expect({ studentId, refused: result && E.isLeft(result) && result.left.code, final: final.type }).toEqual(
                {
                  studentId,
                  refused: expect.stringMatching(/^(RECEIPT_ALREADY_ANSWERED|TIME_RUNS_BACKWARDS)$/),
                  final: 'ReceiptDeemedCorrect',
                },
              );
            }
          }

          // Running again changes nothing (R-AUTH-4: each effect once).
          const before = inner.eventCount;
          const again = await runDeadlines(service, SCHOOL_ID, taipeiInstant('2023-04-18T10:31'));
          expect({ deemed: again.deemed, sealed: again.sealed, refused: again.refused }).toEqual({
            deemed: 0,
            sealed: 0,
            refused: [],
          });
          expect(inner.eventCount).toBe(before);
        },
      ),
      { numRuns: RUNS },
    );
    // Both orders happened: students who answered in time won some races and lost others.
    expect(studentsWon).toBeGreaterThan(0);
    expect(runnerWon).toBeGreaterThan(0);
  });
});
