/**
 * RFC 8785 (JCS) for the JSON this library stores: keys sorted by UTF-16 code units (what Array#sort does
 * without a comparator), numbers and strings written as ECMAScript's JSON.stringify writes them, no
 * whitespace. A property whose value is `undefined` is left out and an `undefined` array element is
 * `null`, as JSON.stringify does, so a value hashes the same before and after a store's JSON round trip.
 * NaN, infinities, lone surrogates, functions, symbols and bigints are refused with a TypeError.
 * Why not the `canonicalize` package: docs/decisions/0005-canonical-json.md.
 *
 * Every chain link and every audit comparison goes through it, so the usual case takes the native path:
 * the value is copied with its keys in sorted order and handed to JSON.stringify, which then writes the
 * canonical text itself. Two things JSON.stringify would write differently send a value down the plain
 * recursive path instead: an integer-like key (an object lists those first, in numeric order) and a lone
 * surrogate (which JSON.stringify escapes where canonical JSON refuses); so does a `__proto__` key.
 */
export const canonicalJson = (value: unknown): string => {
  const sorted = sortedCopy(value);
  if (sorted !== NOT_NATIVE) {
    const text = JSON.stringify(sorted);
    // A lone surrogate comes out as a `\udXXX` escape; the text may also hold an escaped backslash before "ud".
    if (!text.includes('\\ud')) return text;
  }
  return plainCanonicalJson(value);
};

const NOT_NATIVE: unique symbol = Symbol('not native');

const refuse = (what: string): never => {
  throw new TypeError(`canonical JSON has no ${what}`);
};

const isDigit = (key: string): boolean => {
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57;
};

/**
 * Sorts an object's keys by UTF-16 code units (string `<` compares as Array#sort does), in place; whether
 * they already were, or null for a key the native path cannot carry (integer-like, or `__proto__`). Objects
 * here are small, and insertion sort makes no calls and no moves on keys already in order; a large one is
 * left to Array#sort.
 */
const sortKeys = (keys: string[]): boolean | null => {
  let inOrder = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    // An own "__proto__" key (JSON.parse makes one) would set the copy's prototype when assigned.
    if (isDigit(key) || key === '__proto__') return null;
    if (i > 0 && keys[i - 1]! > key) inOrder = false;
  }
  if (inOrder) return true;
  if (keys.length > 16) {
    keys.sort();
    return false;
  }
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    for (; j >= 0 && keys[j]! > key; j--) keys[j + 1] = keys[j]!;
    keys[j + 1] = key;
  }
  return false;
};

/**
 * The value with every object's keys in sorted order, sharing whatever is already so; NOT_NATIVE if JSON.stringify
 * cannot write it.
 */
const sortedCopy = (value: unknown): unknown => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : refuse(String(value));
    case 'object': {
      if (value === null) return value;
      if (Array.isArray(value)) {
        let copy: unknown[] = value;
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          if (item === undefined) continue;
          const sorted = typeof item === 'string' ? item : sortedCopy(item);
          if (sorted === NOT_NATIVE) return NOT_NATIVE;
          if (sorted !== item) {
            if (copy === value) copy = value.slice();
            copy[i] = sorted;
          }
        }
        return copy;
      }
      const json = (value as { toJSON?: () => unknown }).toJSON;
      if (typeof json === 'function') return sortedCopy(json.call(value));
      // JSON.stringify writes a boxed primitive as the primitive; the definition writes its keys.
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return NOT_NATIVE;
      const record = value as Readonly<Record<string, unknown>>;
      const keys = Object.keys(record);
      const inOrder = sortKeys(keys);
      if (inOrder === null) return NOT_NATIVE;
      let copy: Record<string, unknown> | null = inOrder ? null : {};
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue;
        // Most values are strings: they need no call (a call per string was a fifth of an audit's chain check).
        const sorted = typeof item === 'string' ? item : sortedCopy(item);
        if (sorted === NOT_NATIVE) return NOT_NATIVE;
        if (copy === null && sorted !== item) copy = { ...record };
        if (copy !== null) copy[key] = sorted;
      }
      return copy ?? record;
    }
    case 'undefined':
      // Only at the top or nested in toJSON results: inside objects and arrays it was skipped above.
      return refuse('undefined');
    default:
      return refuse(typeof value);
  }
};

const isLoneSurrogate = (s: string): boolean => /\p{Surrogate}/u.test(s);

const stringJson = (s: string): string => {
  if (isLoneSurrogate(s)) throw new TypeError('canonical JSON needs well-formed Unicode strings');
  return JSON.stringify(s);
};

/** The definition, one value at a time: for what the native path cannot write the same way. */
const plainCanonicalJson = (value: unknown): string => {
  switch (typeof value) {
    case 'string':
      return stringJson(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : refuse(String(value));
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value))
        return `[${value.map((item: unknown) => (item === undefined ? 'null' : plainCanonicalJson(item))).join(',')}]`;
      const json = (value as { toJSON?: () => unknown }).toJSON;
      if (typeof json === 'function') return plainCanonicalJson(json.call(value));
      const record = value as Readonly<Record<string, unknown>>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      return `{${keys.map((key) => `${stringJson(key)}:${plainCanonicalJson(record[key])}`).join(',')}}`;
    }
    default:
      return refuse(typeof value);
  }
};

// String#isWellFormed (Node 20) scans natively; the regex is for runtimes without it.
const nativeWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;
const isWellFormed = (s: string): boolean => (nativeWellFormed ? nativeWellFormed.call(s) : !isLoneSurrogate(s));

const isPlainRecord = (value: unknown): value is Readonly<Record<string, unknown>> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
};

/** The same canonical JSON, or both refused; for what the structural walk leaves to the definition. */
const sameText = (a: unknown, b: unknown): boolean => {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
};

/**
 * Whether two values have the same canonical JSON, found without writing it (the audit compares every event
 * it decides again with the stored one). A value canonical JSON refuses equals nothing, itself included.
 * Plain data is walked; anything else (toJSON, class instances, values of different kinds) is written out.
 */
export const canonicallyEqual = (a: unknown, b: unknown): boolean => {
  if (typeof a === 'string' && typeof b === 'string') return a === b && isWellFormed(a);
  if (typeof a === 'number' && typeof b === 'number') return a === b && Number.isFinite(a);
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b;
  if (a === null && b === null) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      // An undefined element is written as null.
      if (!canonicallyEqual(a[i] ?? null, b[i] ?? null)) return false;
    }
    return true;
  }
  if (!isPlainRecord(a) || !isPlainRecord(b)) return sameText(a, b);
  let defined = 0;
  for (const key of Object.keys(a)) {
    const value = a[key];
    if (value === undefined) continue;
    defined += 1;
    if (!Object.prototype.hasOwnProperty.call(b, key) || !isWellFormed(key) || !canonicallyEqual(value, b[key]))
      return false;
  }
  for (const key of Object.keys(b)) if (b[key] !== undefined) defined -= 1;
  return defined === 0;
};
