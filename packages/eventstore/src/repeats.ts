import type { DomainError, Tagged } from '@licheng/domain';
import { domainError } from '@licheng/domain/internal';
import * as E from 'fp-ts/Either';
import { canonicalJson } from './canonicalJson';
import { storedHash } from './metadata';
import type { EventStore, NewEvent, RecordedEvent } from './port';
import type { Envelope, EventSerializer } from './serializer';

/** The events a command appended, read again for a repeat of it: they start at `first` and run together. */
export const eventsOfCommand = async <Event extends Tagged>(
  store: EventStore,
  aggregate: { readonly serializer: EventSerializer<Event> },
  streamName: string,
  first: number,
  commandId: string,
): Promise<E.Either<DomainError, Envelope<Event>[]>> => {
  const events: Envelope<Event>[] = [];
  for (const record of await store.readStream(streamName, { fromRevision: first })) {
    const decoded = aggregate.serializer.decode(record);
    if (E.isLeft(decoded)) return decoded;
    if (decoded.right.metadata.commandId !== commandId) break;
    events.push(decoded.right);
  }
  return E.right(events);
};

export const retriesExhausted = (streamName: string, attempts: number) =>
  domainError(
    'CONCURRENCY_RETRIES_EXHAUSTED',
    null,
    `串流 ${streamName} 同時有其他寫入，重試 ${attempts} 次後仍未成功，請稍後再試`,
    `Stream ${streamName} kept changing under concurrent writes; gave up after ${attempts} attempts, try again later`,
    { streamName, attempts },
  );

export const commandIdReused = (streamName: string, commandId: string, storedType: string, givenType: string) =>
  domainError(
    'COMMAND_ID_REUSED',
    null,
    `指令編號 ${commandId} 已用於串流 ${streamName} 的另一個指令（${storedType}），` +
      `不可用於不同內容的指令（${givenType}）`,
    `Command id ${commandId} was already used in ${streamName} for another command (${storedType}); it cannot carry ` +
      `a different one (${givenType})`,
    { streamName, commandId, storedType, givenType },
  );

/**
 * Whether the store holds something else than this batch's event. Both carry the chain hash, which covers
 * the type, data and metadata (docs/audit.md), so equal hashes are equal events; the whole text is compared
 * only when a hash is missing.
 */
export const storedDiffers = (stored: RecordedEvent, written: NewEvent): boolean => {
  if (stored.eventId !== written.eventId || stored.type !== written.type) return true;
  const hash = storedHash(written.metadata);
  if (hash !== undefined && hash === storedHash(stored.metadata)) return false;
  return (
    canonicalJson(stored.data) !== canonicalJson(written.data) ||
    canonicalJson(stored.metadata) !== canonicalJson(written.metadata)
  );
};
