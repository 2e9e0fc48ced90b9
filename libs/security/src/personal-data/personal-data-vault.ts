import { ERASED, PERSONAL_DATA_FIELDS } from '@app/domain';
import type { PageOpener } from '@app/event-store';
import { KeyLookup, KeyStore } from './key-store.port';
import { sealBytes, unsealBytes } from './sealed-blob';
import { ENVELOPE_FIELD, isEnvelope, isSealed, openEnvelope, SEALED_MARK, sealEnvelope, unseal } from './sealed-value';

type EventLike = { type: string; data: unknown };
type Data = Record<string, unknown>;

/** A sealed file as opened: its bytes, or why there are none. */
export type OpenedFile = { state: 'opened'; bytes: Buffer } | { state: 'erased' } | { state: 'missing' } | { state: 'unreadable' };

/** What a sealed field reads as when its key exists but does not open it (a tampered event). */
export const UNREADABLE = '[unreadable]';

/**
 * What a sealed field reads as when this key store never heard of its key: not erased (the data may be
 * readable with the right key store), only not openable here. Never shown as ERASED.
 */
export const KEY_MISSING = '[sealed: no key in this key store]';

export interface VaultOptions {
  /** Told once per call and subject whose sealed fields found no key (not even a tombstone) in the key store. */
  onMissingKey?: (subject: string) => void;
}

/**
 * Crypto-shredding of complainants' personal data: the fields DOMAIN's PERSONAL_DATA_FIELDS names are
 * sealed with the complaint's data key before the events are chained and appended (so the hash chain
 * covers the ciphertext), and opened when read. Erasing destroys the key: every copy of the ciphertext,
 * in events, read models and backups, becomes unreadable at once.
 *
 * An event's personal fields are sealed together, in one envelope (format v2, ADR 0017): one decryption
 * per event. Events sealed field by field (v1) are still opened.
 */
export class PersonalDataVault {
  constructor(
    private readonly keys: KeyStore,
    private readonly options: VaultOptions = {},
  ) {}

  /**
   * The vault's opening as another thread runs it (the thread that reads `$all` ahead), with its own
   * connection to the same keys; undefined when the key store cannot be opened there. Missing keys are
   * told here, page by page, as openAll tells them.
   */
  pageOpener(): PageOpener | undefined {
    const keyStore = this.keys.reopen;
    if (!keyStore) return undefined;
    return {
      module: require.resolve('./page-opener'),
      options: { keyStore },
      onNotes: (subjects) => subjects.forEach((subject) => this.options.onMissingKey?.(subject)),
    };
  }

  /** Where the keys are, for messages to an operator. */
  get location(): string {
    return this.keys.location;
  }

  /**
   * The events with their personal fields sealed; for an erased subject they are recorded as erased.
   * Resolves once every new key is durably stored, so the caller may append the events.
   */
  async seal<E extends EventLike>(events: readonly E[], now: Date): Promise<E[]> {
    const keyOf = lookupOncePerCall((subject) => this.keys.keyFor(subject, now));
    return Promise.all(events.map(async (event) => (sealedSubjectOf(event) === undefined ? event : sealEvent(event, await keyOf(sealedSubjectOf(event)!)))));
  }

  /** The event with its sealed fields opened; those of an erased subject read as ERASED. */
  async open<E extends EventLike>(event: E): Promise<E> {
    return (await this.openAll([event]))[0];
  }

