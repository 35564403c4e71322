import type { StubAuthOptions } from './auth';
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

/** A task event or message the stub accepted (one per Idempotency-Key), in arrival order. */
export interface StubTaskItem {
  receiptId: string;
  idempotencyKey: string;
  body: any;
  receivedAt: string;
}

/** Where and what the stub's case worker replies to each professional's message. */
export interface StubAutoReply {
  portalUrl: string;
  integrationKey: string;
  body: string;
  author?: string;
}

export interface CaseSystemStub {
  /** Base URL to use as CASE_SYSTEM_URL, e.g. http://127.0.0.1:54321 (no trailing slash). */
  url: string;
  /** Unique contributions stored, oldest first (one per key). */
  contributions(): StubContribution[];
  /** Every POST /contributions seen (all, or for one key), including failed and faulted ones. */
  requestCount(idempotencyKey?: string): number;
  /** POST /contributions for this key whose whole body was read (a sender cut off midway is not counted). */
  bodiesReceived(idempotencyKey: string): number;
  setFault(fault: StubFault | null): void;
  /** Every OAuth2 token issued so far stops working. */
  revokeTokens(): void;
  /** POST /oauth/token requests seen. */
  tokenRequests(): number;
  /** Task events received (POST /task-events), in arrival order, one per key. */
  taskEvents(): StubTaskItem[];
  /** Professionals' messages received (POST /messages), in arrival order, one per key. */
  messages(): StubTaskItem[];
  /** Every POST /task-events or /messages seen, faulted ones included. */
  taskItemRequestCount(): number;
  /** A fault for /task-events and /messages only (`status` and `reset` apply). */
  setTaskItemFault(fault: StubFault | null): void;
  /** Answer every message from now on through the portal's integration API (null: stop). */
  setAutoReply(reply: StubAutoReply | null): void;
  /** The case worker replies about one task now; resolves to the portal's HTTP status. */
  reply(to: StubAutoReply, taskExternalRef: string): Promise<number>;
  /** Forget contributions, counts and faults. */
  clear(): void;
  close(): Promise<void>;
}

export interface CaseSystemStubOptions {
  /** Credentials required on POST /contributions (401 otherwise); unset: none, as in the embedded default. */
  auth?: StubAuthOptions;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1: the stub is a test double and must not be reachable from outside. */
  host?: string;
  /** true logs one line per request with pino (never bodies); default false. */
  logger?: boolean;
  /**
   * Keep the decoded bytes of files so tests can compare them (the default). false keeps only each
   * file's size and SHA-256: what a soak or memory test of 20 × 10 MiB contributions needs.
   */
  retainFiles?: boolean;
}
