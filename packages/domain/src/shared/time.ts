import * as t from 'io-ts';
import { isTaipeiMinute } from './lexical.fast';

/**
 * Instants are Asia/Taipei wall-clock minutes written `YYYY-MM-DDTHH:mm+08:00` (R-TIME-2).
 * Taipei has had no daylight saving since 1979, so one fixed offset is exact, and because every
 * instant carries the same offset and width, string order is time order: windows compare strings.
 */
export interface TaipeiInstantBrand {
  readonly TaipeiInstant: unique symbol;
}
export type TaipeiInstant = t.Branded<string, TaipeiInstantBrand>;

/** `YYYY-MM-DDTHH:mm+08:00`, a real date and minute: `isTaipeiMinute` of lexical.ts, checked by its fast twin. */
export const TaipeiInstant = t.brand(t.string, (s): s is TaipeiInstant => isTaipeiMinute(s), 'TaipeiInstant');

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Converts a JavaScript Date (any zone) to the Taipei minute that contains it; seconds are dropped. */
export const taipeiInstantOf = (date: Date): TaipeiInstant => {
  if (Number.isNaN(date.getTime())) throw new RangeError('taipeiInstantOf: an invalid Date has no instant');
  const shifted = new Date(date.getTime() + 8 * 60 * 60 * 1000);
  return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}T${pad(
    shifted.getUTCHours(),
  )}:${pad(shifted.getUTCMinutes())}+08:00` as TaipeiInstant;
};

/** Milliseconds since the Unix epoch of a Taipei instant. */
export const epochMillisOf = (instant: TaipeiInstant): number => Date.parse(instant);

/** Builds an instant from Taipei wall-clock parts; throws on an impossible date (for tests and seeds). */
export const taipeiInstant = (text: string): TaipeiInstant => {
  const withZone = text.length === 16 ? `${text}+08:00` : text;
  if (!TaipeiInstant.is(withZone)) throw new Error(`not a Taipei minute instant: ${text}`);
  return withZone;
};

/** The calendar date `YYYY-MM-DD` of an instant, in Taipei. */
export const dateOf = (instant: TaipeiInstant): string => instant.slice(0, 10);

/** A half-open window `[start, end)` (R-TIME-2). */
export const Window = t.strict({ start: TaipeiInstant, end: TaipeiInstant }, 'Window');
export type Window = t.TypeOf<typeof Window>;

/** R-TIME-2: open from `start` inclusive until `end` exclusive. */
export const isWithin = (window: Window, now: TaipeiInstant): boolean => window.start <= now && now < window.end;

/** `inner` lies wholly inside `outer` (both half-open). */
export const liesWithin = (inner: Window, outer: Window): boolean =>
  outer.start <= inner.start && inner.end <= outer.end;
