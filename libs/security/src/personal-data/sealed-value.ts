import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// A sealed personal field is a string, so events keep their shape: "sealed:v1:<iv>:<ciphertext>:<tag>"
// (base64url), AES-256-GCM under the subject's data key, bound to its subject and field by the AAD.
const PREFIX = 'sealed:v1:';

export const isSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith(PREFIX);

export const seal = (plaintext: string, key: Buffer, context: string): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${PREFIX}${iv.toString('base64url')}:${ciphertext.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}`;
};

/** The plaintext, or undefined when this key and context do not open it (tampered, or another key). */
export const unseal = (sealed: string, key: Buffer, context: string): string | undefined => {
  const [iv, ciphertext, tag] = sealed.slice(PREFIX.length).split(':').map((part) => Buffer.from(part, 'base64url'));
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
};
