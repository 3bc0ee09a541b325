import * as t from 'io-ts';
import { Id } from './primitives';

/**
 * Who acts. `system` is the platform itself (deadline effects, R-AUTH-4); `submitter` is a school member
 * acting through a role group (R-SUB-1); `city` is the Department of Education setting operating periods.
 */
export const Role = t.keyof(
  { student: null, parent: null, teacher: null, admin: null, submitter: null, system: null, city: null },
  'Role',
);
export type Role = t.TypeOf<typeof Role>;

export const Actor = t.strict({ id: Id, role: Role }, 'Actor');
export type Actor = t.TypeOf<typeof Actor>;
