import type { DomainRefusal } from '../errorCodes';
import type { Decider } from '../shared/decider';
import { bindActorToSchool } from '../shared/schoolBinding';
import type { SchoolCommand } from './commands';
import { decideSchool, type SchoolContext } from './decide';
import type { SchoolEvent } from './events';
import { evolveSchool } from './evolve';
import { newSchoolState, type SchoolState } from './state';

export const schoolDecider: Decider<SchoolCommand, SchoolEvent, SchoolState, SchoolContext, DomainRefusal> = {
  initialState: newSchoolState,
  decide: bindActorToSchool(decideSchool),
  evolve: evolveSchool,
};

export { schoolStreamName } from '../streams';
