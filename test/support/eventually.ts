import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `probe` until it answers something truthy, and resolves to that: a wait on a condition, never a fixed
 * sleep. Fails naming `what` (or what it returns, when the failure is described best at that moment) when the condition is not met within `withinMs`.
 */
export const eventually = async <T>(
  probe: () => Promise<T | undefined | null | false>,
  withinMs: number,
  what: string | (() => string),
  everyMs = 20,
): Promise<T> => {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Not within ${withinMs} ms: ${typeof what === 'string' ? what : what()}`);
    await sleep(everyMs);
  }
};
