import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { demoSealKey } from '../../../examples/school-year/src/sealKey';
import { auditLog } from './audit';
import { linesOf, logOf, simulatedYear } from './testing/histories';

/** The example's deadline runner signs its seals; its log verifies with the public key it writes (seal.pub). */
describe('the school-year example signs its seals', () => {
  it('passes audit verify with the public key, and fails with another key', async () => {
    const seal = demoSealKey(111);
    const { records } = await simulatedYear(4, 111, seal.key);
    const log = logOf(linesOf(records));
    const sealed = records.filter((r) => r.type === 'PeriodSealed');
    expect(sealed.length).toBeGreaterThan(0);
    expect(
      sealed.every(
        (r) =>
          (r.data as { integrity?: { signature?: { keyId?: string } } }).integrity?.signature?.keyId === seal.key.keyId,
      ),
    ).toBe(true);
    const report = auditLog(log, { publicKey: createPublicKey(seal.publicPem) });
    expect(report.findings.filter((f) => f.kind !== 'unverifiable')).toEqual([]);
    const other = auditLog(log, { publicKey: generateKeyPairSync('ed25519').publicKey });
    expect(other.counts['unsigned-seal']).toBe(sealed.length);
  });

  it('derives the same key from the same seed, and another from another seed', () => {
    expect(demoSealKey(111).publicPem).toBe(demoSealKey(111).publicPem);
    expect(demoSealKey(112).key.keyId).not.toBe(demoSealKey(111).key.keyId);
  });
});