  /**
   * The events opened, the keys of all their subjects asked for in one question (never cached beyond
   * the call: an erasure elsewhere shows at the next call).
   */
  async openAll<E extends EventLike>(events: readonly E[]): Promise<E[]> {
    const sealed = events.map((event) => ({ event, ...sealedFieldsOf(event) }));
    const subjects = new Set(sealed.flatMap(({ subject, values, envelope }) => (subject && (envelope || values.some(isSealed)) ? [subject] : [])));
    const keys = subjects.size > 0 ? await this.keys.lookupMany([...subjects]) : new Map<string, KeyLookup>();
    const told = new Set<string>();
    return sealed.map(({ event, ...fields }) =>
      this.transform(event, fields, (subject, values, envelope) => {
        if (!envelope && !values.some(isSealed)) return (value) => value; // written before sealing: no key to ask for
        const found = keys.get(subject) ?? { state: 'missing' };
        if (found.state === 'missing' && !told.has(subject)) {
          told.add(subject);
          this.options.onMissingKey?.(subject);
        }
        const unreadable = found.state === 'erased' ? ERASED : KEY_MISSING;
        if (envelope) {
          // v2: the event's fields in one envelope; where it does not open, every field it holds is unreadable.
          const fields = found.state === 'present' ? openEnvelope(envelope, found.key, `${subject}|${event.type}`) : undefined;
          const otherwise = found.state === 'present' ? UNREADABLE : unreadable;
          return (value, field) => (value === SEALED_MARK ? (fields?.[field] ?? otherwise) : value);
        }
        const opened = (value: string, field: string): string =>
          found.state === 'present' ? (unseal(value, found.key, `${subject}|${field}`) ?? UNREADABLE) : unreadable;
        return (value, field) => (isSealed(value) ? opened(value, field) : value);
      }),
    );
  }

  /**
   * A file of the subject (evidence) sealed with its data key, bound to `name`; undefined once the subject was
   * erased (no key is made again). Resolves once a new key is durably stored, so the caller may keep the bytes.
   */
  async sealFile(subject: string, name: string, bytes: Buffer, now: Date): Promise<Buffer | undefined> {
    const key = await this.keys.keyFor(subject, now);
    return key && sealBytes(bytes, key, `${subject}|file|${name}`);
  }

  /** A sealed file opened: the bytes, or why not (erased, no key in this key store, or bytes that do not open). */
  async openFile(subject: string, name: string, sealed: Buffer): Promise<OpenedFile> {
    const found = await this.keys.lookup(subject);
    if (found.state !== 'present') return { state: found.state };
    const bytes = unsealBytes(sealed, found.key, `${subject}|file|${name}`);
    return bytes ? { state: 'opened', bytes } : { state: 'unreadable' };
  }

  /** Destroys the subject's key; false when it had none left. */
  erase(subject: string, now: Date): Promise<boolean> {
    return this.keys.destroy(subject, now);
  }

  /** What the key store knows of the subject's key: present, erased (tombstone) or missing. */
  keyOf(subject: string): Promise<KeyLookup['state']> {
    return this.keys.lookup(subject).then((found) => found.state);
  }

  /** The event with each personal field converted; a v2 envelope is handed to `using` and left out of the result. */
  private transform<E extends EventLike>(
    event: E,
    { present, subject, values, envelope }: SealedFields,
    using: (subject: string, values: string[], envelope: string | undefined) => (value: string, field: string) => string,
  ): E {
    if (present.length === 0 || subject === undefined) return event;
    const convert = using(subject, values, envelope);
    // Copied along the converted paths only: the rest of the event is shared, never changed.
    const copy: Data = { ...(event.data as Data) };
    if (envelope) delete copy[ENVELOPE_FIELD];
    const copied = new WeakSet<object>([copy]);
    present.forEach((field, i) => setAt(copy, field, convert(values[i], field), copied));
    return { ...event, data: copy };
  }
}

/** An event's personal fields (with their values), its subject and its v2 envelope if it has one. */
interface SealedFields {
  present: string[];
  subject?: string;
  values: string[];
  envelope?: string;
}

const sealedFieldsOf = (event: EventLike): SealedFields => {
  const present = personalFieldsOf(event);
  if (present.length === 0) return { present, values: [] };
  const data = event.data as Data;
  const envelope = isEnvelope(data[ENVELOPE_FIELD]) ? (data[ENVELOPE_FIELD] as string) : undefined;
  return { present, subject: data.complaintId as string, values: present.map((field) => valueAt(data, field) as string), envelope };
};

