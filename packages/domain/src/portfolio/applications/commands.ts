import * as t from 'io-ts';
import { Id, SchoolId } from '../../shared/primitives';

export const PickApplicationItems = t.strict(
  { schoolId: SchoolId, studentId: Id, departmentId: Id, outcomeIds: t.array(Id), performanceIds: t.array(Id) },
  'PickApplicationItems',
);

export const APPLICATION_COMMANDS = { PickApplicationItems } as const;
