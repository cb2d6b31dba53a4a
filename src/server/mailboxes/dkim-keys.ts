import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';

const generateKeyPairAsync = promisify(generateKeyPair);

export type DkimKeyPair = {
  /** PKCS#8 PEM, to be sealed before it is stored. */
  privateKeyPem: string;
  /** Base64 DER SubjectPublicKeyInfo: the `p=` value of the DNS record. */
  publicKeyBase64: string;
};

/** A fresh RSA 2048 pair (off the event loop: generation takes a few hundred ms). */
export async function generateDkimKeyPair(): Promise<DkimKeyPair> {
  const { privateKey, publicKey } = await generateKeyPairAsync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyBase64: Buffer.from(publicKey).toString('base64') };
}

/** A selector that dates the key, so a rotated key can be published beside the old one. */
export function defaultDkimSelector(now = new Date()): string {
  return `sm${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}
