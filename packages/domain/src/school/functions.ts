import type { SchoolCommand } from './commands';
import { workPeriodOf } from './policy';
import type { FunctionRight } from './rights';
import type { SchoolState } from './state';

/** A function module (模組編號) of seed 003 3.1.2 and the right a command uses it with. */
export interface GroupFunction {
  readonly codes: ReadonlyArray<string>;
  readonly right: FunctionRight;
}

/**
 * R-AUTH-5: the school commands a role group's member may send, by function module: S0203S 設定學校作業時間
 * (work periods) and 設定功能參數 (parameters; one screen names it S0203S1), S0209S 合開課程設定審核老師
 * (co-taught reviewers, a 是/否 choice: 修改), S0302S 設定認證順序 (the plan approval order). Setting what
 * was never set is 新增, setting it again 修改. Every other school command stays the administrator's (or the
 * records system's); seed 003 has no module for them.
 */
export const groupFunctionOf = (command: SchoolCommand, state: SchoolState): GroupFunction | null => {
  switch (command.type) {
    case 'SetWorkPeriod':
      return { codes: ['S0203S'], right: workPeriodOf(state, command.data.term, command.data.item) ? 'change' : 'add' };
    case 'SetParameter':
      return {
        codes: ['S0203S', 'S0203S1'],
        right: (state.parameters[command.data.parameter]?.length ?? 0) > 0 ? 'change' : 'add',
      };
    case 'MarkCourseReviewer':
    case 'UnmarkCourseReviewer':
      return { codes: ['S0209S'], right: 'change' };
    case 'SetPlanApprovalOrder':
      return { codes: ['S0302S'], right: state.planApprovalStages.length > 0 ? 'change' : 'add' };
    default:
      return null;
  }
};
