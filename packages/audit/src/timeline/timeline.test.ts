import { EVENT_RULES } from '@licheng/domain';
import * as E from 'fp-ts/Either';
import { decodeLog } from '../log';
import { linesOf, logOf, simulatedYear } from '../testing/histories';
import { renderTimeline, studentTimeline } from './timeline';

/** A student's history in zh-TW or en: when, who (role), what, under which rules (docs/events.md). */
let events: ReturnType<typeof decodeOrThrow>;
const decodeOrThrow = (lines: string[]) => {
  const decoded = decodeLog(logOf(lines));
  if (E.isLeft(decoded)) throw new Error(decoded.left.error.message.en);
  return decoded.right;
};
beforeAll(async () => {
  events = decodeOrThrow(linesOf((await simulatedYear(4)).records));
});

const timeline = (lang: 'zh-TW' | 'en', studentId = '1090001') => {
  const result = studentTimeline(events, { studentId }, lang);
  if (E.isLeft(result)) throw new Error(result.left.message.en);
  return result.right;
};

describe('a student’s timeline', () => {
  it('holds the student’s portfolio, enrolment, rosters and the seals of their school, in log order', () => {
    const entries = timeline('en');
    const types = new Set(entries.map((e) => e.type));
    for (const type of [
      'StudentEnrolled',
      'StudentPlaced',
      'CourseOutcomeUploaded',
      'RosterSubmitted',
      'SubmissionAccepted',
      'ReceiptStatementIssued',
      'PeriodSealed',
    ])
      expect(types).toContain(type);
    expect(entries.map((e) => e.position)).toEqual([...entries.map((e) => e.position)].sort((a, b) => a - b));
    expect(entries.every((e) => e.rules === EVENT_RULES[e.type as keyof typeof EVENT_RULES])).toBe(true);
  });

  it('says each thing in Traditional Chinese or in English, with who did it and the rules behind it', () => {
    const zh = renderTimeline(timeline('zh-TW'), 'zh-TW');
    const en = renderTimeline(timeline('en'), 'en');
    expect(zh).toMatch(/^2022-08-01 09:00 {2}系統 system {2}學生 .+（學號 1090001）入學/m);
    expect(en).toMatch(/^2022-08-01 09:00 {2}system system {2}enrolled .+ \(student number 1090001\)/m);
    expect(zh).toMatch(/學生 1090001 {2}上傳 111[12] .+ 課程學習成果 .+ \[R-OUT-1/m);
    expect(en).toContain('[R-SEAL-1, R-SEAL-2, R-AUTH-4, R-ROUND-1, R-ROUND-2]');
  });

  it('refuses a student the log does not hold', () => {
    const result = studentTimeline(events, { studentId: 'nobody' }, 'en');
    expect(E.isLeft(result) && result.left.code).toBe('STUDENT_NOT_FOUND');
  });
});
