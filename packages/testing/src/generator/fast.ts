/// <reference types="node" />
import { hash } from 'node:crypto';
import { EVENT_ID_NAMESPACE } from '@licheng/eventstore';

/**
 * The generator writes millions of events, so it computes two things the library computes per command
 * by faster means: the canonical JSON of the hash chain (RFC 8785, as `canonicalJson`, for the plain JSON
 * values it builds: well-formed strings, finite numbers, no `toJSON`) and the v5 UUID of `eventIdOf`.
 * Both are checked against the library's own in the generator's tests, on every generated event.
 */
export const fastCanonicalJson = (value: unknown): string => {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no ${value}`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let text = '[';
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          text += (i === 0 ? '' : ',') + (item === undefined ? 'null' : fastCanonicalJson(item));
        }
        return `${text}]`;
      }
      const record = value as Readonly<Record<string, unknown>>;
      const keys = Object.keys(record);
      if (keys.length > 1) keys.sort();
      let text = '{';
      let first = true;
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue;
        text += `${first ? '' : ','}${JSON.stringify(key)}:${fastCanonicalJson(item)}`;
        first = false;
      }
      return `${text}}`;
    }
    default:
      throw new TypeError(`canonical JSON has no ${typeof value}`);
  }
};

/** `linkHash` of the library, for metadata that carries no `hash` yet. */
export const fastLinkHash = (prevHash: string, type: string, data: unknown, metadataWithoutHash: unknown): string =>
  hash('sha256', `[${JSON.stringify(prevHash)},${JSON.stringify(type)},${fastCanonicalJson(data)},${fastCanonicalJson(metadataWithoutHash)}]`, 'hex');

const NAMESPACE = Buffer.from(EVENT_ID_NAMESPACE.replace(/-/g, ''), 'hex');

/** `eventIdOf` of the library: the RFC 4122 v5 UUID of `${streamName}/${commandId}/${index}`. */
export const fastEventId = (streamName: string, commandId: string, index: number): string => {
  const bytes = hash('sha1', Buffer.concat([NAMESPACE, Buffer.from(`${streamName}/${commandId}/${index}`, 'utf8')]), 'buffer');
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};
