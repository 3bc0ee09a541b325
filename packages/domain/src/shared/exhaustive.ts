/**
 * Ends a switch over a union so that the compiler proves every case handled: `value` has type `never` only
 * when no case is left, so a member added to (or a case removed from) the switch fails to compile here.
 */

/** For an `evolve`, which is total: an event it cannot know (a decoder let it through) changes nothing. */
export const unknownEventIgnored = (_event: never): void => undefined;

/**
 * For a `decide` or any switch whose other cases cannot happen: reaching it is a bug in the caller (a value
 * that skipped decoding), so it throws rather than inventing a domain refusal (docs/error-handling.md).
 */
export const unreachable = (value: never): never => {
  throw new Error(`unreachable: ${JSON.stringify((value as { type?: unknown } | null)?.type ?? value)}`);
};
