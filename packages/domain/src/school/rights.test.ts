import * as E from 'fp-ts/Either';
import {
  SCHOOL_COMMAND_DATA,
  schoolDecider,
  type Actor,
  type SchoolCommand,
  type SchoolCommandType,
  type SchoolEvent,
} from '@licheng/domain';
import { decodeWith } from '@licheng/domain/internal';
import { admin, at, schoolEvent, schoolFixture, specify, student, submitter, teacher } from '../testing';

/**
 * R-AUTH-5 (seed 003 3.1): role groups (角色群組) with 是否使用, function modules with 新增/修改/刪除, members
 * added and removed. t8 is a teacher of the fixture school in no group until a test puts them in g-office.
 */
const command = <K extends SchoolCommandType>(
  type: K,
  data: Record<string, unknown>,
): Extract<SchoolCommand, { type: K }> => {
  const result = decodeWith(SCHOOL_COMMAND_DATA[type], type)({ schoolId: 'sch1', ...data });
  if (E.isLeft(result)) throw new Error(result.left.message.en);
  return { type, data: result.right } as Extract<SchoolCommand, { type: K }>;
};
const ctx = (now: string, actor: Actor) => ({ now: at(now), actor });
const given = specify(schoolDecider);
const { events: fixture } = schoolFixture();

/** 3.1.1 新增記錄: 角色編號, 角色名稱, 是否使用; 3.1.2 群組功能設定: the modules and their rights. */
const office = (functionCodes: string[], extra: Record<string, unknown> = {}) =>
  schoolEvent('RoleGroupDefined', { groupId: 'g-office', name: '教務處作業人員', functionCodes, ...extra });
const join = schoolEvent('RoleGroupMemberAdded', { groupId: 'g-office', userId: 't8' });
const leave = schoolEvent('RoleGroupMemberRemoved', { groupId: 'g-office', userId: 't8' });

/** Set a work period never set before (新增): the fixture sets no course-records submission for 1111. */
const newPeriod = command('SetWorkPeriod', {
  term: '1111',
  item: 'courseRecordsSubmission',
  window: { start: '2023-03-06T08:00+08:00', end: '2023-03-10T17:00+08:00' },
});
/** Change a period the fixture set (修改): extend 1112's upload while it is open. */
const extension = command('SetWorkPeriod', {
  term: '1112',
  item: 'outcomeUpload',
  window: { start: '2023-02-13T08:00+08:00', end: '2023-04-07T17:00+08:00' },
});
const NOW = '2023-03-01T10:00';

const run = (history: SchoolEvent[], cmd: SchoolCommand, actor: Actor) =>
  given(...fixture, ...history).when(cmd, ctx(NOW, actor));

describe('a role group member with S0203S sets work periods (R-AUTH-5, R-AUTH-3)', () => {
  it('lets a member of a group in use holding S0203S set a work period, as the administrator does (R-AUTH-5)', () => {
    run([office(['S0203S']), join], extension, teacher('t8')).then(
      schoolEvent('WorkPeriodSet', { term: '1112', item: 'outcomeUpload', window: extension.data.window }),
    );
  });

  it(
    'refuses the same member while the group is not in use (是否使用=否), and accepts again once it is ' + '(R-AUTH-5)',
    () => {
      const error = run(
        [office(['S0203S']), join, office(['S0203S'], { inUse: false })],
        extension,
        teacher('t8'),
      ).thenError('FUNCTION_NOT_HELD', 'R-AUTH-5');
      expect(error.details).toMatchObject({ functionCodes: ['S0203S'], right: 'change' });
      expect(error.message['zh-TW']).toContain('S0203S');
      run(
        [office(['S0203S']), join, office(['S0203S'], { inUse: false }), office(['S0203S'], { inUse: true })],
        extension,
        teacher('t8'),
      ).thenSucceeds();
    },
  );

  it('refuses a member removed from the group; what they did before stays recorded (R-AUTH-5)', () => {
    const before = run([office(['S0203S']), join], extension, teacher('t8')).thenSucceeds().events;
    run([office(['S0203S']), join, ...before, leave], newPeriod, teacher('t8')).thenError(
      'FUNCTION_NOT_HELD',
      'R-AUTH-5',
    );
    const { state } = given(...fixture, office(['S0203S']), join, ...before, leave);
    expect(state.workPeriods['1112:outcomeUpload']?.end).toBe('2023-04-07T17:00+08:00');
    expect(state.roleGroups['g-office']?.memberIds).toEqual([]);
  });

  it(
    'judges 新增 and 修改 apart: a group holding S0203S with 新增 only sets a new period but cannot change one ' +
      '(R-AUTH-5)',
    () => {
      const addOnly = office(['S0203S'], { rights: [{ code: 'S0203S', add: true, change: false, delete: false }] });
      run([addOnly, join], newPeriod, teacher('t8')).thenSucceeds();
      run([addOnly, join], extension, teacher('t8')).thenError('FUNCTION_NOT_HELD', 'R-AUTH-5');
    },
  );

  it('refuses a member whose group holds other modules only (R-AUTH-5)', () => {
    run([office(['S0205S', 'S0207S', 'S0209S']), join], extension, teacher('t8')).thenError(
      'FUNCTION_NOT_HELD',
      'R-AUTH-5',
    );
  });

  it('lets a member with S0203S set parameters (設定功能參數) too (R-AUTH-5)', () => {
    run(
      [office(['S0203S']), join],
      command('SetParameter', { parameter: 'outcomeUploadQuota', value: 8, effectiveFromSchoolYear: 112 }),
      teacher('t8'),
    ).thenSucceeds();
  });

  it('never lets a student act through a group, even one in use holding S0203S (R-AUTH-1, R-AUTH-5)', () => {
    const studentMember = schoolEvent('RoleGroupMemberAdded', { groupId: 'g-office', userId: 's1' });
    run([office(['S0203S']), studentMember], extension, student('s1')).thenError('FUNCTION_NOT_HELD', 'R-AUTH-5');
  });

  it('reads a group recorded before 是否使用 and rights existed as in use, with every right (R-AUTH-5)', () => {
    const { state } = given(...fixture);
    expect(state.roleGroups['g-submit']).toMatchObject({
      inUse: true,
      functions: expect.arrayContaining([{ code: 'S0207S', add: true, change: true, delete: true }]),
    });
  });
});

