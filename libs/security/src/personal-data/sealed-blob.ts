import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// A sealed file: "CLB1" | iv (12 bytes) | tag (16 bytes) | ciphertext, AES-256-GCM under the subject's data
// key, bound by the AAD to its subject and name (a blob moved to another case or name does not open).
const MAGIC = Buffer.from('CLB1', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const sealBytes = (plaintext: Buffer, key: Buffer, context: string): Buffer => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), ciphertext]);
};

/** The plaintext, or undefined when this key and context do not open the bytes (altered, truncated, another key). */
export const unsealBytes = (sealed: Buffer, key: Buffer, context: string): Buffer | undefined => {
  if (sealed.length < MAGIC.length + IV_BYTES + TAG_BYTES || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const iv = sealed.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
  const tag = sealed.subarray(MAGIC.length + IV_BYTES, MAGIC.length + IV_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(MAGIC.length + IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    return undefined;
  }
};
