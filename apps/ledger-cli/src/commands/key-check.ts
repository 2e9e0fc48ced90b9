import { isSealed, PersonalDataVault } from '@app/security';
import { KeysNotFoundError, whereTheApiKeepsItsKeys } from '../embedded-store';

const holdsSealed = (node: unknown): boolean =>
  isSealed(node) || (node !== null && typeof node === 'object' && Object.values(node).some(holdsSealed));

/**
 * Refuses (KeysNotFoundError, exit 3) when a case's events hold sealed data and this key store has neither its
 * key nor a record of its erasure: the keys are elsewhere (another key store than the API's), or these events
 * were restored without them. Going on would erase nothing, or show data as erased that is not.
 */
export const requireKeyHere = async (vault: PersonalDataVault, complaintId: string, events: ReadonlyArray<{ data: unknown }>): Promise<void> => {
  if (!events.some((event) => holdsSealed(event.data))) return; // written before sealing: there is no key to find
  if ((await vault.keyOf(complaintId)) !== 'missing') return;
  throw new KeysNotFoundError(
    `The key store (${vault.location}) holds no key for complaint ${complaintId}, and no record of its erasure, though its personal data is sealed. ` +
      `Nothing was done. ${whereTheApiKeepsItsKeys()} (If these events were restored from a backup without their keys, the personal data cannot be read here.)`,
  );
};

/** The warning a reader prints once when it shows sealed data it has no key for: never as erased. */
export const missingKeyWarning = (location: string, complaintId: string): string =>
  `WARNING: the key store (${location}) holds no key for complaint ${complaintId}, and no record of its erasure. ` +
  `Its personal data is shown as "[sealed: no key in this key store]": it is NOT erased. These events were restored without their keys, ` +
  `or this is not the key store the API uses. ${whereTheApiKeepsItsKeys()}\n`;
