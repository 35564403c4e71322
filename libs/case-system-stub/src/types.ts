/**
 * Public types of the case-management gateway stub. They mirror the outbound contract in
 * API.md ("Outbound: portal → case-management gateway") so that the portal's tests can
 * assert on exactly what the real gateway would have received.
 */

/** One contribution the stub accepted; one per Idempotency-Key, however often it was sent. */
export interface StubContribution {
  receiptId: string;
  idempotencyKey: string;
  // The parsed request body, kept verbatim (base64 included) so tests can compare files byte for byte.
  body: any;
  receivedAt: string;
}

/**
 * A failure mode for `POST /contributions`. `times` counts the requests that fail before
 * normal behaviour resumes; without it the fault stays until cleared.
 */
export type StubFault =
  | { kind: 'status'; status: number; times?: number; body?: string }
  | { kind: 'slow'; delayMs: number; times?: number }
  | { kind: 'reset'; times?: number }
  | { kind: 'accept-then-reset'; times?: number }
  | { kind: 'garbage'; times?: number };

export interface CaseSystemStub {
  /** Base URL to use as CASE_SYSTEM_URL, e.g. http://127.0.0.1:54321 (no trailing slash). */
  url: string;
  /** Unique contributions stored, oldest first (one per key). */
  contributions(): StubContribution[];
  /** Every POST /contributions seen (all, or for one key), including failed and faulted ones. */
  requestCount(idempotencyKey?: string): number;
  setFault(fault: StubFault | null): void;
  /** Forget contributions, counts and faults. */
  clear(): void;
  close(): Promise<void>;
}

export interface CaseSystemStubOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1: the stub is a test double and must not be reachable from outside. */
  host?: string;
  /** true logs one line per request with pino (never bodies); default false. */
  logger?: boolean;
}
