import { StubFault } from '../../libs/case-system-stub/src';
import { startTestApp, TestApp } from '../support/test-app';
import { sql } from '../support/sql';
import { World } from '../security/support/world';

/**
 * A soak of the delivery outbox (test/submissions/delivery-faults covers each fault alone): many
 * submissions while the case system keeps failing in every transient way — 503, 429, too slow,
 * connection reset, reset after accepting, garbage — and in the end every contribution is at the
 * council exactly once, none failed, none lost.
 */
describe('Delivery soak: the case system misbehaving at random', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ env: { DELIVERY_TIMEOUT_MS: '500', DELIVERY_RETRY_BASE_MS: '20' } });
    w = await World.build(t);
  });
  afterAll(() => t?.close());

  it('delivers every one of 24 submissions exactly once while the case system fails at random in every transient way', async () => {
    const faults: StubFault[] = [
      { kind: 'status', status: 503, times: 2 },
      { kind: 'status', status: 429, times: 1 },
      { kind: 'status', status: 502, times: 2 },
      { kind: 'slow', delayMs: 800, times: 1 },
      { kind: 'reset', times: 2 },
      { kind: 'accept-then-reset', times: 2 },
      { kind: 'garbage', times: 2 },
    ];
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    let faulting = true;
    const chaos = (async () => {
      while (faulting) {
        t.stub.setFault(faults[Math.floor(random() * faults.length)]);
        await new Promise((r) => setTimeout(r, 150));
      }
      t.stub.setFault(null);
    })();

    const submissionIds: string[] = [];
    for (let i = 0; i < 24; i++) {
      const task = await w.freshCompleteOwnerTask();
      const receipt = await w.clients.owner.post(`/tasks/${task.id}/submit`, { version: task.version }).expect(202);
      submissionIds.push(receipt.body.submissionId);
    }
    await new Promise((r) => setTimeout(r, 3000));
    faulting = false;
    await chaos;

    const deadline = Date.now() + 30_000;
    let rows: { status: string; attempts: number }[] = [];
    while (Date.now() < deadline) {
      rows = await sql<{ status: string; attempts: number }>(t, 'SELECT status, attempts FROM deliveries');
      if (rows.length === 24 && rows.every((r) => r.status === 'delivered')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(rows.map((r) => r.status)).toEqual(new Array(24).fill('delivered'));
    expect(rows.reduce((n, r) => n + r.attempts, 0)).toBeGreaterThan(24); // the faults were really met

    const received = t.stub.contributions();
    expect(received.map((c) => c.idempotencyKey).sort()).toEqual([...submissionIds].sort());
    expect(new Set(received.map((c) => c.body.submissionId)).size).toBe(24);
  });
});
