import { randomUUID } from 'node:crypto';

/**
 * The stand-in's database: one transaction log holding every stream, as EventStoreDB keeps it.
 *
 * What it follows (EventStoreDB 22.10/23.10, single node, log format v2):
 * - Each event is one record, committed by itself. Its commit and prepare positions are both the byte
 *   offset of its record: unique, strictly increasing, with gaps, and not starting at 0 (the server
 *   writes its own records first).
 * - Stream revisions count from 0; a missing stream's version is -1.
 * - The write check is the server's `IndexWriter.CheckCommit`, step by step: the fast path for a new
 *   stream; `any` / `stream_exists` idempotency through the cache of committed event ids (ids that are
 *   all found in this stream: a repeat; the first not found: a new write, even if later ones are found;
 *   the first found but a later one not: "corrupted idempotency", answered as a wrong expected version);
 *   for an expected revision behind the stream, comparing the batch with the events that follow that
 *   revision (all equal: a repeat; the first different: wrong expected version; a later one different,
 *   or the batch running past the end: corrupted idempotency); an expected revision ahead: wrong expected
 *   version. A repeat answers with the revisions and the position of the earlier write.
 * - Reading `$all` from a position includes the event at that position; a catch-up subscription from a
 *   position starts after the first event at or after it. A position that is not the start of a record
 *   (nor the end of the log) is refused: a real server would read garbage there.
 */

export interface StoredEvent {
  readonly position: bigint;
  readonly streamName: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends them. */
  readonly created: bigint;
}

export interface ProposedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

/** The server's encoding of an expected version: a revision, or one of these. */
export const ANY = -2n;
export const NO_STREAM = -1n;
export const STREAM_EXISTS = -4n;

export type CommitResult =
  | { readonly kind: 'written' | 'idempotent'; readonly lastRevision: number; readonly position: bigint }
  | { readonly kind: 'wrong_expected_version'; readonly current: number };

export interface EventFilter {
  readonly on: 'stream' | 'type';
  readonly prefixes: ReadonlyArray<string>;
  readonly regex: string;
}

export const matches = (filter: EventFilter | null, event: StoredEvent): boolean => {
  if (!filter) return true;
  const subject = filter.on === 'stream' ? event.streamName : event.type;
  if (filter.regex !== '') return new RegExp(filter.regex).test(subject);
  return filter.prefixes.some((prefix) => subject.startsWith(prefix));
};

const RECORD_HEADER_BYTES = 88;
const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

export class InvalidPositionError extends Error {}

export class TransactionLog {
  private readonly events: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  /** The server's committed-events cache: the last write of each event id. This one never evicts. */
  private readonly committed = new Map<string, { streamName: string; revision: number }>();
  private readonly listeners = new Set<() => void>();
  /** Where the next record goes. */
  private end = 0n;

  constructor() {
    // What a new node writes before any client does; readers of "user events" must skip it.
    this.end = 1_536n;
    const system = (streamName: string, type: string, json: unknown) =>
      this.commit(streamName, NO_STREAM, [
        {
          eventId: randomUUID(),
          type,
          contentType: 'application/json',
          data: Buffer.from(JSON.stringify(json)),
          metadata: new Uint8Array(),
        },
      ]);
    system('$epoch-information', '$epoch-information', { epochNumber: 0 });
    system('$settings', '$settings', { $userStreamAcl: { $r: '$all' }, $systemStreamAcl: { $r: '$admins' } });
    system('$stats-127.0.0.1:2113', '$statsCollected', { 'proc-startTime': new Date().toISOString() });
  }

  get logEnd(): bigint {
    return this.end;
  }

  get eventCount(): number {
    return this.events.length;
  }

  /** The event at this index of the log, in position order. */
  at(index: number): StoredEvent | undefined {
    return this.events[index];
  }

  /** Calls `listener` after every write, until the returned function is called. */
  onWrite(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  commit(streamName: string, expected: bigint, proposed: ReadonlyArray<ProposedEvent>): CommitResult {
    const check = this.check(
      streamName,
      expected,
      proposed.map((event) => event.eventId.toLowerCase()),
    );
    if (check) return check;
    // An empty write leaves an empty record in the log; it is no event, so it shows nowhere here.
    const stream = this.streams.get(streamName) ?? [];
    if (proposed.length === 0) {
      const last = stream[stream.length - 1];
      this.end += BigInt(RECORD_HEADER_BYTES);
      return { kind: 'written', lastRevision: last ? last.revision : -1, position: this.end };
    }
    if (!this.streams.has(streamName)) this.streams.set(streamName, stream);
    const created = BigInt(Date.now()) * 10_000n;
    for (const event of proposed) {
      const stored: StoredEvent = {
        position: this.end,
        streamName,
        revision: stream.length,
        eventId: event.eventId.toLowerCase(),
        type: event.type,
        contentType: event.contentType,
        data: event.data,
        metadata: event.metadata,
        created,
      };
      this.end += BigInt(
        RECORD_HEADER_BYTES + 2 * utf8(streamName) + utf8(event.type) + event.data.length + event.metadata.length,
      );
      this.events.push(stored);
      stream.push(stored);
      this.committed.set(stored.eventId, { streamName, revision: stored.revision });
    }
    const last = stream[stream.length - 1]!;
    for (const listener of [...this.listeners]) listener();
    return { kind: 'written', lastRevision: last.revision, position: last.position };
  }

  /** The server's commit check; null when the batch is to be written. */
  private check(streamName: string, expected: bigint, ids: ReadonlyArray<string>): CommitResult | null {
    const stream = this.streams.get(streamName);
    if (!stream) {
      return expected === ANY || expected === NO_STREAM ? null : { kind: 'wrong_expected_version', current: -1 };
    }
    const current = stream.length - 1;
    const repeat = (to: number): CommitResult => ({
      kind: 'idempotent',
      lastRevision: to,
      position: stream[to]!.position,
    });
    if (expected === ANY || expected === STREAM_EXISTS) {
      let first = true;
      let last = -1;
      for (const id of ids) {
        const seen = this.committed.get(id);
        if (!seen || seen.streamName !== streamName) {
          return first ? null : { kind: 'wrong_expected_version', current };
        }
        first = false;
        last = seen.revision;
      }
      return first ? null : repeat(last);
    }
    const expectedRevision = Number(expected);
    if (expectedRevision < current) {
      let revision = expectedRevision;
      for (const id of ids) {
        revision += 1;
        const seen = this.committed.get(id);
        if (seen && seen.streamName === streamName && seen.revision === revision) continue;
        if (stream[revision]?.eventId === id) continue;
        // The first differs: someone else wrote; a later one differs: corrupted idempotency. Both answer so.
        return { kind: 'wrong_expected_version', current };
      }
      if (revision === expectedRevision) return { kind: 'wrong_expected_version', current };
      return repeat(revision);
    }
    if (expectedRevision > current) return { kind: 'wrong_expected_version', current };
    return null;
  }

  /** The stream's events, or undefined when it does not exist. */
  stream(streamName: string): ReadonlyArray<StoredEvent> | undefined {
    return this.streams.get(streamName);
  }

  /**
   * The index in the log of the first event at or after `position`. Refuses a position that is neither
   * an event's, nor the end of the log.
   */
  indexAt(position: bigint): number {
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.events[middle]!.position < position) low = middle + 1;
      else high = middle;
    }
    const found = this.events[low];
    if (position !== this.end && found?.position !== position) {
      throw new InvalidPositionError(`${position} is not the position of a record in the log`);
    }
    return low;
  }
}
