import * as crypto from 'node:crypto';
import { sealKeyFromPem, sealStatementBytes, type RecordedEvent, type StreamHead } from '@licheng/eventstore';
import { auditLog } from './audit';
import { linesOf, logOf, rechain, simulatedYear } from './testing/histories';

type Seal = RecordedEvent & {
  data: {
    category: string;
    period: string;
    digest: string;
    cohorts?: number[];
    integrity: { heads: StreamHead[]; signature: Record<string, unknown> };
  };
};

/** Seals signed before the statement covered the round's cohorts (statement 1) keep verifying (issue 16). */
describe('seal signatures by statement version', () => {
  const keys = crypto.generateKeyPairSync('ed25519');
  const sealKey = sealKeyFromPem(keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());

  /**
   * The last seal as the previous release signed it: statement 1, no `statement` field, in the seal and in its
   * recorded command alike, the school stream re-chained (no later seal covers it, so nothing else changes).
   */
  const lastSignedAsBefore = (lines: ReadonlyArray<string>): string[] => {
    const index = lines.map((line) => (JSON.parse(line) as Seal).type).lastIndexOf('PeriodSealed');
    const record = JSON.parse(lines[index]!) as Seal & {
      metadata: { command: { type: string; data: Record<string, unknown> } };
    };
    const { category, period, digest, integrity } = record.data;
    const bytes = sealStatementBytes(
      { schoolStream: record.streamName, category, period, digest, heads: integrity.heads },
      1,
    );
    const signature = {
      algorithm: 'Ed25519',
      keyId: sealKey.keyId,
      value: crypto.sign(null, bytes, sealKey.privateKey).toString('base64'),
    };
    const resigned = { ...integrity, signature };
    const command = { ...record.metadata.command, data: { ...record.metadata.command.data, integrity: resigned } };
    const edited = {
      ...record,
      data: { ...record.data, integrity: resigned },
      metadata: { ...record.metadata, command },
    };
    return rechain(
      lines.map((line, i) => (i === index ? JSON.stringify(edited) : line)),
      record.streamName,
    );
  };

  it('verifies seals signed over statement 2 (cohorts included) and over statement 1 alike', async () => {
    const lines = linesOf((await simulatedYear(4, 111, sealKey)).records);
    const seals = lines.map((line) => JSON.parse(line) as Seal).filter((r) => r.type === 'PeriodSealed');
    expect(seals.some((seal) => seal.data.cohorts !== undefined)).toBe(true);
    expect(seals.every((seal) => seal.data.integrity.signature['statement'] === 2)).toBe(true);
    const real = (ls: string[]) =>
      auditLog(logOf(ls), { publicKey: keys.publicKey }).findings.filter((f) => f.kind !== 'unverifiable');
    expect(real(lines)).toEqual([]);
    const before = lastSignedAsBefore(lines);
    expect(before).not.toEqual(lines);
    expect(real(before)).toEqual([]);
  });

  it('never reads a signature over one statement as one over the other', () => {
    const statement = {
      schoolStream: 'school-s',
      category: 'courseRecords',
      period: '1112',
      digest: 'a'.repeat(64),
      heads: [],
    };
    expect(sealStatementBytes(statement, 1).equals(sealStatementBytes(statement, 2))).toBe(false);
    expect(sealStatementBytes({ ...statement, cohorts: [109] }, 2).equals(sealStatementBytes(statement, 2))).toBe(
      false,
    );
  });
});
