import { OutboundItem } from './outbound-item';

const NOW = new Date('2026-12-06T10:00:00.000Z');

function pending(attempts: number): OutboundItem {
  const item = new OutboundItem();
  item.id = 'item-1';
  item.status = 'pending';
  item.attempts = attempts;
  item.nextAttemptAt = NOW;
  item.leaseUntil = new Date(NOW.getTime() + 60_000);
  return item;
}

describe('an outbound task event or message', () => {
  it('is delivered once accepted, its lease released', () => {
    const item = pending(1);
    item.record({ kind: 'accepted', receiptId: '' }, NOW, 50, 0.5);
    expect(item).toMatchObject({ status: 'delivered', deliveredAt: NOW, leaseUntil: null, lastError: null });
  });

  it('waits with the contributions’ backoff after a retryable failure (full jitter, doubling)', () => {
    const item = pending(3);
    item.record({ kind: 'retryable', error: 'HTTP 503' }, NOW, 1000, 0.5);
    expect(item.status).toBe('pending');
    expect(item.nextAttemptAt.getTime() - NOW.getTime()).toBe(2000); // 0.5 × 1000 × 2²
    expect(item.lastError).toBe('HTTP 503');
  });

  it('waits for an admin after a refusal, and only a failed item can be sent again', () => {
    const item = pending(1);
    expect(item.retry(NOW)).toBe(false);
    item.record({ kind: 'refused', error: 'HTTP 400' }, NOW, 50, 0.1);
    expect(item.status).toBe('failed');
    const later = new Date(NOW.getTime() + 5000);
    expect(item.retry(later)).toBe(true);
    expect(item).toMatchObject({ status: 'pending', nextAttemptAt: later });
  });
});
