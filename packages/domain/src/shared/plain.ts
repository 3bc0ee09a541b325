import * as E from 'fp-ts/Either';
import { domainError, type DomainError } from './errors';

/**
 * The boundary copy of an untrusted command: a fresh tree of plain objects and arrays holding only the
 * input's own data, each value read once. What the decider sees is then what is stored:
 * - a field served by a getter (own or inherited, a class instance's) is not data, so it is absent here
 *   and the codec refuses the command naming it, instead of checking a value JSON would later drop;
 * - a proxy is read once, through its traps, and a trap that throws becomes a refusal naming the path;
 * - mutating the caller's object after `execute` was called changes nothing (the copy is taken at once);
 * - a lone surrogate (half of a UTF-16 pair) in any string or key is refused naming its path: it has no
 *   UTF-8 form, and canonical JSON (the hash chain) cannot write it.
 * An own `__proto__` key is kept as an own key, for the decoder to refuse as before.
 */

const MAX_DEPTH = 64;

type Refusal = { readonly path: string; readonly expected: string; readonly actual: string };

class Refused {
  constructor(readonly refusal: Refusal) {}
}

const pathOf = (path: ReadonlyArray<string>): string => (path.length === 0 ? '(root)' : path.join('.'));

const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Index of the first lone surrogate in `s`, or -1. In a unicode pattern a well-formed pair reads as one code
 * point, so `\p{Cs}` (the surrogate category) matches only a half without its partner. `isWellFormed` (ES2024,
 * in every Node the packages support) answers the common case natively.
 */
export const loneSurrogateAt = (s: string): number =>
  (s as string & { isWellFormed(): boolean }).isWellFormed() ? -1 : s.search(LONE_SURROGATE);

const checkText = (s: string, path: ReadonlyArray<string>): void => {
  const at = loneSurrogateAt(s);
  if (at >= 0) {
    throw new Refused({
      path: pathOf(path),
      expected: 'text without lone surrogates',
      actual: `lone surrogate U+${s.charCodeAt(at).toString(16).toUpperCase()} at index ${at}`,
    });
  }
};

const copy = (value: unknown, path: string[], depth: number): unknown => {
  if (typeof value === 'string') {
    checkText(value, path);
    return value;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH)
    throw new Refused({ path: pathOf(path), expected: `at most ${MAX_DEPTH} levels of nesting`, actual: 'deeper' });
  const keys = Reflect.ownKeys(value);
  const target: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  for (const key of keys) {
    if (typeof key === 'symbol') continue;
    if (Array.isArray(value) && key === 'length') continue;
    const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
    // Accessors and non-enumerable properties are not data a JSON store would keep.
    if (descriptor === undefined || !descriptor.enumerable || !('value' in descriptor)) continue;
    path.push(key);
    checkText(key, path);
    const item = copy(descriptor.value, path, depth + 1);
    path.pop();
    if (item === undefined && !Array.isArray(target)) continue;
    // Assignment makes the same own data property on a fresh object or array, several times faster than
    // defineProperty; only `__proto__` would reach a setter (Object.prototype's) instead.
    if (key === '__proto__')
      Object.defineProperty(target, key, { value: item, enumerable: true, writable: true, configurable: true });
    else (target as Record<string, unknown>)[key] = item;
  }
  return target;
};

const refused = (what: string, refusal: Refusal): DomainError<'INVALID_INPUT'> =>
  domainError(
    'INVALID_INPUT',
    null,
    `${what} 格式錯誤（${refusal.path}）：${refusal.expected}，實為 ${refusal.actual}`,
    `${what} is malformed at ${refusal.path}: expected ${refusal.expected}, got ${refusal.actual}`,
    { paths: [refusal.path], problems: [refusal] },
  );

/** A plain copy of the input's own data, or the refusal naming where it could not be copied. */
export const plainCopyOf = (input: unknown, what: string): E.Either<DomainError<'INVALID_INPUT'>, unknown> => {
  const path: string[] = [];
  try {
    return E.right(copy(input, path, 0));
  } catch (error) {
    if (error instanceof Refused) return E.left(refused(what, error.refusal));
    // A proxy's trap threw: refuse, naming where the copy was reading.
    return E.left(
      refused(what, { path: pathOf(path), expected: 'readable data', actual: 'a value that threw when read' }),
    );
  }
};

/** The walk of `copy` over JSON data, refusing what it refuses at the same path, copying nothing. */
const check = (value: unknown, path: string[], depth: number): void => {
  if (typeof value === 'string') return checkText(value, path);
  if (typeof value !== 'object' || value === null) return;
  if (depth >= MAX_DEPTH)
    throw new Refused({ path: pathOf(path), expected: `at most ${MAX_DEPTH} levels of nesting`, actual: 'deeper' });
  // Object.keys lists an object's (or array's) own enumerable string keys in the order Reflect.ownKeys does.
  for (const key of Object.keys(value)) {
    path.push(key);
    checkText(key, path);
    check((value as Record<string, unknown>)[key], path, depth + 1);
    path.pop();
  }
};

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Whether `check` would pass `value`, answered without the path it keeps for a refusal: every audited command
 * is checked, and nearly every one passes. An array's keys are listed as `check` lists them; an object's are
 * visited by `for…in`, which makes no array of them and visits every key `Object.keys` lists, and a key it finds
 * inherited (which `check` would not visit) answers no, so a `false` is settled by `check` itself.
 */
const passes = (value: unknown, depth: number): boolean => {
  if (typeof value === 'string') return loneSurrogateAt(value) < 0;
  if (typeof value !== 'object' || value === null) return true;
  if (depth >= MAX_DEPTH) return false;
  const record = value as Record<string, unknown>;
  if (Array.isArray(value)) {
    for (const key of Object.keys(value))
      if (loneSurrogateAt(key) >= 0 || !passes(record[key], depth + 1)) return false;
    return true;
  }
  for (const key in record) {
    if (!hasOwn.call(record, key) || loneSurrogateAt(key) >= 0 || !passes(record[key], depth + 1)) return false;
  }
  return true;
};

/**
 * For data the caller parsed from JSON itself (the audit re-deciding stored commands): JSON.parse makes only
 * plain objects and arrays of own enumerable data properties, so `plainCopyOf` would copy them as they are.
 * The same refusals (a lone surrogate, too deep a nesting) are found by the same walk without the copy, and
 * the input is handed on as it is: for a JSON value, equal to `plainCopyOf` (plain.test.ts).
 */
export const checkedJsonOf = (input: unknown, what: string): E.Either<DomainError<'INVALID_INPUT'>, unknown> => {
  if (passes(input, 0)) return E.right(input);
  const path: string[] = [];
  try {
    check(input, path, 0);
    return E.right(input);
  } catch (error) {
    if (error instanceof Refused) return E.left(refused(what, error.refusal));
    throw error;
  }
};
