import * as t from 'io-ts';
import { eventCodec } from '../../shared/codecs';
import { Id } from '../../shared/primitives';

/** R-APP-1: the items picked for one department; a later pick for the same department replaces it. */
export const ApplicationItemsPicked = eventCodec(
  'ApplicationItemsPicked',
  t.strict({ departmentId: Id, outcomeIds: t.array(Id), performanceIds: t.array(Id) }),
);

export const APPLICATION_EVENTS = [ApplicationItemsPicked] as const;
