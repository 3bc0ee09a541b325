import type { Actor, Role } from '../shared/actor';
import type { SchoolPolicy } from './state';

/** R-AUTH-5: the three rights a role group holds on a function module (新增, 修改, 刪除). */
export type FunctionRight = 'add' | 'change' | 'delete';

/** The school staff roles that act through role groups; students, parents, the city and the system never do. */
const STAFF_ROLES: ReadonlySet<Role> = new Set<Role>(['teacher', 'submitter']);

/**
 * R-AUTH-5 / R-SUB-1: whether an actor may use one of the function codes with the right: the school
 * administrator always (seed 003 §3 is the 校管理者's own menu), a staff member only through a role group
 * that is in use (是否使用=是), counts them as a member, and holds the code with that right — all as the
 * school stream stands when the command is decided, so a removal affects only later commands.
 */
export const mayUseFunction = (
  policy: SchoolPolicy,
  actor: Actor,
  codes: ReadonlyArray<string>,
  right: FunctionRight,
): boolean => {
  if (actor.role === 'admin') return true;
  if (!STAFF_ROLES.has(actor.role)) return false;
  return Object.values(policy.roleGroups).some(
    (group) =>
      group.inUse &&
      group.memberIds.includes(actor.id) &&
      group.functions.some((f) => codes.includes(f.code) && f[right]),
  );
};

/** The Chinese name of a right, for messages. */
export const RIGHT_NAMES: Readonly<Record<FunctionRight, string>> = { add: '新增', change: '修改', delete: '刪除' };
