import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Two formats (ADR 0017). Both AES-256-GCM under the subject's data key, base64url.
// v1 (per field, read only): each personal field is a string "sealed:v1:<iv>:<ciphertext>:<tag>", bound to its
//   subject and field by the AAD "<subject>|<field>": one decryption per field.
// v2 (per event, written): the event's personal fields, as JSON {"<field>": value}, in one envelope
//   "sealed:v2:<iv>:<ciphertext>:<tag>" kept at data[ENVELOPE_FIELD], bound to its subject and event type by the
//   AAD "<subject>|<type>"; each sealed field keeps its place, holding SEALED_MARK: one decryption per event.
const V1 = 'sealed:v1:';
const V2 = 'sealed:v2:';

/** Where an event's v2 envelope is kept in its data. */
export const ENVELOPE_FIELD = '_sealed';
/** What a personal field of a v2-sealed event holds in the log: its value is in the event's envelope. */
export const SEALED_MARK = 'sealed:v2';

/** A sealed value of either format: a v1 field, a v2 envelope, or a field whose value is in a v2 envelope. */
export const isSealed = (value: unknown): value is string =>
  typeof value === 'string' && (value.startsWith(V1) || value.startsWith(V2) || value === SEALED_MARK);

export const isEnvelope = (value: unknown): value is string => typeof value === 'string' && value.startsWith(V2);

const encrypt = (prefix: string, plaintext: string, key: Buffer, context: string): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${prefix}${iv.toString('base64url')}:${ciphertext.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}`;
};

const decrypt = (prefix: string, sealed: string, key: Buffer, context: string): string | undefined => {
  const [iv, ciphertext, tag] = sealed.slice(prefix.length).split(':').map((part) => Buffer.from(part, 'base64url'));
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
};

/** A v1 field (no longer written by the vault; kept to make fixtures of the old format). */
export const seal = (plaintext: string, key: Buffer, context: string): string => encrypt(V1, plaintext, key, context);

/** The plaintext of a v1 field, or undefined when this key and context do not open it (tampered, or another key). */
export const unseal = (sealed: string, key: Buffer, context: string): string | undefined =>
  sealed.startsWith(V1) ? decrypt(V1, sealed, key, context) : undefined;

/** A v2 envelope of an event's personal fields. */
export const sealEnvelope = (fields: Record<string, string>, key: Buffer, context: string): string => encrypt(V2, JSON.stringify(fields), key, context);

/** The fields of a v2 envelope, or undefined when this key and context do not open it. */
export const openEnvelope = (envelope: string, key: Buffer, context: string): Record<string, string> | undefined => {
  const plaintext = isEnvelope(envelope) ? decrypt(V2, envelope, key, context) : undefined;
  return plaintext === undefined ? undefined : (JSON.parse(plaintext) as Record<string, string>);
};
