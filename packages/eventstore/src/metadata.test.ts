import fc from 'fast-check';
import { canonicalJson } from './canonicalJson';
import { GENESIS_HASH, linkHash, sha256Hex } from './metadata';

/** The link as docs/audit.md defines it, with the hash left out by a plain spread. */
const linkByDefinition = (prev: string, event: { type: string; data: unknown; metadata: unknown }): string => {
  const metadata = event.metadata;
  const covered =
    typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata)
      ? (({ hash: _hash, ...rest }) => rest)(metadata as Record<string, unknown>)
      : metadata;
  return sha256Hex(canonicalJson([prev, event.type, event.data, covered]));
};

describe('a chain link', () => {
  it('hashes what the definition hashes, whatever the order, names and values of the metadata keys', () => {
    // Keys out of order, integer-like keys, "__proto__" (as JSON.parse makes it) and a stored hash.
    const key = fc.oneof(fc.string(), fc.constantFrom('hash', '__proto__', '1', '10', 'actor', 'command'));
    const value = fc.jsonValue({ maxDepth: 2 }).filter((v) => !Object.is(v, -0));
    const metadata = fc.oneof(
      fc
        .array(fc.tuple(key, value), { maxLength: 8 })
        .map((entries) => JSON.parse(`{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)}}`)),
      value,
    );
    fc.assert(
      fc.property(fc.string(), value, metadata, (type, data, stored) => {
        const event = { type, data, metadata: stored as unknown };
        expect(linkHash(GENESIS_HASH, event)).toBe(linkByDefinition(GENESIS_HASH, event));
      }),
      { numRuns: 500 },
    );
  });
});
