/// <reference types="node" />
import { createHash } from 'node:crypto';
import { Actor, PositiveInt, TaipeiInstant } from '@licheng/domain';
import * as t from 'io-ts';

/** The command that produced an event, as it was accepted: what an auditor decides again (docs/audit.md). */
export const RecordedCommand = t.type({ type: t.string, data: t.unknown }, 'RecordedCommand');
export type RecordedCommand = t.TypeOf<typeof RecordedCommand>;

export const Sha256Hex = t.refinement(t.string, (s) => /^[0-9a-f]{64}$/.test(s), 'Sha256Hex');

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
      actor: Actor,
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

const isLoneSurrogate = (s: string): boolean => /\p{Surrogate}/u.test(s);

/**
 * RFC 8785 (JCS) for the JSON this library stores: keys sorted by UTF-16 code units (what Array#sort does
 * without a comparator), numbers and strings written as ECMAScript's JSON.stringify writes them, no
 * whitespace. A property whose value is `undefined` is left out and an `undefined` array element is
 * `null`, as JSON.stringify does, so a value hashes the same before and after a store's JSON round trip.
 * Why not the `canonicalize` package: docs/decisions/0005-canonical-json.md.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no ${value}`);
    return JSON.stringify(value);
  }
  if (typeof value === 'string') {
    if (isLoneSurrogate(value)) throw new TypeError('canonical JSON needs well-formed Unicode strings');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (typeof value === 'object') {
    const json = (value as { toJSON?: () => unknown }).toJSON;
    if (typeof json === 'function') return canonicalJson(json.call(value));
    const record = value as Readonly<Record<string, unknown>>;
    const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
    return `{${keys.map((key) => `${canonicalJson(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  throw new TypeError(`canonical JSON has no ${typeof value}`);
};

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The metadata an event's hash covers: everything stored except the hash itself. */
const withoutHash = (metadata: unknown): unknown => {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return metadata;
  const { hash: _hash, ...rest } = metadata as Record<string, unknown>;
  return rest;
};

/** One link of a stream's chain: SHA-256 hex of canonical `[prevHash, type, data, metadata-without-hash]`. */
export const linkHash = (prevHash: string, event: { readonly type: string; readonly data: unknown; readonly metadata: unknown }): string =>
  sha256Hex(canonicalJson([prevHash, event.type, event.data, withoutHash(event.metadata)]));

/** The hash an event stores, if it stores one. */
export const storedHash = (metadata: unknown): string | undefined => {
  const hash = typeof metadata === 'object' && metadata !== null ? (metadata as { hash?: unknown }).hash : undefined;
  return typeof hash === 'string' ? hash : undefined;
};

/**
 * The hash of each event of one stream, in revision order: the stored one, or for an event written before
 * chaining the one it would have had, so that the first chained event after it still commits to it.
 */
export const chainHashes = (events: ReadonlyArray<{ readonly type: string; readonly data: unknown; readonly metadata: unknown }>): string[] => {
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
  sha256Hex(canonicalJson([...heads].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((head) => [...head])));
