import { Inject, Injectable } from '@nestjs/common';
import { AttachEvidence, Evidence, isSha256, ruleViolated } from '@app/domain';
import { BlobStore, BlobStoreUnavailableError } from '@app/blob-store';
import { PersonalDataVault } from '@app/security';
import { createHash } from 'node:crypto';
import { CommandRejected, InvalidRequest, CommandRequest } from '@app/platform';
import { CommandResult } from '../complaints/commands/command-result';
import { ComplaintCommandService } from '../complaints/commands/complaint-command.service';
import { foldRecorded } from '../complaints/complaint-events';
import { ComplaintStreamReader } from '../complaints/queries/complaint-stream.reader';
import { EvidenceError } from './evidence-errors';
import { VIRUS_SCANNER, VirusScanner } from './virus-scanner';

export const BLOB_STORE = Symbol('BlobStore');

/** Where a case's file is kept: by case and SHA-256, so the same photo in two cases is two sealed copies. */
export const evidenceBlobKey = (complaintId: string, sha: string): string => `evidence/${complaintId}/${sha}`;

export interface Upload {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
}

const hashOf = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Attaches evidence files to a case and hands them out again. The bytes are sealed with the case's data key
 * and stored before the event that records their hash is appended, so an event never names bytes that are
 * not there; a refused or lost append leaves at most an unreferenced blob. A download opens the bytes and
 * checks them against the recorded hash before a single byte leaves.
 */
@Injectable()
export class EvidenceService {
  constructor(
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(VIRUS_SCANNER) private readonly scanner: VirusScanner,
    private readonly vault: PersonalDataVault,
    private readonly commands: ComplaintCommandService,
    private readonly cases: ComplaintStreamReader,
  ) {}

  async attach(complaintId: string, upload: Upload, request: CommandRequest): Promise<CommandResult & { sha256: string }> {
    const sha = hashOf(upload.bytes);
    const verdict = await this.scanner.scan({ bytes: upload.bytes, mediaType: upload.mediaType, sha256: sha }).catch((error: unknown) => {
      // Unscanned is not clean: the upload waits for the scanner.
      throw new EvidenceError('virus-scanner-unavailable', 'The virus scanner is unavailable', `The file was not stored: ${String((error as Error)?.message ?? error)}. Try again shortly.`);
    });
    if (!verdict.clean) throw new EvidenceError('evidence-refused-by-scanner', 'The virus scanner refused the file', `The file was not stored: ${verdict.finding}.`);
    const data = { sha256: sha, fileName: upload.fileName, mediaType: upload.mediaType, sizeBytes: upload.bytes.length };
    const command: AttachEvidence = { type: 'AttachEvidence', data: { ...data, complaintId, attachedBy: request.actor.id } };
    // The bytes are stored once the command is decided (a refused one stores nothing), before its event is appended.
    const result = await this.commands.execute(complaintId, command, request, data, async (events, { now }) => {
      const sealed = await this.vault.sealFile(complaintId, sha, upload.bytes, now);
      if (!sealed) throw new CommandRejected(ruleViolated('personal-data-erased', "The complainant's personal data was erased: no file can be sealed for this case any more."));
      await this.unavailableAsError(() => this.blobs.put(evidenceBlobKey(complaintId, sha), sealed));
      return events;
    });
    return { ...result, sha256: sha };
  }

  /** The case's files, names opened (or erased), in the order attached. */
  async list(complaintId: string): Promise<Evidence[]> {
    const state = foldRecorded(await this.cases.readOpened(complaintId));
    return state.status === 'none' ? [] : (state.evidence ?? []);
  }

  /** The file's bytes, opened and checked against the hash the chain recorded. */
  async download(complaintId: string, sha: string): Promise<{ file: Evidence; bytes: Buffer }> {
    if (!isSha256(sha)) throw new InvalidRequest([{ field: 'sha256', reason: 'must be a SHA-256: 64 lowercase hexadecimal digits' }]);
    const state = foldRecorded(await this.cases.readOpened(complaintId));
    const file = state.status === 'none' ? undefined : state.evidence?.find((evidence) => evidence.sha256 === sha);
    if (state.status === 'none' || !file) throw new EvidenceError('evidence-not-found', 'No such evidence file', `No file with SHA-256 ${sha} is attached to complaint ${complaintId}.`);
    const erased = () =>
      new EvidenceError('evidence-erased', "The file was erased with the complainant's personal data", `Its key was destroyed ${state.personalDataErasedAt ? `on ${state.personalDataErasedAt}` : ''}; the stored bytes can never be read again.`);
    if (state.personalDataErasedAt) throw erased();
    const sealed = await this.unavailableAsError(() => this.blobs.get(evidenceBlobKey(complaintId, sha)));
    if (!sealed)
      throw new EvidenceError('evidence-bytes-missing', 'The stored bytes are missing', `The ledger records ${sha}, but ${this.blobs.location} holds no bytes for it. Restore the blob store from a backup.`);
    const opened = await this.vault.openFile(complaintId, sha, sealed);
    if (opened.state === 'erased') throw erased();
    if (opened.state === 'missing')
      throw new EvidenceError('evidence-key-missing', 'The data key of this case is missing', `The key store (${this.vault.location}) holds no key for complaint ${complaintId}: restore the keys with the events.`);
    if (opened.state === 'unreadable')
      throw new EvidenceError('evidence-corrupted', 'The stored bytes do not match the ledger', `The stored bytes of ${sha} do not open with the case's key: they were altered or damaged in ${this.blobs.location}.`);
    const found = hashOf(opened.bytes);
    if (found !== sha || opened.bytes.length !== file.sizeBytes)
      throw new EvidenceError('evidence-corrupted', 'The stored bytes do not match the ledger', `The ledger records SHA-256 ${sha} (${file.sizeBytes} bytes); the stored file hashes to ${found} (${opened.bytes.length} bytes).`);
    return { file, bytes: opened.bytes };
  }

  private async unavailableAsError<R>(call: () => Promise<R>): Promise<R> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof BlobStoreUnavailableError) throw new EvidenceError('blob-store-unavailable', 'The blob store is unavailable', 'Try again shortly.');
      throw error;
    }
  }
}

