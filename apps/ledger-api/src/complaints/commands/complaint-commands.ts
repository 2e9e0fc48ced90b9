import { CommandRequest } from '@app/platform';

/** A command request with the fingerprint that tells an idempotent retry from a reused key. */
export type HandledRequest = CommandRequest & { requestHash: string };
