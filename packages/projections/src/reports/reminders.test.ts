import * as E from 'fp-ts/Either';
import type { PortfolioEvent } from '@licheng/domain';
import { pdf, portfolioEvent, schoolEvent } from '@licheng/testing';
import { readRemindersDue } from '../readers/reads';
import { rebuildView, readersSchool, storeOf } from '../testing/readers';
import { remindersDue, type Reminder } from './reminders';

/**
 * R-NOTE-1 on seed 003's defaults (13:00; 3 days) and the fixture's periods: 1112 upload closes 2023-03-31 17:00,
 * selection 2023-04-11 08:00 – 04-13 17:00, confirmation 2023-04-14 08:00 – 04-18 10:30.
 * s1: a math outcome waiting for t1, a passed one of 1111 not selected. s2: a draft of 1112 never sent.
 * s3: a course-records statement not answered; s1's answered.
 */
const upload = (studentId: string, outcomeId: string, term: string): PortfolioEvent =>
  portfolioEvent('CourseOutcomeUploaded', {
    studentId,
    outcomeId,
    courseId: `math-${term}`,
    term,
    subject: '數學',
    description: '成果',
    document: pdf(),
  });
const statement = (studentId: string): PortfolioEvent =>
  portfolioEvent('ReceiptStatementIssued', {
    studentId,
    category: 'courseRecords',
    period: '1112',
    fid: 'F1',
    items: [{ itemId: 'math-1112', title: '數學 4學分' }],
  });
const HISTORY: Record<string, PortfolioEvent[]> = {
  s1: [
    upload('s1', 'o1', '1112'),
    portfolioEvent('CourseOutcomeSentForCertification', { outcomeId: 'o1' }),
    upload('s1', 'o3', '1111'),
    portfolioEvent('CourseOutcomeSentForCertification', { outcomeId: 'o3' }),
    portfolioEvent('CourseOutcomeCertified', { outcomeId: 'o3', teacherId: 't1', result: 'passed' }),
    statement('s1'),
    portfolioEvent('ReceiptConfirmed', { category: 'courseRecords', period: '1112', stage: 'first' }),
  ],
  s2: [upload('s2', 'o2', '1112')],
  s3: [statement('s3')],
};

const dueAt = async (at: string, extra: Parameters<typeof readersSchool>[0] = []) => {
  const view = await rebuildView(await storeOf(readersSchool(extra), HISTORY));
  const due = remindersDue(view, { schoolId: 'sch1', at: `${at}+08:00` });
  if (E.isLeft(due)) throw new Error(due.left.message.en);
  return due.right.reminders;
};
const kinds = (reminders: ReadonlyArray<Reminder>) =>
  reminders.map((r) => `${r.kind} ${r.kind === 'certifyOutcomes' ? r.teacherId : r.studentId}`);

