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
}

/** The bytes signed: canonical JSON, so the verifier rebuilds them exactly from the stored seal. */
export const sealStatementBytes = (statement: SealStatement): Buffer =>
  Buffer.from(canonicalJson({ ...statement, heads: statement.heads.map((head) => [...head]), purpose: 'licheng seal v3' }), 'utf8');

/** First 16 hex digits of the SHA-256 of the public key's SPKI DER: short, and the same wherever it is printed. */
export const sealKeyIdOf = (publicKey: crypto.KeyObject): string =>
  crypto.createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);

export interface SealKey {
  readonly privateKey: crypto.KeyObject;
  readonly keyId: string;
}

/** A signing key from a PEM private key (PKCS#8), as `openssl genpkey -algorithm ed25519` writes it. */
export const sealKeyFromPem = (pem: string): SealKey => {
  const privateKey = crypto.createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`a seal key must be Ed25519, not ${privateKey.asymmetricKeyType}`);
  return { privateKey, keyId: sealKeyIdOf(crypto.createPublicKey(privateKey)) };
};

export const signSeal = (key: SealKey, statement: SealStatement) => ({
  algorithm: 'Ed25519' as const,
  keyId: key.keyId,
  value: crypto.sign(null, sealStatementBytes(statement), key.privateKey).toString('base64'),
});

/** Whether `signature` (base64) is the key's signature of the statement; never throws. */
export const sealSignatureHolds = (publicKey: crypto.KeyObject, statement: SealStatement, signature: string): boolean => {
  try {
    return crypto.verify(null, sealStatementBytes(statement), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
};
