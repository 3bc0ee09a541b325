import * as t from 'io-ts';
import { Id } from '../../shared/primitives';

export const PickApplicationItems = t.strict(
  { schoolId: Id, studentId: Id, departmentId: Id, outcomeIds: t.array(Id), performanceIds: t.array(Id) },
  'PickApplicationItems',
);

export const APPLICATION_COMMANDS = { PickApplicationItems } as const;
