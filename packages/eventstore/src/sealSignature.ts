import * as crypto from 'node:crypto';
import { canonicalJson } from './canonicalJson';
import type { StreamHead } from './metadata';

/**
 * Signed seals (docs/audit.md, issue 16): the deadline runner holds an Ed25519 private key and signs each
 * seal's statement — the school stream it is written to, the round it closes and the exact heads it covers.
 * A store writer can recompute every hash chain, but not this signature; `licheng audit verify
 * --public-key` checks it. node:crypto only: no new dependency.
 */

export interface SealStatement {
  readonly schoolStream: string;
  readonly category: string;
  readonly period: string;
  readonly digest: string;
  readonly heads: ReadonlyArray<StreamHead>;
  /** The round's cohorts (R-ROUND-1); absent for the every-cohort round. Signed from statement 2 on. */
  readonly cohorts?: ReadonlyArray<number>;
}

/** What a signature covers: 1, the first statement (no cohorts); 2, with the round's cohorts. */
export type SealStatementVersion = 1 | 2;

/**
 * The bytes signed: canonical JSON, so the verifier rebuilds them exactly from the stored seal. Each version
 * has its own `purpose`, so a signature made over one can never be read as made over the other.
 */
export const sealStatementBytes = (statement: SealStatement, version: SealStatementVersion = 2): Buffer => {
  const { cohorts, ...rest } = statement;
  const common = { ...rest, heads: statement.heads.map((head) => [...head]) };
  const signed =
    version === 1
      ? { ...common, purpose: 'licheng seal v3' }
      : { ...common, cohorts: cohorts === undefined ? null : [...cohorts], purpose: 'licheng seal v4' };
  return Buffer.from(canonicalJson(signed), 'utf8');
};

/** First 16 hex digits of the SHA-256 of the public key's SPKI DER: short, and the same wherever it is printed. */
export const sealKeyIdOf = (publicKey: crypto.KeyObject): string =>
  crypto
    .createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);

export interface SealKey {
  readonly privateKey: crypto.KeyObject;
  readonly keyId: string;
}

/** A signing key from a PEM private key (PKCS#8), as `openssl genpkey -algorithm ed25519` writes it. */
export const sealKeyFromPem = (pem: string): SealKey => {
  const privateKey = crypto.createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error(`a seal key must be Ed25519, not ${privateKey.asymmetricKeyType}`);
  return { privateKey, keyId: sealKeyIdOf(crypto.createPublicKey(privateKey)) };
};

/** Signs the current statement (2: cohorts included) and says so in the signature. */
export const signSeal = (key: SealKey, statement: SealStatement) => ({
  algorithm: 'Ed25519' as const,
  keyId: key.keyId,
  value: crypto.sign(null, sealStatementBytes(statement, 2), key.privateKey).toString('base64'),
  statement: 2 as const,
});

/** Whether `signature` (base64) is the key's signature of the statement in the version it names; never throws. */
export const sealSignatureHolds = (
  publicKey: crypto.KeyObject,
  statement: SealStatement,
  signature: string,
  version: SealStatementVersion = 1,
): boolean => {
  try {
    return crypto.verify(null, sealStatementBytes(statement, version), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
};
