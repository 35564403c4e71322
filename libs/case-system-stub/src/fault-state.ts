import type { StubFault } from './types';

const KINDS: readonly StubFault['kind'][] = ['status', 'slow', 'reset', 'accept-then-reset', 'garbage'];

// Unknown keys are rejected rather than ignored: a typo such as `time: 3` would otherwise
// silently become a permanent fault and make a test hang or fail for the wrong reason.
const ALLOWED_KEYS: Record<StubFault['kind'], readonly string[]> = {
  status: ['kind', 'status', 'times', 'body'],
  slow: ['kind', 'delayMs', 'times'],
  reset: ['kind', 'times'],
  'accept-then-reset': ['kind', 'times'],
  garbage: ['kind', 'times'],
};

/** Longest injectable delay; enough for any client timeout, short enough not to wedge a test run. */
const MAX_DELAY_MS = 10 * 60 * 1000;

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/**
 * Checks an untrusted value (a PUT /__stub/fault body or a caller's object) and returns a
 * private copy, so later mutation by the caller cannot change the active fault.
 * Throws a TypeError describing the first problem.
 */
export function parseFault(input: unknown): StubFault | null {
  if (input === null) return null;
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new TypeError('fault must be an object or null');
  }
  const raw = input as Record<string, unknown>;
  const kind = raw.kind;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
    throw new TypeError(`fault.kind must be one of ${KINDS.join(', ')}`);
  }
  const typedKind = kind as StubFault['kind'];
  const unknown = Object.keys(raw).filter((key) => !ALLOWED_KEYS[typedKind].includes(key));
  if (unknown.length > 0) {
    throw new TypeError(`unknown fault propert${unknown.length === 1 ? 'y' : 'ies'} for ${kind}: ${unknown.join(', ')}`);
  }
  if (raw.times !== undefined && !isPositiveInteger(raw.times)) {
    throw new TypeError('fault.times must be a positive integer when given');
  }
  const times = raw.times as number | undefined;
  const withTimes = <T extends StubFault>(fault: T): T => (times === undefined ? fault : { ...fault, times });

  switch (typedKind) {
    case 'status': {
      const status = raw.status;
      // 1xx cannot be sent as a final response; anything else is a legitimate thing for a gateway to answer.
      if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
        throw new TypeError('fault.status must be an integer HTTP status between 200 and 599');
      }
      if (raw.body !== undefined && typeof raw.body !== 'string') {
        throw new TypeError('fault.body must be a string when given');
      }
      const fault: StubFault = { kind: 'status', status };
      if (raw.body !== undefined) fault.body = raw.body as string;
      return withTimes(fault);
    }
    case 'slow': {
      const delayMs = raw.delayMs;
      if (typeof delayMs !== 'number' || !Number.isInteger(delayMs) || delayMs < 0 || delayMs > MAX_DELAY_MS) {
        throw new TypeError(`fault.delayMs must be an integer between 0 and ${MAX_DELAY_MS}`);
      }
      return withTimes({ kind: 'slow', delayMs });
    }
    case 'reset':
    case 'accept-then-reset':
    case 'garbage':
      return withTimes({ kind: typedKind });
  }
}

/** The active fault and how many more requests it applies to. */
export class FaultState {
  private fault: StubFault | null = null;

  set(fault: StubFault | null): void {
    this.fault = parseFault(fault);
  }

  /** The active fault with `times` showing what is left (for GET /__stub/fault and /__stub/stats). */
  current(): StubFault | null {
    return this.fault === null ? null : { ...this.fault };
  }

  /**
   * Claims the fault for one incoming request. Claiming happens when the request arrives, so
   * `times: 3` means exactly the next three requests fail, even when they overlap in time.
   */
  take(): StubFault | null {
    const fault = this.fault;
    if (fault === null) return null;
    if (fault.times !== undefined) {
      const left = fault.times - 1;
      this.fault = left > 0 ? { ...fault, times: left } : null;
    }
    return fault;
  }
}
