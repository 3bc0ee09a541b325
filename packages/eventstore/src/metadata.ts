import { Actor, PositiveInt, TaipeiInstant } from '@licheng/domain';
import * as t from 'io-ts';

/**
 * What every stored event carries besides its data. `commandId` makes command handling idempotent;
 * `correlationId` and `causationId` trace a chain of commands and reactions; `schemaVersion` is the
 * version of the data's shape when it was written, so that older events can be upcast on read.
 */
export const EventMetadata = t.type(
  {
    occurredAt: TaipeiInstant,
    actor: Actor,
    commandId: t.string,
    correlationId: t.string,
    causationId: t.string,
    schemaVersion: PositiveInt,
  },
  'EventMetadata',
);
export type EventMetadata = t.TypeOf<typeof EventMetadata>;
