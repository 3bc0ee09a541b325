import type { DomainError } from '@licheng/domain';
import type { RecordedEvent } from '@licheng/eventstore';
import { decodeRecorded, type ProjectedEvent } from '@licheng/projections';
import type * as E from 'fp-ts/Either';

/** Decodes a stored event with its stream's serializer (as `decodeRecorded` does). */
export type DecodeRecorded = (record: RecordedEvent) => E.Either<DomainError, ProjectedEvent>;

/**
 * `decodeRecorded` that decodes each record once and hands the same answer to every later caller: the
 * consistency check, re-deciding and the seal list each read every event, and decoding was the largest
 * part of an audit that nothing needed to do twice. Decoding is pure and nobody writes to an envelope (the
 * folds only read events), so sharing one is the same as decoding again. Keyed by the record object: a log
 * entry's record is its own object, even when two lines hold the same text.
 */
export const decodeOnce = (): DecodeRecorded => {
  const decoded = new Map<RecordedEvent, E.Either<DomainError, ProjectedEvent>>();
  return (record) => {
    let result = decoded.get(record);
    if (result === undefined) {
      result = decodeRecorded(record);
      decoded.set(record, result);
    }
    return result;
  };
};