/** The subject whose key seals this event's personal fields, or undefined when it has none to seal. */
export const sealedSubjectOf = (event: EventLike): string | undefined =>
  personalFieldsOf(event).length > 0 ? ((event.data as Data).complaintId as string) : undefined;

/**
 * The event with its personal fields sealed under the subject's key, or recorded as erased without one.
 * Synchronous, once the key is known: what PersonalDataVault.seal does per event (the benchmark's ledger
 * generator seals with it, as the API writes).
 */
export const sealEvent = <E extends EventLike>(event: E, key: Buffer | undefined): E => {
  const present = personalFieldsOf(event);
  if (present.length === 0) return event;
  const data = event.data as Data;
  const subject = data.complaintId as string;
  const copy = structuredClone(data);
  if (!key) {
    for (const field of present) setAt(copy, field, ERASED);
    return { ...event, data: copy };
  }
  // One envelope for all the event's fields (v2), bound to its subject and type; each field keeps its place, marked.
  const fields: Record<string, string> = {};
  for (const field of present) {
    fields[field] = valueAt(data, field) as string;
    setAt(copy, field, SEALED_MARK);
  }
  copy[ENVELOPE_FIELD] = sealEnvelope(fields, key, `${subject}|${event.type}`);
  return { ...event, data: copy };
};

/** The declared personal fields the event holds as strings (each element of a declared array a field of its own). */
const personalFieldsOf = (event: EventLike): string[] => {
  const declared = PERSONAL_DATA_FIELDS[event.type as keyof typeof PERSONAL_DATA_FIELDS];
  const data = event.data as Data;
  if (!declared || typeof data?.complaintId !== 'string') return [];
  // Each element of a declared array (`documents[]`) is a field of its own (`documents.0`).
  // A field of each element of an array of objects (`sources[].statement`) is `sources.0.statement`, and so on.
  const fields = declared.flatMap((field) => {
    const at = field.indexOf('[]');
    if (at < 0) return [field];
    const list = valueAt(data, field.slice(0, at));
    return Array.isArray(list) ? list.map((_, i) => `${field.slice(0, at)}.${i}${field.slice(at + 2)}`) : [];
  });
  return fields.filter((field) => typeof valueAt(data, field) === 'string');
};

/**
 * An onMissingKey for a long-running process: says it once, loudly (the first case, where the keys are and what it
 * likely means), and stays quiet for the next cases, so a restored log without keys does not flood the logs.
 */
export const warnOnceAboutMissingKeys = (location: string, say: (message: string) => void): ((subject: string) => void) => {
  let told = false;
  return (subject) => {
    if (told) return;
    told = true;
    say(
      `The key store (${location}) holds no key for complaint ${subject}, and no record of its erasure, though its personal data is sealed. ` +
        `Such data is shown as "${KEY_MISSING}", not as erased. Were the events restored without their keys, or is this not the key store that sealed them? (Said once.)`,
    );
  };
};

/** One lookup per subject within one call: a batch of a complaint's events asks the key store once. */
const lookupOncePerCall = <T>(lookup: (subject: string) => Promise<T>) => {
  const asked = new Map<string, Promise<T>>();
  return (subject: string): Promise<T> => {
    if (!asked.has(subject)) asked.set(subject, lookup(subject));
    return asked.get(subject) as Promise<T>;
  };
};

const valueAt = (data: Data, path: string): unknown => path.split('.').reduce<unknown>((node, key) => (node as Data | undefined)?.[key], data);

/** Sets the value at `path` in `data`, copying each object or array on the way that is still shared with the original. */
const setAt = (data: Data, path: string, value: string, copied = new WeakSet<object>([data])): void => {
  const keys = path.split('.');
  let node = data;
  for (const key of keys.slice(0, -1)) {
    const child = node[key] as Data;
    if (!copied.has(child)) {
      const copy = (Array.isArray(child) ? [...child] : { ...child }) as Data;
      copied.add(copy);
      node[key] = copy;
    }
    node = node[key] as Data;
  }
  node[keys[keys.length - 1]] = value;
};
