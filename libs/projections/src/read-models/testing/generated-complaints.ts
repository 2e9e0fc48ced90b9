import { ComplaintEvent } from '@app/domain';
import { generateRegister } from '@app/domain/testing';

// A register of a few thousand complaints with a realistic spread, from the one complaint generator
// (@app/domain/testing, which also fills the benchmarks' and e2e tests' ledgers): every history decided
// by the domain's own decider, so every stream is one the ledger could hold.

export interface GeneratedComplaint {
  complaintId: string;
  events: ComplaintEvent[];
  /** When each event was recorded: the moment its command was decided. */
  recordedAt: string[];
}

/** `count` complaints received between January 2025 and October 2026; the same seed gives the same register. */
export const generateComplaints = (count: number, seed = 20260301): GeneratedComplaint[] =>
  generateRegister(count, { seed, from: '2025-01-01', to: '2026-10-31' }).map(({ complaintId, steps }) => ({
    complaintId,
    events: steps.flatMap((step) => step.events),
    recordedAt: steps.flatMap((step) => step.events.map(() => step.envelope.recordedAt)),
  }));
