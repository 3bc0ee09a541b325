/// <reference types="node" />
import * as crypto from 'node:crypto';
import { PositiveInt, RecordedActor, Sha256Hex, TaipeiInstant } from '@licheng/domain';
import * as t from 'io-ts';
import { canonicalJson } from './canonicalJson';

/** The command that produced an event, as it was accepted: what an auditor decides again (docs/audit.md). */
export const RecordedCommand = t.type({ type: t.string, data: t.unknown }, 'RecordedCommand');
export type RecordedCommand = t.TypeOf<typeof RecordedCommand>;

/**
 * What every stored event carries besides its data. `commandId` makes command handling idempotent;
 * `correlationId` and `causationId` trace a chain of commands and reactions; `schemaVersion` is the
 * version of the data's shape when it was written, so that older events can be upcast on read.
 * `command` and `hash` arrived later (docs/audit.md): optional, so events stored before them still decode.
 */
export const EventMetadata = t.intersection(
  [
    t.type({
      occurredAt: TaipeiInstant,
      actor: RecordedActor,
      commandId: t.string,
      correlationId: t.string,
      causationId: t.string,
      schemaVersion: PositiveInt,
    }),
    t.partial({ command: RecordedCommand, hash: Sha256Hex }),
  ],
  'EventMetadata',
);
export type EventMetadata = t.TypeOf<typeof EventMetadata>;

/** The hash before revision 0 of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

// crypto.hash (Node 20.12 and later) digests in one call, several times faster on short texts than a Hash object.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

export const sha256Hex = (text: string): string =>
  oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/** The metadata an event's hash covers: everything stored except the hash itself. */
const withoutHash = (metadata: unknown): unknown => {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return metadata;
  const { hash: _hash, ...rest } = metadata as Record<string, unknown>;
  return rest;
};

/** One link of a stream's chain: SHA-256 hex of canonical `[prevHash, type, data, metadata-without-hash]`. */
export const linkHash = (
  prevHash: string,
  event: { readonly type: string; readonly data: unknown; readonly metadata: unknown },
): string => sha256Hex(canonicalJson([prevHash, event.type, event.data, withoutHash(event.metadata)]));

/** The hash an event stores, if it stores one. */
export const storedHash = (metadata: unknown): string | undefined => {
  const hash = typeof metadata === 'object' && metadata !== null ? (metadata as { hash?: unknown }).hash : undefined;
  return typeof hash === 'string' ? hash : undefined;
};

/**
 * The hash of each event of one stream, in revision order: the stored one, or for an event written before
 * chaining the one it would have had, so that the first chained event after it still commits to it.
 */
export const chainHashes = (
  events: ReadonlyArray<{ readonly type: string; readonly data: unknown; readonly metadata: unknown }>,
): string[] => {
  const hashes: string[] = [];
  let prev = GENESIS_HASH;
  for (const event of events) {
    prev = storedHash(event.metadata) ?? linkHash(prev, event);
    hashes.push(prev);
  }
  return hashes;
};

/** A stream's head: its last revision and that event's hash. */
export type StreamHead = readonly [streamName: string, revision: number, hash: string];

/** R-SEAL-1 digest: SHA-256 hex of canonical `[[streamName, revision, hash], …]` sorted by stream name. */
export const headsDigest = (heads: ReadonlyArray<StreamHead>): string =>
  sha256Hex(
    canonicalJson([...heads].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((head) => [...head])),
  );
