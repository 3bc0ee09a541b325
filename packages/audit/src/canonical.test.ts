import { canonicalJson, headsDigest, linkHash, sha256Hex, GENESIS_HASH } from '@licheng/eventstore';
import fc from 'fast-check';

/** The encoding the hash chain, the seal digests and the transfer tokens rest on (docs/audit.md). */
describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units, as the RFC’s own example (section 3.2.3)', () => {
    const input = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
    // Read the order off the text: a parsed object would put the integer-like key "1" first anyway.
    const text = canonicalJson(input);
    const order = ['\\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'].map((key) => text.indexOf(`"${key}":`));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
  });

  it('writes numbers, strings and literals as the RFC’s example (section 3.2.2)', () => {
    const input = JSON.parse('{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}');
    expect(canonicalJson(input)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it('nests, leaves no whitespace, and leaves out undefined properties as JSON does', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: undefined }], a: '中' })).toBe('{"a":"中","b":[1,{"d":2}]}');
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

  it('does not depend on the order keys were written in', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.integer()), (record) => {
      const reversed = Object.fromEntries(Object.entries(record).reverse());
      expect(canonicalJson(reversed)).toBe(canonicalJson(record));
    }));
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
    expect(headsDigest([a, b])).toBe(sha256Hex(`[["portfolio-x-1",0,"${'b'.repeat(64)}"],["school-x",3,"${'a'.repeat(64)}"]]`));
  });
});
