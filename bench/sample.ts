import { anEnvelope } from '@app/event-store/testing';
import { SqliteUserDirectory, USERS_FILE } from '@app/security';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

/** A ComplaintReceived-sized event (~1 KB of JSON), the same for the raw and the event-store cases. */
const data = {
  complaintId: '6f1c2f4e-0d7a-4b8e-9a51-3c2b1e0f9a77',
  channel: 'in-person',
  complainant: { name: 'Maria Ivanova', kind: 'person', email: 'maria.ivanova@example.com', phone: '+359 88 123 4567' },
  subject: { productOrService: 'Espresso machine EM-200', sku: 'EM-200-BLK', serialNumber: 'SN-88412093', orderReference: 'ORD-2026-118842' },
  description: 'The machine stopped heating after two weeks of use.',
  desiredRemedy: 'Replacement or full refund',
  documents: ['receipt-118842.pdf'],
  receivedAt: '2026-11-24T09:30:00.000Z',
  takenBy: 'clerk-anna',
  primaryResponse: 'Apologised and offered to check the machine in the service centre.',
  resolvedOnTheSpot: false,
  registrationDueAt: '2026-11-25T09:30:00.000Z',
};

export const sampleEvent = () => ({
  eventId: randomUUID(),
  type: 'ComplaintReceived',
  data,
  metadata: {
    ...anEnvelope({ actor: { id: 'clerk-anna', role: 'intake-clerk' }, occurredAt: '2026-11-24T09:30:00.000Z' }),
    schemaVersion: 1,
    prevHash: '0'.repeat(64),
    hash: 'a'.repeat(64),
  },
});

/** A valid body for POST /complaints (see apps/ledger-api/src/complaints/dto/intake.dto.ts). */
export const intakeBody = {
  channel: 'in-person',
  complainant: { name: 'Maria Ivanova', kind: 'person', email: 'maria.ivanova@example.com' },
  subject: { productOrService: 'Espresso machine EM-200', sku: 'EM-200-BLK' },
  description: 'The machine stopped heating after two weeks of use.',
  desiredRemedy: 'Replacement or full refund',
  primaryResponse: 'Apologised and offered to check the machine in the service centre.',
};

/** A clerk's API token issued into the data directory the measured API will use. */
export const actorHeaders = (dataDir: string): Record<string, string> => {
  const directory = new SqliteUserDirectory(join(dataDir, USERS_FILE));
  try {
    directory.revoke('clerk-anna', new Date());
    return { authorization: `Bearer ${directory.add('clerk-anna', 'intake-clerk', new Date()).token}` };
  } finally {
    directory.close();
  }
};
