import { useState } from 'react';
import { CommandResult, newIdempotencyKey, Problem, request, writtenAt } from './api';

/**
 * Sends a command from a form: a new Idempotency-Key per submission (a retry after a lost answer reuses it, so the
 * command is recorded once), the last attempt's error, and whether one is under way. Its position is kept, so read
 * models are asked to include it (read your own writes).
 */
export const useCommand = () => {
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const send = async (path: string, body: object, headers: Record<string, string>, onRecorded: (result: CommandResult) => Promise<void> | void) => {
    setBusy(true);
    setError(null);
    try {
      const { body: result } = await request<CommandResult>('POST', path, { body, headers: { 'Idempotency-Key': idempotencyKey, ...headers } });
      writtenAt(result.position);
      setIdempotencyKey(newIdempotencyKey());
      await onRecorded(result);
    } catch (problem) {
      setError(problem);
      // Answered, so nothing was recorded: the next attempt is a new submission. Unanswered, it may have been.
      if (problem instanceof Problem && problem.status !== 0) setIdempotencyKey(newIdempotencyKey());
    } finally {
      setBusy(false);
    }
  };

  return { send, error, busy, clearError: () => setError(null) };
};
