import * as t from 'io-ts';

/** Builds an event codec `{ type, data }`; the type literal is the event's name in the store. */
export const eventCodec = <T extends string, P extends t.Mixed>(type: T, data: P) =>
  t.type({ type: t.literal(type), data }, type);

/** An event or command shape: a type tag and its data. */
export interface Tagged {
  readonly type: string;
  readonly data: unknown;
}

/** The codec of each member of a union of `eventCodec`s, keyed by type name, for the store's serializer. */
export const codecsByType = <U extends Tagged>(
  members: ReadonlyArray<t.Type<U, unknown, unknown> | t.Mixed>,
): { readonly [K in U['type']]: t.Type<Extract<U, { type: K }>, unknown, unknown> } =>
  Object.fromEntries(members.map((codec) => [codec.name, codec])) as never;
