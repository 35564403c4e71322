/**
 * Wrong integration keys per client address. The case system is one well-known caller with a
 * 256-bit key; a stream of wrong keys is someone guessing. After `maxFailures` wrong keys within
 * `windowMs` an address's wrong keys get 429 (Retry-After, answered a second late) until the window
 * ends; the right key still passes. The first refusal of each window is reported (an audit entry and
 * a warning).
 * Per instance, in memory: a guesser spread over N instances gets N times the allowance, still
 * nothing against a 256-bit key; the point is noise and a trace, not the only barrier.
 */
export class IntegrationKeyThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 60_000,
    private readonly maxAddresses = 10_000,
  ) {}

  /** Seconds to wait when the address is throttled, else null. */
  blockedFor(address: string, now: number): number | null {
    const entry = this.current(address, now);
    return entry && entry.count >= this.maxFailures ? Math.ceil((entry.since + this.windowMs - now) / 1000) : null;
  }

  /** Counts a wrong key; true when this one is the first of its window (worth recording). */
  recordFailure(address: string, now: number): boolean {
    let entry = this.current(address, now);
    if (!entry) {
      if (this.failures.size >= this.maxAddresses) this.sweep(now);
      if (this.failures.size >= this.maxAddresses) this.failures.clear();
      entry = { count: 0, since: now };
      this.failures.set(address, entry);
    }
    entry.count += 1;
    return entry.count === 1;
  }

  private current(address: string, now: number): { count: number; since: number } | undefined {
    const entry = this.failures.get(address);
    if (entry && now - entry.since >= this.windowMs) {
      this.failures.delete(address);
      return undefined;
    }
    return entry;
  }

  private sweep(now: number): void {
    for (const [address, entry] of this.failures) if (now - entry.since >= this.windowMs) this.failures.delete(address);
  }
}
