import { decodeQuarantine, isQuarantineRecord, quarantineOf, type RecordedEvent } from '@licheng/eventstore';
import * as E from 'fp-ts/Either';
import type { SqlQuery } from './sql';
import { readStreamIn } from './reads';

/**
 * Whether a projection may pass over an event it cannot read (issue 16, item 6): a quarantine record itself,
 * or the unreadable event that a later record of its stream sets aside. Asked only after a decode fails, so a
 * readable log never pays for it; read through the projection's own transaction (PGlite has one connection).
 */
export const isSetAside = async (tx: SqlQuery, recorded: RecordedEvent): Promise<boolean> => {
  if (isQuarantineRecord(recorded)) return E.isRight(decodeQuarantine(recorded));
  const later = await readStreamIn(tx, recorded.streamName, recorded.revision + 1);
  return quarantineOf(recorded, later) !== undefined;
};
