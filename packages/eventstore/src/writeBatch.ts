import type { DomainError, Tagged } from '@licheng/domain';
import { domainError } from '@licheng/domain/internal';
import * as E from 'fp-ts/Either';
import { canonicalJson, canonicallyEqual } from './canonicalJson';
import { sha256Hex, type EventMetadata } from './metadata';
import type { NewEvent } from './port';
import type { Envelope, EventSerializer } from './serializer';

/** What a command's events are stored with besides their data: the same for every event of the batch. */
export interface BatchMetadata {
  readonly metadata: Omit<EventMetadata, 'schemaVersion' | 'command' | 'hash'>;
  /** `{ command }` for a request that recorded its command, `{}` otherwise. */
  readonly commandRecord: Pick<EventMetadata, 'command'>;
}

/** A batch ready to append, and each event as a reader will get it back from the store. */
export interface PreparedBatch<Event> {
  readonly batch: NewEvent[];
  readonly readBack: Envelope<Event>[];
}

export const unreadableEvent = (streamName: string, cause: DomainError) =>
  domainError(
    'EVENT_NOT_STORABLE',
    null,
    `指令產生的事件無法通過讀取檢核，未寫入串流 ${streamName}：${cause.message['zh-TW']}`,
    `The command produced an event that would not read back, so nothing was written to ${streamName}: ` +
      `${cause.message.en}`,
    { streamName, cause: cause.details },
  );

const readsBackOtherwise = (type: string) =>
  domainError(
    'EVENT_READS_BACK_OTHERWISE',
    null,
    '事件讀回後與決定的內容不同',
    'the event reads back other than decided',
    {
      type,
    },
  );

const notJson = (type: string, reason: string) =>
  domainError(
    'EVENT_NOT_STORABLE',
    null,
    `事件無法寫成 JSON：${reason}`,
    `the event cannot be written as JSON: ${reason}`,
    {
      type,
      reason,
    },
  );

/**
 * Encodes, chains and reads back the events a command decided, writing each event's data and metadata as
 * text once. The canonical text serves both the chain link (`linkHash` of the same event, property-tested
 * equal) and the read-back: nothing is stored that would not read back as what was decided, so each event
 * is parsed from that text (a getter's field or an undefined value is lost there, a NaN refused), decoded,
 * and must equal the decided event; a decider's slip must not make a stream unreadable.
 */
export const prepareBatch = <Event extends Tagged>(
  serializer: EventSerializer<Event>,
  streamName: string,
  version: number,
  prevHash: string,
  decided: ReadonlyArray<Event>,
  eventIds: ReadonlyArray<string>,
  { metadata, commandRecord }: BatchMetadata,
): E.Either<DomainError, PreparedBatch<Event>> => {
  const batch: NewEvent[] = [];
  const readBack: Envelope<Event>[] = [];
  let prev = prevHash;
  // Object.assign, not a spread followed by a key, which costs over a µs per command on Node 20.
  const eventMetadata =
    commandRecord.command === undefined ? metadata : Object.assign({}, metadata, { command: commandRecord.command });
  for (let index = 0; index < decided.length; index++) {
    const event = decided[index]!;
    let newEvent: NewEvent;
    let dataText: string;
    let metadataText: string;
    try {
      // toNewEvent returns a fresh event each call: its metadata is ours to complete, should a serializer of
      // its own leave the command record out.
      newEvent = serializer.toNewEvent(event, eventMetadata, eventIds[index]!);
      const stored = newEvent.metadata as Record<string, unknown>;
      if (commandRecord.command !== undefined && stored['command'] === undefined) Object.assign(stored, commandRecord);
      dataText = canonicalJson(newEvent.data);
      metadataText = canonicalJson(newEvent.metadata);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return E.left(unreadableEvent(streamName, notJson(event.type, reason)));
    }
    // canonicalJson of [prev, type, data, metadata-without-hash], from the texts already written (linkHash).
    prev = sha256Hex(`[${canonicalJson(prev)},${canonicalJson(newEvent.type)},${dataText},${metadataText}]`);
    Object.assign(newEvent.metadata as Record<string, unknown>, { hash: prev });
    // The store keeps these texts rather than serialising again; the metadata's gains the hash as its last key
    // (a hex string needs no escaping). A serializer whose metadata is no object with keys serialises its own.
    const withHash = /^\{"/.test(metadataText) ? `${metadataText.slice(0, -1)},"hash":"${prev}"}` : undefined;
    const json = withHash === undefined ? undefined : { data: dataText, metadata: withHash };
    batch.push(
      json === undefined
        ? newEvent
        : { eventId: newEvent.eventId, type: newEvent.type, data: newEvent.data, metadata: newEvent.metadata, json },
    );
    const readable = serializer.decode({
      eventId: newEvent.eventId,
      type: newEvent.type,
      data: JSON.parse(dataText) as unknown,
      metadata: Object.assign(JSON.parse(metadataText) as Record<string, unknown>, { hash: prev }),
      streamName,
      revision: version + 1 + index,
      position: -1,
    });
    if (E.isLeft(readable)) return E.left(unreadableEvent(streamName, readable.left));
    if (!canonicallyEqual(readable.right.event, event))
      return E.left(unreadableEvent(streamName, readsBackOtherwise(newEvent.type)));
    readBack.push(readable.right);
  }
  return E.right({ batch, readBack });
};
