import type { NewEvent } from './port';

const toJson = (value: unknown, what: string): string => {
  const text: string | undefined = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`event ${what} must be JSON-serialisable, got ${typeof value}`);
  return text;
};

/**
 * The JSON texts a store writes for an event's data and metadata: the writer's own when it gave them
 * (`NewEvent.json`), so that a command handler's events are serialised once, else `JSON.stringify`'s.
 * Throws a TypeError for a value JSON cannot hold (a function, `undefined`), so a store calls it for the
 * whole batch before writing any of it.
 */
export const newEventJson = (event: NewEvent): readonly [data: string, metadata: string] =>
  event.json === undefined
    ? [toJson(event.data, 'data'), toJson(event.metadata, 'metadata')]
    : [event.json.data, event.json.metadata];
