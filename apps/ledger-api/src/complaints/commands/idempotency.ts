import { canonicalJson, sha256, uuidFromText } from '@app/event-store';
import { CommandRequest } from '@app/platform';

/** A command request with the fingerprint that tells an idempotent retry from a reused key. */
export type HandledRequest = CommandRequest & { requestHash: string };

/**
 * Fingerprints a command request (who sends which command, on which case, with which body) so that an
 * Idempotency-Key replay can be told apart from the same key reused for something else. The principal is
 * part of it: a key is its sender's own, and another principal's request under it is refused (422),
 * never answered with the first sender's result.
 */
export const handledRequest = (request: CommandRequest, command: string, complaintId: string, body: object): HandledRequest => ({
  ...request,
  requestHash: sha256(canonicalJson({ command, complaintId, principal: request.actor.id, body: JSON.parse(JSON.stringify(body)) })),
});

/**
 * The id of a complaint received under an Idempotency-Key: the same principal's key always names the same
 * case, and no one else's request can land on it, so a key learned by another cannot be used to take it first.
 * (Actor ids hold no `|`, so the text is unambiguous.)
 */
export const complaintIdForKey = (actorId: string, idempotencyKey: string): string => uuidFromText(`complaint|${actorId}|${idempotencyKey}`);
