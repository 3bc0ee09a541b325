import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { sealKeyFromPem, type SealKey } from '@licheng/eventstore';

/** PKCS#8 DER of an Ed25519 private key, up to its 32-byte seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The example's seal key, derived from its seed so that a run is reproducible: the same seed signs the same
 * seals. A demonstration only: anyone can derive it, so it proves nothing about who sealed. A school's
 * deadline runner keeps a key of its own, generated and held as docs/audit.md says.
 */
export const demoSealKey = (seed: number): { readonly key: SealKey; readonly publicPem: string } => {
  const secret = createHash('sha256').update(`licheng example seal key, seed ${seed}`).digest();
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, secret]),
    format: 'der',
    type: 'pkcs8',
  });
  const key = sealKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  return { key, publicPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
};
