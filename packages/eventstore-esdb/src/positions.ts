import type { Position, ReadPosition } from './client';

/**
 * How the port's `position: number` maps onto EventStoreDB's `$all` position `{ commit, prepare }`.
 *
 * - An event appended through gRPC is committed by its own prepare record, so its commit and prepare
 *   positions are equal: the byte offset of that record in the transaction log. The port's position is
 *   that offset: `position = Number(commit)`. Offsets are unique, strictly increasing in append order and
 *   have gaps (they count bytes), exactly what the port promises. A number is exact up to 2^53 bytes
 *   (8 PiB) of log, which no single-node log reaches.
 * - "After p" (readAll, subscribeToAll) starts at `{ commit: p, prepare: p }`. Reading `$all` from a
 *   position INCLUDES the event recorded exactly there, so the reader drops an event whose position is
 *   not greater than p; a catch-up subscription from a position starts after the event there, as the
 *   server does on its own. `after: -1` (or absent) is the start of `$all`.
 * - `p` must be -1 or a position this store handed out: the server reads the log at that offset, so an
 *   invented number is not a place in the log (a real server fails or skips ahead on one).
 */
export const fromPort = (after: number | undefined): ReadPosition => {
  if (after === undefined || after < 0) return 'start';
  if (!Number.isSafeInteger(after)) throw new RangeError(`a position must be a whole number, got ${after}`);
  const offset = BigInt(after);
  return { commit: offset, prepare: offset };
};

/** The port's position of a recorded event; refuses one the server could not place in `$all`. */
export const toPort = (position: Position | undefined, what: string): number => {
  const commit = position?.commit;
  // A server answers 2^64-1 for "unknown", e.g. for an event of a legacy multi-record transaction.
  if (commit === undefined || commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`EventStoreDB gave no usable $all position for ${what}`);
  }
  return Number(commit);
};
