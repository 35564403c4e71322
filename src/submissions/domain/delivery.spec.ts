import fc from 'fast-check';
import { Delivery, MAX_RETRY_DELAY_MS, retryDelay } from './delivery';

describe('Delivery', () => {
  const t0 = new Date('2026-11-28T10:00:00.000Z');

  it('is delivered once accepted, keeping the receipt', () => {
    const d = Delivery.start('s1', t0);
    d.attempts = 1;
    d.record({ kind: 'accepted', receiptId: 'R-1' }, t0, 5000, 0.5);
    expect(d).toMatchObject({ status: 'delivered', receiptId: 'R-1', deliveredAt: t0, lastError: null });
  });

  it('is retried later after a retryable failure, failed after a refusal, and an admin can retry it', () => {
    const d = Delivery.start('s1', t0);
    d.attempts = 3;
    d.record({ kind: 'retryable', error: 'HTTP 503' }, t0, 1000, 0.999);
    expect(d.status).toBe('pending');
    expect(d.nextAttemptAt.getTime() - t0.getTime()).toBe(Math.floor(0.999 * 4000));
    d.record({ kind: 'refused', error: 'HTTP 400' }, t0, 1000, 0.5);
    expect(d.status).toBe('failed');
    expect(d.retry(t0)).toBe(true);
    expect(d).toMatchObject({ status: 'pending', nextAttemptAt: t0 });
    expect(d.retry(t0)).toBe(false);
  });

  it('full-jitter delays stay within [0, min(cap, base·2^(n-1))]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 3_600_000 }),
        fc.double({ min: 0, max: 0.9999999, noNaN: true }),
        (n, base, r) => {
          const delay = retryDelay(n, base, r);
          const ceiling = Math.min(MAX_RETRY_DELAY_MS, base * 2 ** (n - 1));
          return delay >= 0 && delay <= ceiling && delay <= MAX_RETRY_DELAY_MS;
        },
      ),
    );
  });
});
