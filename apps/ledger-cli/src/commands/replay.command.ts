import { ComplaintEvent, complaintStreamId, evolve, initialState, isComplaintEvent, Signature } from '@app/domain';
import { EventMetadata, verifyChain } from '@app/event-store';
import type { PersonalDataVault } from '@app/security';
import { UsageError } from '../embedded-store';
import { requireKeyHere } from './key-check';
import type { EventStore } from '@app/event-store';

/**
 * A case's story for an auditor: every event in order with who, when (business and recorded time),
 * what changed in the case, and the chain's verdict. With asOf, the story stops at that time.
 * Refuses when the key store has no key for the case's sealed data (never shows it as erased).
 */
export const replay = async (
  store: EventStore,
  complaintId: string,
  asOf: string | undefined,
  out: NodeJS.WritableStream,
  vault: PersonalDataVault,
): Promise<number> => {
  const cutOff = asOf === undefined ? Infinity : Date.parse(asOf);
  if (Number.isNaN(cutOff)) throw new UsageError(`--as-of "${asOf}" is not an ISO-8601 time.`);
  const all = await store.readStream(complaintStreamId(complaintId.toLowerCase()));
  if (all.length === 0) throw new UsageError(`No complaint ${complaintId}.`);
  await requireKeyHere(vault, complaintId.toLowerCase(), all);
  const events = all.filter((event) => Date.parse((event.metadata as unknown as EventMetadata).recordedAt) <= cutOff);

  out.write(`Complaint ${complaintId}${asOf ? ` as of ${new Date(cutOff).toISOString()}` : ''}: ${events.length} of ${all.length} events\n\n`);
  let state = initialState();
  for (const event of events) {
    const m = event.metadata as unknown as EventMetadata;
    out.write(`#${event.revision} ${event.type}\n`);
    out.write(`   by ${m.actor.id} (${m.actor.role}); happened ${m.occurredAt}; recorded ${m.recordedAt}\n`);
    out.write(`   command ${m.commandId}, correlation ${m.correlationId}\n`);
    if (isComplaintEvent(event)) {
      const before = state as Record<string, unknown>;
      const { data } = await vault.open(event);
      const signature = signatureOf(data);
      if (signature) out.write(`   signed by ${signature.signedBy}, meaning ${signature.meaning}, at ${signature.signedAt}\n`);
      state = evolve(state, { type: event.type, data } as ComplaintEvent);
      for (const line of changes(before, state as Record<string, unknown>)) out.write(`   ${line}\n`);
    }
  }
  const verdict = verifyChain(all); // on the events as stored: the chain covers the sealed personal data
  out.write(`\nStatus ${'status' in state ? state.status : 'none'}. `);
  out.write(verdict.valid ? `Chain intact over all ${verdict.eventsChecked} events (last hash ${verdict.lastHash}).\n` : `Chain BROKEN at revision ${verdict.revision} (${verdict.reason}): ${verdict.message}\n`);
  return verdict.valid ? 0 : 1;
};

/** The signature an event carries (an answer's, a compensation's approval): name, meaning and time, 21 CFR Part 11 §11.50. */
const signatureOf = (data: unknown): Signature | undefined => {
  const { signature, approval } = (data ?? {}) as { signature?: Signature; approval?: Signature };
  return signature ?? approval;
};

/** What an event changed, field by field, at the top level of the case. */
const changes = (before: Record<string, unknown>, after: Record<string, unknown>): string[] =>
  Object.keys({ ...before, ...after })
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => `${key}: ${show(before[key])} → ${show(after[key])}`);

const show = (value: unknown): string => {
  if (value === undefined) return '—';
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
};