describe('who is due which reminder (R-NOTE-1, seed 003 3.2.3–3.2.6)', () => {
  it('tells each teacher with outcomes waiting at 13:00 every day, and not in any other hour', async () => {
    expect(await dueAt('2023-03-20T13:40')).toEqual([
      { kind: 'certifyOutcomes', teacherId: 't1', teacherName: '王建民', outcomeIds: ['o1'] },
    ]);
    expect(kinds(await dueAt('2023-03-20T12:59'))).toEqual([]);
    expect(kinds(await dueAt('2023-03-20T14:00'))).toEqual([]);
  });

  it('follows the hour the school set, and sends none when it blanked it', async () => {
    const at8 = [
      schoolEvent('ParameterSet', { parameter: 'teacherReminderHour', value: 8, effectiveFromSchoolYear: 111 }),
    ];
    expect(kinds(await dueAt('2023-03-20T08:00', at8))).toEqual(['certifyOutcomes t1']);
    expect(kinds(await dueAt('2023-03-20T13:00', at8))).toEqual([]);
    const none = [
      schoolEvent('ParameterSet', { parameter: 'teacherReminderHour', value: null, effectiveFromSchoolYear: 111 }),
    ];
    expect(kinds(await dueAt('2023-03-20T13:00', none))).toEqual([]);
  });

  it(
    'tells a student with outcomes not sent 3 days before the upload period closes, the last moment to ' + 'send them',
    async () => {
      expect(await dueAt('2023-03-28T17:05')).toEqual([
        { kind: 'sendOutcomes', studentId: 's2', term: '1112', closesAt: '2023-03-31T17:00+08:00', outcomeIds: ['o2'] },
      ]);
      expect(kinds(await dueAt('2023-03-27T17:05'))).toEqual([]);
      const fiveDays = [
        schoolEvent('ParameterSet', { parameter: 'certificationReminderDays', value: 5, effectiveFromSchoolYear: 111 }),
      ];
      expect(kinds(await dueAt('2023-03-26T17:05', fiveDays))).toEqual(['sendOutcomes s2']);
    },
  );

  it(
    'tells a student below the cap with outcomes left to select before the selection closes, at its opening when it ' +
      'is shorter than 3 days',
    async () => {
      expect(kinds(await dueAt('2023-04-11T08:30'))).toEqual(['selectOutcomes s1']);
      expect(kinds(await dueAt('2023-04-10T17:00'))).toEqual([]);
    },
  );

  it(
    'tells a student whose receipt statement is unanswered when confirmation opens and a day before it ' + 'closes',
    async () => {
      expect(kinds(await dueAt('2023-04-14T08:00'))).toEqual(['answerReceipt s3']);
      expect(kinds(await dueAt('2023-04-17T10:30'))).toEqual(['answerReceipt s3']);
      expect(kinds(await dueAt('2023-04-15T10:30'))).toEqual([]);
    },
  );

  it(
    'is read whole by the platform and the administrator, by a teacher or student for themselves only, by no one ' +
      'else (R-AUTH-4)',
    async () => {
      const view = await rebuildView(await storeOf(readersSchool(), HISTORY));
      const read = (reader: Parameters<typeof readRemindersDue>[1]) => {
        const due = readRemindersDue(view, reader, { schoolId: 'sch1', at: '2023-04-14T13:00+08:00' });
        return E.isRight(due) ? kinds(due.right.reminders) : due.left.code;
      };
      expect(read({ id: 'system', role: 'system' })).toEqual(['certifyOutcomes t1']);
      expect(read({ id: 'admin', role: 'admin', schoolId: 'sch1' })).toEqual(['certifyOutcomes t1']);
      expect(read({ id: 't1', role: 'teacher', schoolId: 'sch1' })).toEqual(['certifyOutcomes t1']);
      expect(read({ id: 't2', role: 'teacher', schoolId: 'sch1' })).toEqual([]);
      expect(read({ id: 'p1', role: 'parent', schoolId: 'sch1' })).toBe('READ_NOT_ALLOWED');
      expect(read({ id: 'taipei-doe', role: 'city' })).toBe('READ_NOT_ALLOWED');
    },
  );
});

describe('the instant a caller asks reminders for (R-TIME-2, issue 16)', () => {
  it.each<[string, unknown]>([
    ['a day without a time', '2023-04-14'],
    ['another time zone', '2023-04-14T13:00Z'],
    ['seconds', '2023-04-14T13:00:00+08:00'],
    ['a date that does not exist', '2023-02-30T13:00+08:00'],
    ['a word', 'tomorrow'],
    ['a number', 1681448400000],
    ['nothing', undefined],
  ])(
    'refuses %s as INVALID_INPUT naming `at`, from the reader and the auditor alike, without throwing',
    async (_what, at) => {
      const view = await rebuildView(await storeOf(readersSchool(), HISTORY));
      const query = { schoolId: 'sch1', at } as unknown as { schoolId: string; at: string };
      for (const answer of [
        remindersDue(view, query),
        readRemindersDue(view, { id: 'system', role: 'system' }, query),
      ]) {
        expect(E.isLeft(answer) && answer.left).toMatchObject({ code: 'INVALID_INPUT', details: { paths: ['at'] } });
        if (E.isLeft(answer)) expect(answer.left.message['zh-TW']).toContain('at');
      }
    },
  );
});
