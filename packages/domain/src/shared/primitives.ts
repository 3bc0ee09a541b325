import * as t from 'io-ts';
import { isLowerHex, isTextWithin } from './lexical.fast';

/**
 * The names every JavaScript object answers to: `Object.prototype`'s own properties, as the language defines
 * them. Ids are keys of the states' records, where `outcomes['constructor']` would find Object's constructor
 * (an outcome that was never uploaded) and `outcomes['__proto__'] = …` would replace the record's prototype;
 * so no id may be one of them (docs/decisions/0007-ids-that-are-object-members.md).
 */
export const OBJECT_MEMBER_NAMES: ReadonlySet<string> = new Set([
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
]);

// The names by length: a Set's lookup hashes the string, which costs as much again as the pattern's test,
// and every stored event's ids pass here; almost no id has a member's length, and the rest differ at once.
const MEMBER_NAMES_BY_LENGTH: ReadonlyArray<ReadonlyArray<string> | undefined> = [...OBJECT_MEMBER_NAMES].reduce<
  string[][]
>((byLength, name) => {
  (byLength[name.length] ??= []).push(name);
  return byLength;
}, []);

/** Whether `s` is one of the `OBJECT_MEMBER_NAMES`. */
export const isObjectMemberName = (s: string): boolean => MEMBER_NAMES_BY_LENGTH[s.length]?.includes(s) === true;

/**
 * An identifier chosen by the embedding service: 1–64 characters, letters, digits and `_ . : -`, and not one
 * of the `OBJECT_MEMBER_NAMES`.
 */
export interface IdBrand {
  readonly Id: unique symbol;
}
const ID = /^[A-Za-z0-9_.:-]{1,64}$/;
export const Id = t.brand(t.string, (s): s is t.Branded<string, IdBrand> => ID.test(s) && !isObjectMemberName(s), 'Id');
export type Id = t.TypeOf<typeof Id>;

export interface SchoolIdBrand {
  readonly SchoolId: unique symbol;
}
/**
 * A school's id: as `Id` but without '-', because stream names put it before a '-' (`portfolio-{schoolId}-{studentId}`)
 * and a hyphen would make `portfolio-a-b-s1` belong to school `a` and to school `a-b` at once.
 */
const SCHOOL_ID = /^[A-Za-z0-9_.:]{1,64}$/;
export const SchoolId = t.brand(
  t.string,
  (s): s is t.Branded<string, SchoolIdBrand> => SCHOOL_ID.test(s) && !isObjectMemberName(s),
  'SchoolId',
);
export type SchoolId = t.TypeOf<typeof SchoolId>;

export interface NonEmptyTextBrand {
  readonly NonEmptyText: unique symbol;
}
/** Text with at least one non-space character, at most 200 code points. */
export const NonEmptyText = t.brand(
  t.string,
  (s): s is t.Branded<string, NonEmptyTextBrand> => isTextWithin(s, 200),
  'NonEmptyText',
);
export type NonEmptyText = t.TypeOf<typeof NonEmptyText>;

/** A SHA-256 digest written as 64 lowercase hexadecimal digits (file contents, hash chains, seal digests). */
export const isSha256Hex = (s: string): boolean => isLowerHex(s, 64);
export const Sha256Hex = t.refinement(t.string, isSha256Hex, 'Sha256Hex');

export interface PositiveIntBrand {
  readonly PositiveInt: unique symbol;
}
export const PositiveInt = t.brand(
  t.number,
  (n): n is t.Branded<number, PositiveIntBrand> => Number.isSafeInteger(n) && n > 0,
  'PositiveInt',
);
export type PositiveInt = t.TypeOf<typeof PositiveInt>;

export interface NonNegativeIntBrand {
  readonly NonNegativeInt: unique symbol;
}
export const NonNegativeInt = t.brand(
  t.number,
  (n): n is t.Branded<number, NonNegativeIntBrand> => Number.isSafeInteger(n) && n >= 0,
  'NonNegativeInt',
);
export type NonNegativeInt = t.TypeOf<typeof NonNegativeInt>;

/** Counts Unicode code points, as R-FILE-2 does, so that one Chinese character counts once. */
export const codePointLength = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/**
 * Required and optional fields; optional ones are present with a value or absent (never `undefined`, see
 * exactOptionalPropertyTypes). Exact: fields the codec does not define are dropped, so nothing a caller
 * adds (file bytes, say — R-FILE-4) can ride into an event.
 */
export const withOptional = <R extends t.Props, O extends t.Props>(required: R, optional: O, name: string) =>
  t.exact(t.intersection([t.type(required), t.partial(optional)]), name);