describe('other modules a group may hold (R-AUTH-5)', () => {
  it('lets a member holding S0209S set a co-teacher to 否 and back to 是 (R-AUTH-5, R-OUT-7)', () => {
    const history = [office(['S0209S']), join];
    run(
      history,
      command('UnmarkCourseReviewer', { courseId: 'proj-1112', teacherId: 't4' }),
      submitter('t8'),
    ).thenSucceeds();
    run(
      history,
      command('MarkCourseReviewer', { courseId: 'proj-1112', teacherId: 't4' }),
      teacher('t8'),
    ).thenSucceeds();
    run(
      [office(['S0203S']), join],
      command('UnmarkCourseReviewer', { courseId: 'proj-1112', teacherId: 't4' }),
      teacher('t8'),
    ).thenError('FUNCTION_NOT_HELD', 'R-AUTH-5');
  });

  it('lets a member holding S0302S (設定認證順序) set the plan approval order (R-AUTH-5, R-PLAN-1)', () => {
    run(
      [office(['S0302S']), join],
      command('SetPlanApprovalOrder', { stages: [{ kind: 'homeroom' }] }),
      teacher('t8'),
    ).thenSucceeds();
  });

  it(
    'keeps role groups themselves the administrator’s: a member cannot add members or define groups ' + '(R-AUTH-3)',
    () => {
      run(
        [office(['S0203S', 'S0209S']), join],
        command('AddRoleGroupMember', { groupId: 'g-office', userId: 't9' }),
        teacher('t8'),
      ).thenError('NOT_SCHOOL_ADMINISTRATOR', 'R-AUTH-3');
      run(
        [office(['S0203S']), join],
        command('RemoveRoleGroupMember', { groupId: 'g-office', userId: 't8' }),
        teacher('t8'),
      ).thenError('NOT_SCHOOL_ADMINISTRATOR', 'R-AUTH-3');
    },
  );
});

describe('defining groups and removing members (R-AUTH-5)', () => {
  it('records a member removed by the administrator (R-AUTH-5)', () => {
    run(
      [office(['S0203S']), join],
      command('RemoveRoleGroupMember', { groupId: 'g-office', userId: 't8' }),
      admin(),
    ).then(leave);
  });

  it('refuses removing someone who is not a member, or from a group never defined (R-AUTH-5)', () => {
    run(
      [office(['S0203S'])],
      command('RemoveRoleGroupMember', { groupId: 'g-office', userId: 't8' }),
      admin(),
    ).thenError('UNKNOWN_REFERENCE', 'R-AUTH-5');
    run([], command('RemoveRoleGroupMember', { groupId: 'g-none', userId: 't8' }), admin()).thenError(
      'UNKNOWN_REFERENCE',
      'R-AUTH-5',
    );
  });

  it(
    'records 是否使用 and the rights as stated, and refuses rights for a module the group does not hold ' +
      '(R-AUTH-5)',
    () => {
      const rights = [{ code: 'S0203S', add: true, change: true, delete: false }];
      run(
        [],
        command('DefineRoleGroup', {
          groupId: 'g-office',
          name: '教務處作業人員',
          functionCodes: ['S0203S'],
          inUse: false,
          rights,
        }),
        admin(),
      ).then(office(['S0203S'], { inUse: false, rights }));
      run(
        [],
        command('DefineRoleGroup', {
          groupId: 'g-office',
          name: '教務處作業人員',
          functionCodes: ['S0203S'],
          rights: [{ code: 'S0207S', add: true, change: true, delete: true }],
        }),
        admin(),
      ).thenError('UNKNOWN_REFERENCE', 'R-AUTH-5');
    },
  );
});
