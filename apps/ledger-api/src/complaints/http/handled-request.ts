import { canonicalJson, sha256, uuidFromText } from '@app/event-store';
import { CommandRequest } from '../../http/request-context';
import { HandledRequest } from '../commands/complaint-commands';

/**
 * Fingerprints a command request (which command, on which case, with which body) so that an
 * Idempotency-Key replay can be told apart from the same key reused for something else.
 */
export const handledRequest = (request: CommandRequest, command: string, complaintId: string, body: object): HandledRequest => ({
  ...request,
  requestHash: sha256(canonicalJson({ command, complaintId, body: JSON.parse(JSON.stringify(body)) })),
});

/** The id of a complaint received under an Idempotency-Key: the same key always names the same case. */
export const complaintIdForKey = (idempotencyKey: string): string => uuidFromText(`complaint|${idempotencyKey}`);
