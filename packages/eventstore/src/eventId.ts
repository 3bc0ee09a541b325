/// <reference types="node" />
import * as crypto from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';

/**
 * Fixed forever: event ids derive from it, and a retried command finds its own events only while they
 * derive the same way.
 */
export const EVENT_ID_NAMESPACE = '9d7e50b8-6048-4dd1-99ee-7d5c55b72d24';

const NAMESPACE = Buffer.from(EVENT_ID_NAMESPACE.replace(/-/g, ''), 'hex');

// crypto.hash (Node 20.12 and later) digests in one call; uuid's v5 parses the namespace and builds a Hash
// object on every id, which cost a tenth of a cached command (docs/performance.md).
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array, encoding: 'hex') => string }).hash;
const sha1Hex = (bytes: Uint8Array): string =>
  oneShot ? oneShot('sha1', bytes, 'hex') : crypto.createHash('sha1').update(bytes).digest('hex');

// String#isWellFormed (Node 20): a lone surrogate has no UTF-8 form; uuid refuses it, and so must we.
const isWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/** One scratch buffer for the namespace and the name, grown when a name does not fit. */
let scratch = Buffer.alloc(256);
NAMESPACE.copy(scratch);

/** The id's 36 characters, written here and read out as one string. */ const idBytes = Buffer.alloc(36);
const DASH = 0x2d;
const FIVE = 0x35;
const HEX = Buffer.from('0123456789abcdef', 'latin1');

/**
 * RFC 4122 version 5 of `name` in the event namespace, as `uuid`'s v5 writes it (lower-case hex): SHA-1 of
 * the namespace's 16 bytes and the name's UTF-8, its first 16 bytes with version 5 and the RFC's variant.
 * Property-tested equal to `uuid`'s v5 (eventId.test.ts); a name that is not well-formed goes to `uuid`.
 */
export const uuidV5 = (name: string): string => {
  if (!isWellFormed?.call(name)) return uuidv5(name, EVENT_ID_NAMESPACE);
  const length = 16 + Buffer.byteLength(name, 'utf8');
  if (length > scratch.length) {
    scratch = Buffer.alloc(Math.max(length, scratch.length * 2));
    NAMESPACE.copy(scratch);
  }
  scratch.write(name, 16, 'utf8');
  const hex = sha1Hex(scratch.subarray(0, length));
  // Written into bytes and read back as one flat string: an id joined from slices would be a rope of seven
  // pieces, and a store keeps one id per event (about 90 MB of heap at 5,000 students; docs/performance.md).
  let at = 0;
  for (let i = 0; i < 32; i++) {
    if (i === 8 || i === 12 || i === 16 || i === 20) idBytes[at++] = DASH;
    // Byte 6: version 5 in its high nibble. Byte 8: the variant's two high bits 10.
    idBytes[at++] = i === 12 ? FIVE : i === 16 ? HEX[(parseInt(hex[16]!, 16) & 0x3) | 0x8]! : hex.charCodeAt(i);
  }
  return idBytes.toString('latin1');
};

/** The same command always gets the same event ids, so the store can drop a repeated append. */
export const eventIdOf = (streamName: string, commandId: string, index: number): string =>
  uuidV5(`${streamName}/${commandId}/${index}`);
