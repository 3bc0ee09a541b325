import * as E from 'fp-ts/Either';
import { periodOf, type ReceiptCategory } from '@licheng/domain';
import type { LichengService, SealKey } from '@licheng/eventstore';
import { catchUpStatements, runDeadlines, type DeadlineReport } from '@licheng/workflows';
import { ADMIN, SCHOOL_ID, SUBMITTER, SYSTEM, type Round, type SchoolSetup, type Student } from './school';
import { plusMinutes, within, type Driver } from './driver';
import type { Random } from './random';
import { itemsOf, type Item } from './statementItems';

const CATEGORIES: ReadonlyArray<ReceiptCategory> = ['courseRecords', 'cadreRecords', 'courseOutcomes', 'performances'];

type Roster = { studentId: string; items: Item[] }[];

const rosterOf = async (
  service: LichengService,
  setup: SchoolSetup,
  students: ReadonlyArray<Student>,
  category: ReceiptCategory,
  random: Random,
): Promise<Roster> => {
  const roster: Roster = [];
  for (const student of students) {
    const loaded = await service.loadPortfolio(SCHOOL_ID, student.studentId);
    if (E.isLeft(loaded)) continue;
    const items = itemsOf(setup, student, loaded.right, category, random);
    if (items.length > 0) roster.push({ studentId: student.studentId, items });
  }
  return roster;
};

/**
 * R-SUB-1 / R-SUB-2: submit a round's roster; the central database rejects the first outcome roster, then accepts the
 * fix.
 */
const submit = async (
  driver: Driver,
  term: string,
  round: Round,
  category: ReceiptCategory,
  roster: Roster,
  at: string,
  attempt: string,
  rejectFirst: boolean,
) => {
  if (roster.length === 0) return;
  const period = periodOf(category, term);
  const submitter = category === 'courseRecords' ? ADMIN : SUBMITTER;
  const ref = { schoolId: SCHOOL_ID, category, period, cohorts: round.cohorts };
  const send = (fid: string, minutes: number, result: 'accepted' | 'rejected') =>
    driver.send(plusMinutes(at, minutes), submitter, 'SubmitRoster', { ...ref, fid, roster }).then(() =>
      driver.send(plusMinutes(at, minutes + 5), SYSTEM, 'RecordSubmissionResult', {
        ...ref,
        fid,
        result,
        message: result === 'accepted' ? '檢核無誤，資料已匯入' : '資料檢核錯誤，請重新檢查名冊欄位',
      }),
    );
  const tag = `${category}-${round.cohorts.join('.')}-${attempt}`;
  if (rejectFirst) await send(`${tag}-1`, 0, 'rejected');
  await send(`${tag}-2`, 30, 'accepted');
};

const sum = (a: DeadlineReport, b: DeadlineReport): DeadlineReport => ({
  deemed: a.deemed + b.deemed,
  sealed: a.sealed + b.sealed,
  alreadyDone: a.alreadyDone + b.alreadyDone,
  refused: [...a.refused, ...b.refused],
});

/**
 * One round (R-ROUND-1): submission, receipt confirmation, the school's review, the corrected resubmission
 * of those who reported (R-SEAL-3: no one else), the re-check and the deadline runner, on the round's calendar.
 */
export const runRound = async (
  driver: Driver,
  random: Random,
  setup: SchoolSetup,
  service: LichengService,
  round: Round,
  sealKey?: SealKey,
): Promise<DeadlineReport> => {
  const term = setup.calendar.term2;
  const students = setup.students.filter((s) => round.cohorts.includes(s.entrySchoolYear));
  const [submissionStart] = round.submission;
  for (const category of CATEGORIES) {
    await submit(
      driver,
      term,
      round,
      category,
      await rosterOf(service, setup, students, category, random),
      plusMinutes(submissionStart, 30),
      'a',
      category === 'courseOutcomes',
    );
  }
  await catchUpStatements(service);

  const [start, end] = round.confirmation;
  const reported: { student: Student; category: ReceiptCategory }[] = [];
  for (const [i, student] of students.entries()) {
    const loaded = await service.loadPortfolio(SCHOOL_ID, student.studentId);
    if (E.isLeft(loaded)) continue;
    const actor = { id: student.studentId, role: 'student', schoolId: SCHOOL_ID } as const;
    // R-ROUND-1: this round's statements; those of earlier years were answered then.
    const periods = [term, setup.calendar.wholeYear];
    for (const receipt of Object.values(loaded.right.receipts).filter((r) => periods.includes(r.period))) {
      const ref = {
        schoolId: SCHOOL_ID,
        studentId: student.studentId,
        category: receipt.category,
        period: receipt.period,
      };
      const roll = random.int(1, 100);
      // Most answer in time, some report errors, some never answer, and a few try at the deadline exactly.
      const when = roll > 97 ? end : within(start, end, (i + 0.5) / students.length);
      if (roll <= 70 || roll > 97) await driver.send(when, actor, 'ConfirmReceipt', ref);
      else if (roll <= 80) {
        const result = await driver.send(when, actor, 'ReportReceiptError', {
          ...ref,
          problems: [{ kind: random.pick(['extra', 'missing', 'wrong']), reason: '與實際資料不符' }],
        });
        if (E.isRight(result)) reported.push({ student, category: receipt.category });
      }
    }
  }
  const atDeadline = await runDeadlines(service, SCHOOL_ID, `${end}+08:00` as never, sealKey ? { sealKey } : {});

  // R-REC-4: the school reviews each report the next day and resubmits the corrected students only (R-SEAL-3).
  const reviewAt = plusMinutes(end, 5 * 60);
  const corrected = new Map<ReceiptCategory, Student[]>();
  for (const { student, category } of reported) {
    const finding = random.chance(0.5) ? 'corrected' : 'dataWasRight';
    if (finding === 'corrected') corrected.set(category, [...(corrected.get(category) ?? []), student]);
    await driver.send(reviewAt, SUBMITTER, 'RecordReceiptReview', {
      schoolId: SCHOOL_ID,
      studentId: student.studentId,
      category,
      period: periodOf(category, term),
      finding,
    });
  }
  for (const [category, fixed] of corrected)
    await submit(
      driver,
      term,
      round,
      category,
      await rosterOf(service, setup, fixed, category, random),
      plusMinutes(reviewAt, 60),
      'b',
      false,
    );
  await catchUpStatements(service);

  const [recheckStart, recheckEnd] = round.recheck;
  for (const [i, { student, category }] of reported.entries()) {
    const roll = random.int(1, 100);
    if (roll > 80) continue;
    const ref = { schoolId: SCHOOL_ID, studentId: student.studentId, category, period: periodOf(category, term) };
    const when = within(recheckStart, recheckEnd, (i + 0.5) / reported.length);
    if (roll <= 60)
      await driver.send(when, { id: student.studentId, role: 'student', schoolId: SCHOOL_ID }, 'ConfirmReceipt', ref);
    else
      await driver.send(when, { id: student.studentId, role: 'student', schoolId: SCHOOL_ID }, 'ReportReceiptError', {
        ...ref,
        problems: [{ kind: 'wrong', reason: '修正後仍有誤' }],
      });
  }
  return sum(
    atDeadline,
    await runDeadlines(service, SCHOOL_ID, `${recheckEnd}+08:00` as never, sealKey ? { sealKey } : {}),
  );
};
