import { normalizeIp } from '@nestjs/throttler';

const WINDOW_MS = 60_000;
// Addresses remembered at once before expired windows are swept; a sweep is O(n) and rare.
const SWEEP_ABOVE = 10_000;

/**
 * Counts requests whose credentials failed, per client address (IPv6 per /64), in windows of a minute.
 * Once an address reaches the limit, its requests are refused before authentication until the window
 * ends, so that guessing tokens (or making the API verify junk JWTs) stays slow.
 */
export class FailedAuthentications {
  private readonly windows = new Map<string, { endsAt: number; failures: number }>();

  constructor(private readonly limitPerMinute: number) {}

  /** Seconds until `address` may try again, or undefined when it may try now. */
  retryAfterSeconds(address: string | undefined, now: number): number | undefined {
    if (this.limitPerMinute === 0) return undefined;
    const window = this.windows.get(keyOf(address));
    if (!window || window.endsAt <= now || window.failures < this.limitPerMinute) return undefined;
    return Math.ceil((window.endsAt - now) / 1000);
  }

  /** Counts one failure; true when it is the one that reaches the limit (the address is held back from now). */
  record(address: string | undefined, now: number): boolean {
    if (this.limitPerMinute === 0) return false;
    const key = keyOf(address);
    const window = this.windows.get(key);
    if (window && window.endsAt > now) window.failures++;
    else {
      if (this.windows.size >= SWEEP_ABOVE) this.sweep(now);
      this.windows.set(key, { endsAt: now + WINDOW_MS, failures: 1 });
    }
    return (this.windows.get(key)?.failures ?? 0) === this.limitPerMinute;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}

const keyOf = (address: string | undefined): string => normalizeIp(address ?? 'unknown');
