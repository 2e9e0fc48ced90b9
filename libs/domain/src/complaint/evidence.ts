import { IsoDateTime } from '../shared/time';
import { DomainError, invalidInput, ruleViolated } from './errors';
import { ERASED } from './personal-data';

// Evidence files (photos, receipts, letters) attached to a case. The bytes live in a blob store, sealed with
// the case's data key; the chain records what identifies them: their SHA-256, size and media type, and who
// attached them. The file name is the complainant's free text (it often carries their name) and is sealed.

/** One file attached to a case, as the chained event records it. */
export interface Evidence {
  /** SHA-256 of the file's bytes (lowercase hex): names the file and proves its content. */
  sha256: string;
  fileName: string;
  /** The media type the file was sent as, e.g. image/jpeg. */
  mediaType: string;
  sizeBytes: number;
  attachedBy: string;
  attachedAt: IsoDateTime;
}

export type EvidenceAttached = { type: 'EvidenceAttached'; data: { complaintId: string } & Evidence };

export type AttachEvidence = { type: 'AttachEvidence'; data: { complaintId: string } & Omit<Evidence, 'attachedAt'> };

export const isSha256 = (value: string): boolean => /^[0-9a-f]{64}$/.test(value);

// A name a person gave the file; never a path, nothing that breaks a header or a listing.
const FILE_NAME = /^[^\u0000-\u001f\u007f/\\]{1,255}$/u;
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** The state a decision on evidence needs: the files attached so far, and whether the case's personal data was erased. */
export interface EvidenceFacts {
  evidence?: readonly Evidence[];
  personalDataErasedAt?: IsoDateTime;
}

/** Attaches a file to an open case: each content once, never after the personal data was erased (its key is gone). */
export const decideAttachEvidence = (command: AttachEvidence, complaint: EvidenceFacts, now: IsoDateTime): EvidenceAttached[] | DomainError => {
  const { sha256, fileName, mediaType, sizeBytes } = command.data;
  if (!isSha256(sha256)) return invalidInput('sha256', 'invalid-sha256', 'A SHA-256 is 64 lowercase hexadecimal digits.');
  if (fileName.trim() === '' || !FILE_NAME.test(fileName))
    return invalidInput('filename', 'invalid-file-name', 'A file name is 1–255 characters, without control characters, "/" or "\\".');
  if (!MEDIA_TYPE.test(mediaType)) return invalidInput('mediaType', 'invalid-media-type', `"${mediaType.slice(0, 80)}" is not a media type like image/jpeg.`);
  if (!Number.isSafeInteger(sizeBytes) || sizeBytes <= 0) return invalidInput('sizeBytes', 'empty-evidence', 'An evidence file holds at least one byte.');
  if (complaint.personalDataErasedAt !== undefined)
    return ruleViolated('personal-data-erased', "The complainant's personal data was erased: no file can be sealed for this case any more.");
  const same = complaint.evidence?.find((evidence) => evidence.sha256 === sha256);
  if (same) return ruleViolated('evidence-already-attached', `This file is already attached (${same.attachedAt}, by ${same.attachedBy}).`);
  return [{ type: 'EvidenceAttached', data: { ...command.data, attachedAt: now } }];
};

/** The case's evidence after an attachment. */
export const withEvidence = (evidence: readonly Evidence[] | undefined, event: EvidenceAttached): Evidence[] => {
  const { complaintId: _id, ...attached } = event.data;
  return [...(evidence ?? []), attached];
};

/** The evidence once the personal data is erased: the names read as erased, the hashes (and the bytes' key) stay as they are. */
export const erasedEvidence = (evidence: readonly Evidence[]): Evidence[] => evidence.map((file) => ({ ...file, fileName: ERASED }));
