import { randomUUID } from 'node:crypto';
import { CommandEnvelope } from '../integrity/hash-chain';

/** A command's envelope with fresh ids (so every call is another command), an agent as actor, and a fixed business time. */
export const anEnvelope = (overrides: Partial<CommandEnvelope> = {}): CommandEnvelope => ({
  commandId: randomUUID(),
  correlationId: randomUUID(),
  causationId: randomUUID(),
  actor: { id: 'agent-7', role: 'agent' },
  occurredAt: '2026-11-25T10:00:00.000Z',
  recordedAt: new Date().toISOString(),
  ...overrides,
});
