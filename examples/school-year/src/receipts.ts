import * as E from 'fp-ts/Either';
import { periodOf, type ReceiptCategory } from '@licheng/domain';
import type { LichengService, SealKey } from '@licheng/eventstore';
import { catchUpStatements, runDeadlines } from '@licheng/workflows';
import { ADMIN, CALENDAR, SCHOOL_ID, SUBMITTER, SYSTEM, type SchoolSetup } from './school';
import { plusMinutes, within, type Driver } from './driver';
import type { Random } from './random';

const CATEGORIES: ReadonlyArray<ReceiptCategory> = ['courseRecords', 'cadreRecords', 'courseOutcomes', 'performances'];
const TERM = '1112';

type Roster = { studentId: string; items: { itemId: string; title: string }[] }[];

/** What the school submits per category (R-SUB-3): selections, synced cadre records, and every course record. */
const rosterOf = async (service: LichengService, setup: SchoolSetup, category: ReceiptCategory): Promise<Roster> => {
  const roster: Roster = [];
  for (const student of setup.students) {
    const loaded = await service.loadPortfolio(SCHOOL_ID, student.studentId);
    if (E.isLeft(loaded)) continue;
    const p = loaded.right;
    const items =
      category === 'courseRecords'
        ? setup.courses.filter((c) => c.classId === student.classId && c.term === TERM).map((c) => ({ itemId: c.courseId, title: `${c.subject} ${c.credits} 學分` }))
        : category === 'cadreRecords'
          ? Object.values(p.performances).filter((x) => x.synced && x.semester === 2).map((x) => ({ itemId: x.performanceId, title: x.details.category === 'cadre' ? x.details.position : '幹部' }))
          : category === 'courseOutcomes'
            ? Object.values(p.outcomes).filter((o) => o.selected).map((o) => ({ itemId: o.outcomeId, title: `${o.subject}：${o.description}` }))
            : Object.values(p.performances).filter((x) => x.selected).map((x) => ({ itemId: x.performanceId, title: x.description || x.details.category }));
    if (items.length > 0) roster.push({ studentId: student.studentId, items });
  }
  return roster;
};

/** R-SUB-1 / R-SUB-2: submit; the central database rejects the first outcome roster, then accepts the fix. */
const submit = async (driver: Driver, service: LichengService, setup: SchoolSetup, category: ReceiptCategory, at: string, attempt: string, rejectFirst: boolean) => {
  const roster = await rosterOf(service, setup, category);
  if (roster.length === 0) return;
  const period = periodOf(category, TERM);
  const submitter = category === 'courseRecords' ? ADMIN : SUBMITTER;
  const send = (fid: string, minutes: number, result: 'accepted' | 'rejected') =>
    driver.send(plusMinutes(at, minutes), submitter, 'SubmitRoster', { schoolId: SCHOOL_ID, category, period, fid, roster }).then(() =>
      driver.send(plusMinutes(at, minutes + 5), SYSTEM, 'RecordSubmissionResult', {
        schoolId: SCHOOL_ID, category, period, fid, result,
        message: result === 'accepted' ? '檢核無誤，資料已匯入' : '資料檢核錯誤，請重新檢查名冊欄位',
      }));
  if (rejectFirst) await send(`${category}-${attempt}-1`, 0, 'rejected');
  await send(`${category}-${attempt}-2`, 30, 'accepted');
};

/**
 * Submission, receipt confirmation, the school's review, the re-check and the deadline runner, on the
 * calendar of seed 000 (R-SUB, R-REC, R-SEAL).
 */
export const runReceipts = async (driver: Driver, random: Random, setup: SchoolSetup, service: LichengService, sealKey?: SealKey) => {
  for (const category of CATEGORIES) await submit(driver, service, setup, category, '2023-04-13T17:30', 'a', category === 'courseOutcomes');
  await catchUpStatements(service);

  const [start, end] = CALENDAR.confirmation;
  const reported: { studentId: string; category: ReceiptCategory }[] = [];
  for (const [i, student] of setup.students.entries()) {
    const loaded = await service.loadPortfolio(SCHOOL_ID, student.studentId);
    if (E.isLeft(loaded)) continue;
    const actor = { id: student.studentId, role: 'student', schoolId: SCHOOL_ID } as const;
    for (const receipt of Object.values(loaded.right.receipts)) {
      const ref = { schoolId: SCHOOL_ID, studentId: student.studentId, category: receipt.category, period: receipt.period };
      const roll = random.int(1, 100);
      // Most answer in time, some report errors, some never answer, and a few try at 10:30 exactly.
      const when = roll > 97 ? end : within(start, end, (i + 0.5) / setup.students.length);
      if (roll <= 70 || roll > 97) await driver.send(when, actor, 'ConfirmReceipt', ref);
      else if (roll <= 80) {
        const result = await driver.send(when, actor, 'ReportReceiptError', { ...ref, problems: [{ kind: random.pick(['extra', 'missing', 'wrong']), reason: '與實際資料不符' }] });
        if (E.isRight(result)) reported.push({ studentId: student.studentId, category: receipt.category });
      }
    }
  }
  const atDeadline = await runDeadlines(service, SCHOOL_ID, `${end}+08:00` as never, sealKey ? { sealKey } : {});

  const corrected = new Set<ReceiptCategory>();
  for (const { studentId, category } of reported) {
    const finding = random.chance(0.5) ? 'corrected' : 'dataWasRight';
    if (finding === 'corrected') corrected.add(category);
    await driver.send('2023-04-18T15:00', SUBMITTER, 'RecordReceiptReview', { schoolId: SCHOOL_ID, studentId, category, period: periodOf(category, TERM), finding });
  }
  for (const category of corrected) await submit(driver, service, setup, category, '2023-04-19T10:00', 'b', false);
  await catchUpStatements(service);

  const [recheckStart, recheckEnd] = CALENDAR.recheck;
  for (const [i, { studentId, category }] of reported.entries()) {
    const roll = random.int(1, 100);
    if (roll > 80) continue;
    const ref = { schoolId: SCHOOL_ID, studentId, category, period: periodOf(category, TERM) };
    const when = within(recheckStart, recheckEnd, (i + 0.5) / reported.length);
    if (roll <= 60) await driver.send(when, { id: studentId, role: 'student', schoolId: SCHOOL_ID }, 'ConfirmReceipt', ref);
    else await driver.send(when, { id: studentId, role: 'student', schoolId: SCHOOL_ID }, 'ReportReceiptError', { ...ref, problems: [{ kind: 'wrong', reason: '修正後仍有誤' }] });
  }
  const afterRecheck = await runDeadlines(service, SCHOOL_ID, `${recheckEnd}+08:00` as never, sealKey ? { sealKey } : {});
  return {
    deemed: atDeadline.deemed + afterRecheck.deemed,
    sealed: atDeadline.sealed + afterRecheck.sealed,
    alreadyDone: atDeadline.alreadyDone + afterRecheck.alreadyDone,
    refused: [...atDeadline.refused, ...afterRecheck.refused],
  };
};
