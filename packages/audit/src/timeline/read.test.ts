import { homeroomTeacherOf } from '@licheng/domain';
import type { Reader, ReportsView } from '@licheng/projections';
import * as E from 'fp-ts/Either';
import { reportsViewAsOf } from '../asOf';
import { decodedLines, linesOf, simulatedYear } from '../testing/histories';
import { readStudentTimeline } from './read';
import { studentTimeline } from './timeline';

/** The timeline as a person reads it (R-AUTH-1, R-AUTH-2, R-AUTH-6): the reader checked first, one school only. */
let events: ReturnType<typeof decodedLines>;
let view: ReportsView;
let schoolId: string;
beforeAll(async () => {
  events = decodedLines(linesOf((await simulatedYear(4)).records));
  const built = reportsViewAsOf(events);
  if (E.isLeft(built)) throw new Error(built.left.message.en);
  view = built.right;
  schoolId = Object.keys(view.schools)[0]!;
});

const codeOf = <A>(result: E.Either<{ code: string; rule: string | null }, A>) =>
  E.isLeft(result) ? { code: result.left.code, rule: result.left.rule } : 'answered';

describe("reading a student's timeline (R-AUTH-1, R-AUTH-2)", () => {
  it(
    'gives the student and their homeroom teacher the same timeline the auditor sees of that school (R-AUTH-1, ' +
      'R-AUTH-2)',
    () => {
      const query = { schoolId, studentId: '1090001' };
      const audited = studentTimeline(events, query, 'en');
      const homeroom = homeroomTeacherOf(view.schools[schoolId]!.policy, '1090001', 111)!;
      expect(readStudentTimeline(view, events, { id: '1090001', role: 'student', schoolId }, query, 'en')).toEqual(
        audited,
      );
      expect(readStudentTimeline(view, events, { id: homeroom, role: 'teacher', schoolId }, query, 'en')).toEqual(
        audited,
      );
      expect(E.isRight(audited) && audited.right.length).toBeGreaterThan(0);
    },
  );

  it.each<[string, Reader, { code: string; rule: string }]>([
    [
      'a student of another school',
      { id: '1090002', role: 'student', schoolId: 'x' },
      { code: 'ACTOR_NOT_OF_SCHOOL', rule: 'R-AUTH-1' },
    ],
    [
      'a parent account carrying no school',
      { id: 'p9', role: 'parent' },
      { code: 'ACTOR_NOT_OF_SCHOOL', rule: 'R-AUTH-1' },
    ],
    [
      'a teacher of another school',
      { id: 't1', role: 'teacher', schoolId: 'sch-other' },
      { code: 'ACTOR_NOT_OF_SCHOOL', rule: 'R-AUTH-3' },
    ],
  ])('refuses %s before reading anything (ACTOR_NOT_OF_SCHOOL)', (_who, reader, refusal) => {
    expect(codeOf(readStudentTimeline(view, events, reader, { schoolId, studentId: '1090001' }, 'en'))).toEqual(
      refusal,
    );
  });

  it('refuses a classmate and an unlinked parent of the same school (NOT_OWN_PORTFOLIO, PARENT_NOT_LINKED)', () => {
    const query = { schoolId, studentId: '1090001' };
    expect(
      codeOf(readStudentTimeline(view, events, { id: '1090002', role: 'student', schoolId }, query, 'en')),
    ).toEqual({ code: 'NOT_OWN_PORTFOLIO', rule: 'R-AUTH-1' });
    expect(codeOf(readStudentTimeline(view, events, { id: 'p9', role: 'parent', schoolId }, query, 'en'))).toEqual({
      code: 'PARENT_NOT_LINKED',
      rule: 'R-AUTH-6',
    });
  });
});
