import { canonicalJson, canonicallyEqual, headsDigest, linkHash, sha256Hex, GENESIS_HASH } from '@licheng/eventstore';
import fc from 'fast-check';

/** The encoding the hash chain, the seal digests and the transfer tokens rest on (docs/audit.md). */
describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units, as the RFC’s own example (section 3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Read the order off the text: a parsed object would put the integer-like key "1" first anyway.
    const text = canonicalJson(input);
    const order = ['\\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'].map((key) =>
      text.indexOf(`"${key}":`),
    );
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
  });

  it('writes numbers, strings and literals as the RFC’s example (section 3.2.2)', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('nests, leaves no whitespace, and leaves out undefined properties as JSON does', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: undefined }], a: '中' })).toBe('{"a":"中","b":[1,{"d":2}]}');
  });

  it('writes integer-like and __proto__ keys where they sort, as text', () => {
    expect(canonicalJson(JSON.parse('{"b":1,"10":2,"9":3,"__proto__":{"x":1}}'))).toBe(
      '{"10":2,"9":3,"__proto__":{"x":1},"b":1}',
    );
    expect(canonicalJson(JSON.parse('{"z":{"__proto__":[1]},"a":0}'))).toBe('{"a":0,"z":{"__proto__":[1]}}');
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":{"x":1}}'))).toBe('{"__proto__":{"x":1},"b":1}');
    expect(canonicalJson(JSON.parse('{"__proto__":{"y":2,"x":1}}'))).toBe('{"__proto__":{"x":1,"y":2}}');
    expect(canonicallyEqual(JSON.parse('{"__proto__":{"x":1}}'), JSON.parse('{"__proto__":{"x":2}}'))).toBe(false);
  });

  it('refuses what JSON cannot carry faithfully: NaN, Infinity, lone surrogates', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson({ x: Infinity })).toThrow();
    expect(() => canonicalJson('\ud800')).toThrow();
  });

  it('is the same before and after a store’s JSON round trip, and parses back to the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it(
    'writes exactly what the plain recursive formulation of RFC 8785 writes, and refuses exactly what it ' + 'refuses',
    () => {
      // The definition, written for clarity: sorted keys, JSON.stringify for every scalar, a regex for lone surrogates.
      const plain = (value: unknown): string => {
        if (typeof value === 'string') {
          if (/\p{Surrogate}/u.test(value)) throw new TypeError('lone surrogate');
          return JSON.stringify(value);
        }
        if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('not finite');
        if (value === null || typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
        if (Array.isArray(value))
          return `[${value.map((item) => (item === undefined ? 'null' : plain(item))).join(',')}]`;
        if (typeof value === 'object') {
          const record = value as Record<string, unknown>;
          if (typeof record['toJSON'] === 'function') return plain((record['toJSON'] as () => unknown).call(value));
          const keys = Object.keys(record)
            .filter((key) => record[key] !== undefined)
            .sort();
          return `{${keys.map((key) => `${plain(key)}:${plain(record[key])}`).join(',')}}`;
        }
        throw new TypeError(`no ${typeof value}`);
      };
      const outcome = (f: () => string): string => {
        try {
          return f();
        } catch {
          return 'refused';
        }
      };
      // Binary strings reach lone surrogates and escaped backslashes followed by "ud"; anything holds undefined, NaN,
      // Dates.
      const text = fc.oneof(
        fc.string({ unit: 'binary' }),
        fc.constantFrom('\\ud800', '\ud83d', '\ud83d\ude00', 'a\\udfff'),
      );
      const values = fc.anything({
        key: fc.oneof(text, fc.constant('__proto__')),
        values: [
          text,
          fc.double(),
          fc.integer(),
          fc.boolean(),
          fc.constant(null),
          fc.constant(undefined),
          fc.date({ noInvalidDate: true }),
        ],
      });
      // Objects of more than 16 keys are sorted another way: some of them too.
      const large = fc.dictionary(text, fc.oneof(fc.integer(), text), { minKeys: 17, maxKeys: 40 });
      fc.assert(
        fc.property(
          fc.oneof(values, large),
          (value) => outcome(() => canonicalJson(value)) === outcome(() => plain(value)),
        ),
        { numRuns: 3_000 },
      );
    },
  );

  it('calls two values equal exactly when both have the same canonical JSON', () => {
    const text = (value: unknown): string | null => {
      try {
        return canonicalJson(value);
      } catch {
        return null;
      }
    };
    const reordered = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reordered)
        : value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reordered(v)]),
            )
          : value;
    // Something changed deep inside: the first leaf met becomes another value (one that may still write the same).
    const changed = (value: unknown, by: unknown): unknown => {
      if (Array.isArray(value) && value.length > 0) return [changed(value[0], by), ...value.slice(1)];
      if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
        const keys = Object.keys(value);
        return keys.length === 0
          ? { x: by }
          : { ...value, [keys[0]!]: changed((value as Record<string, unknown>)[keys[0]!], by) };
      }
      return by;
    };
    const str = fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom('\ud800', 'a'));
    const leaf = fc.oneof(
      str,
      fc.double(),
      fc.constantFrom(0, -0, 1, null, undefined, true, NaN, Infinity),
      fc.date({ noInvalidDate: true }),
    );
    const values = fc.anything({ key: fc.oneof(str, fc.constant('__proto__')), values: [leaf], maxDepth: 3 });
    const variants = (a: unknown, by: unknown, how: number): unknown => {
      switch (how) {
        case 0:
          return a;
        case 1:
          return reordered(a);
        case 2:
          return text(a) === null ? a : JSON.parse(text(a)!);
        case 3:
          return changed(a, by);
        default:
          return by;
      }
    };
    fc.assert(
      fc.property(values, leaf, fc.integer({ min: 0, max: 4 }), (a, by, how) => {
        const b = variants(a, by, how);
        const ta = text(a);
        expect(canonicallyEqual(a, b)).toBe(ta !== null && ta === text(b));
        expect(canonicallyEqual(b, a)).toBe(ta !== null && ta === text(b));
      }),
      { numRuns: 5_000 },
    );
  });

  it('does not depend on the order keys were written in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
      }),
    );
  });
});

describe('hashes', () => {
  it('is SHA-256 of the UTF-8 bytes, in lowercase hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('links an event as SHA-256 of canonical [prevHash, type, data, metadata without its hash]', () => {
    const event = { type: 'T', data: { b: 1, a: 2 }, metadata: { z: 1, hash: 'ignored' } };
    expect(linkHash(GENESIS_HASH, event)).toBe(sha256Hex(`["${'0'.repeat(64)}","T",{"a":2,"b":1},{"z":1}]`));
  });

  it('digests heads sorted by stream name, whatever order they come in', () => {
    const a = ['school-x', 3, 'a'.repeat(64)] as const;
    const b = ['portfolio-x-1', 0, 'b'.repeat(64)] as const;
    expect(headsDigest([a, b])).toBe(headsDigest([b, a]));
    expect(headsDigest([a, b])).toBe(
      sha256Hex(`[["portfolio-x-1",0,"${'b'.repeat(64)}"],["school-x",3,"${'a'.repeat(64)}"]]`),
    );
  });
});
