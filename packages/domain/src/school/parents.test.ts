import * as E from 'fp-ts/Either';
import {
  isLinkedParent,
  linkedStudentsOf,
  SCHOOL_COMMAND_DATA,
  schoolDecider,
  type Actor,
  type SchoolContext,
} from '@licheng/domain';
import { decodeWith } from '@licheng/domain/internal';
import { at, schoolCommand, schoolEvent, schoolFixture, specify } from '../testing';

/**
 * R-AUTH-6 (seed 002): the school links a parent account (親子帳號) to one or more of its students, and
 * may remove the link; through it the parent reads, and never writes (the portfolio decider refuses a
 * parent every command, portfolio/access.test.ts).
 */

const actor = (id: string, role: Actor['role']): Actor => ({ id, role, schoolId: 'sch1' }) as unknown as Actor;
const ctx = (who: Actor = actor('admin', 'admin')): SchoolContext => ({ now: at('2022-09-01T09:00'), actor: who });

const { events: fixture } = schoolFixture({ students: [{ id: 's1' }, { id: 's2' }, { id: 's3' }] });
const given = specify(schoolDecider);
const link = (parentId: string, ...studentIds: string[]) =>
  schoolCommand('LinkParentAccount', { parentId, studentIds });
const unlink = (parentId: string, ...studentIds: string[]) =>
  schoolCommand('UnlinkParentAccount', { parentId, studentIds });
const linked = (parentId: string, ...studentIds: string[]) =>
  schoolEvent('ParentAccountLinked', { parentId, studentIds });
const unlinked = (parentId: string, ...studentIds: string[]) =>
  schoolEvent('ParentAccountUnlinked', { parentId, studentIds });

describe('linking a parent account to students (R-AUTH-6)', () => {
  it('lets the administrator link a parent account to two of the school’s students (R-AUTH-6)', () => {
    const { state } = given(...fixture)
      .when(link('p1', 's1', 's2'), ctx())
      .thenSucceeds();
    expect(linkedStudentsOf(state, 'p1')).toEqual(['s1', 's2']);
    expect(isLinkedParent(state, 'p1', 's3')).toBe(false);
    given(...fixture)
      .when(link('p1', 's1', 's2'), ctx())
      .then(linked('p1', 's1', 's2'));
  });

  it('refuses a link to a student the school does not have (UNKNOWN_REFERENCE, R-AUTH-6)', () => {
    const error = given(...fixture)
      .when(link('p1', 's1', 's9'), ctx())
      .thenError('UNKNOWN_REFERENCE', 'R-AUTH-6');
    expect(error.details).toMatchObject({ kind: 'student', id: 's9' });
  });

  it('refuses linking a student twice to the same parent (PARENT_ALREADY_LINKED, R-AUTH-6)', () => {
    given(...fixture, linked('p1', 's1'))
      .when(link('p1', 's2', 's1'), ctx())
      .thenError('PARENT_ALREADY_LINKED', 'R-AUTH-6');
  });

  it('refuses an empty or repeated list of students at the boundary (R-AUTH-6)', () => {
    expect(
      E.isLeft(
        decodeWith(
          SCHOOL_COMMAND_DATA.LinkParentAccount,
          'LinkParentAccount',
        )({ schoolId: 'sch1', parentId: 'p1', studentIds: [] }),
      ),
    ).toBe(true);
    expect(
      E.isLeft(
        decodeWith(
          SCHOOL_COMMAND_DATA.LinkParentAccount,
          'LinkParentAccount',
        )({ schoolId: 'sch1', parentId: 'p1', studentIds: ['s1', 's1'] }),
      ),
    ).toBe(true);
  });

  it.each([
    ['a parent', actor('p1', 'parent')],
    ['a student', actor('s1', 'student')],
    ['a teacher', actor('t-home', 'teacher')],
    ['a submitter', actor('sub1', 'submitter')],
    ['the system', { id: 'system', role: 'system' } as Actor],
  ])('refuses %s linking a parent account: the school links (NOT_SCHOOL_ADMINISTRATOR, R-AUTH-3)', (_who, who) => {
    given(...fixture)
      .when(link('p1', 's1'), ctx(who))
      .thenError('NOT_SCHOOL_ADMINISTRATOR', 'R-AUTH-3');
  });
});

describe('unlinking a parent account (R-AUTH-6)', () => {
  it('removes only the links named, keeping the others (R-AUTH-6)', () => {
    const { events, state } = given(...fixture, linked('p1', 's1', 's2'))
      .when(unlink('p1', 's1'), ctx())
      .thenSucceeds();
    expect(events).toEqual([unlinked('p1', 's1')]);
    expect(linkedStudentsOf(state, 'p1')).toEqual(['s2']);
  });

  it('refuses removing a link that is not there (PARENT_NOT_LINKED, R-AUTH-6)', () => {
    given(...fixture, linked('p1', 's1'))
      .when(unlink('p1', 's2'), ctx())
      .thenError('PARENT_NOT_LINKED', 'R-AUTH-6');
    given(...fixture, linked('p1', 's1'), unlinked('p1', 's1'))
      .when(unlink('p1', 's1'), ctx())
      .thenError('PARENT_NOT_LINKED', 'R-AUTH-6');
  });

  it('refuses a parent unlinking themself (NOT_SCHOOL_ADMINISTRATOR, R-AUTH-3)', () => {
    given(...fixture, linked('p1', 's1'))
      .when(unlink('p1', 's1'), ctx(actor('p1', 'parent')))
      .thenError('NOT_SCHOOL_ADMINISTRATOR', 'R-AUTH-3');
  });
});
