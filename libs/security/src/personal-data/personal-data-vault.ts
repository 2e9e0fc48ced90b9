import { ERASED, PERSONAL_DATA_FIELDS } from '@app/domain';
import { KeyStore } from './key-store.port';
import { isSealed, seal, unseal } from './sealed-value';

type EventLike = { type: string; data: unknown };
type Data = Record<string, unknown>;

/** What a sealed field reads as when its key exists but does not open it (a tampered event). */
export const UNREADABLE = '[unreadable]';

/**
 * Crypto-shredding of complainants' personal data: the fields DOMAIN's PERSONAL_DATA_FIELDS names are
 * sealed with the complaint's data key before the events are chained and appended (so the hash chain
 * covers the ciphertext), and opened when read. Erasing destroys the key: every copy of the ciphertext,
 * in events, read models and backups, becomes unreadable at once.
 */
export class PersonalDataVault {
  constructor(private readonly keys: KeyStore) {}

  /**
   * The events with their personal fields sealed; for an erased subject they are recorded as erased.
   * Resolves once every new key is durably stored, so the caller may append the events.
   */
  async seal<E extends EventLike>(events: readonly E[], now: Date): Promise<E[]> {
    const keyOf = lookupOncePerCall((subject) => this.keys.keyFor(subject, now));
    return Promise.all(
      events.map((event) =>
        this.transform(event, async (subject) => {
          const key = await keyOf(subject);
          return (value, field) => (key ? seal(value, key, `${subject}|${field}`) : ERASED);
        }),
      ),
    );
  }

  /** The event with its sealed fields opened; those of an erased subject read as ERASED. */
  async open<E extends EventLike>(event: E): Promise<E> {
    return (await this.openAll([event]))[0];
  }

  /** The events opened, each subject's key looked up once for the batch (never cached beyond it: an erasure elsewhere shows at the next call). */
  async openAll<E extends EventLike>(events: readonly E[]): Promise<E[]> {
    const keyOf = lookupOncePerCall((subject) => this.keys.existingKey(subject));
    return Promise.all(
      events.map((event) =>
        this.transform(event, async (subject, values) => {
          if (!values.some(isSealed)) return (value) => value; // written before sealing: no key to ask for
          const key = await keyOf(subject);
          return (value, field) => (!isSealed(value) ? value : key ? (unseal(value, key, `${subject}|${field}`) ?? UNREADABLE) : ERASED);
        }),
      ),
    );
  }

  /** Destroys the subject's key; false when it had none left. */
  erase(subject: string, now: Date): Promise<boolean> {
    return this.keys.destroy(subject, now);
  }

  private async transform<E extends EventLike>(
    event: E,
    using: (subject: string, values: string[]) => Promise<(value: string, field: string) => string>,
  ): Promise<E> {
    const fields = PERSONAL_DATA_FIELDS[event.type as keyof typeof PERSONAL_DATA_FIELDS];
    const data = event.data as Data;
    if (!fields || typeof data?.complaintId !== 'string') return event;
    const present = fields.filter((field) => typeof valueAt(data, field) === 'string');
    if (present.length === 0) return event;
    const convert = await using(data.complaintId, present.map((field) => valueAt(data, field) as string));
    const copy = structuredClone(data);
    for (const field of present) setAt(copy, field, convert(valueAt(data, field) as string, field));
    return { ...event, data: copy };
  }
}

/** One lookup per subject within one call: a batch of a complaint's events asks the key store once. */
const lookupOncePerCall = (lookup: (subject: string) => Promise<Buffer | undefined>) => {
  const asked = new Map<string, Promise<Buffer | undefined>>();
  return (subject: string): Promise<Buffer | undefined> => {
    if (!asked.has(subject)) asked.set(subject, lookup(subject));
    return asked.get(subject) as Promise<Buffer | undefined>;
  };
};

const valueAt = (data: Data, path: string): unknown => path.split('.').reduce<unknown>((node, key) => (node as Data | undefined)?.[key], data);

const setAt = (data: Data, path: string, value: string): void => {
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<Data>((node, key) => node[key] as Data, data);
  parent[keys[keys.length - 1]] = value;
};
