import { AttachEvidence, EvidenceAttached } from '../complaint/evidence';
import { COMPLAINT_ID } from './builders';

// Evidence in the ordinary case: a photo of the receipt, attached by the clerk who took the complaint.

export const EVIDENCE_SHA256 = 'a3f1c6d6e0b2c5b3d1f6e7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8';

export const attachEvidence = (overrides: Partial<AttachEvidence['data']> = {}): AttachEvidence => ({
  type: 'AttachEvidence',
  data: {
    complaintId: COMPLAINT_ID,
    sha256: EVIDENCE_SHA256,
    fileName: 'receipt-ivanova.jpg',
    mediaType: 'image/jpeg',
    sizeBytes: 48_213,
    attachedBy: 'clerk-anna',
    ...overrides,
  },
});

export const evidenceAttached = (overrides: Partial<EvidenceAttached['data']> = {}): EvidenceAttached => ({
  type: 'EvidenceAttached',
  data: { ...attachEvidence().data, attachedAt: '2026-03-02T09:30:00.000Z', ...overrides },
});
