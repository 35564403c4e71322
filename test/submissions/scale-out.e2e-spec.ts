import { CaseSystemGateway } from '../../src/submissions/application/submission.ports';
import { DeliveryWorker } from '../../src/submissions/infrastructure/delivery.worker';
import { PortalClient, registerAndLogin } from '../support/portal-client';
import { startTestApp, TestApp } from '../support/test-app';
import { sql } from '../support/sql';
import { publishSampleForms } from '../support/task-fixtures';
import { readyHealthTask, submit, waitFor } from './support/submission-fixtures';

const SUBMISSIONS = 60;

/**
 * Two portal instances on one database drain one outbox. The outbox is filled while both workers are
 * held, then released at once, with a case system that takes 40 ms per contribution, so both
 * instances have many claims in flight together. No contribution may be sent twice.
 */
describe('Two instances draining one delivery outbox', () => {
  let a: TestApp;
  let b: TestApp;
  let pros: PortalClient[];

  beforeAll(async () => {
    // Delivery is at-least-once: an attempt that times out is sent again under the same key. The
    // tests' 2 s timeout let a machine stalled by other suites turn one send into two (a CI run did);
    // what this suite proves is that two instances never claim the same delivery, so no timeout here.
    const env = { DELIVERY_TIMEOUT_MS: '60000' };
    a = await startTestApp({ env });
    b = await startTestApp({ env, databaseUrl: a.databaseUrl, embedded: a.embedded, stub: a.stub, mail: a.mail });
    await publishSampleForms(a);
    pros = [await registerAndLogin(a, 'one@school.example'), await registerAndLogin(a, 'two@school.example')];
  });
  /** The same signed-in browser, talking to the other instance. */
  const throughB = (pro: PortalClient) =>
    new PortalClient(
      b.http().set('Cookie', `portal_session=${pro.sessionToken}; portal_csrf=${pro.csrf}`),
      pro.csrf,
      pro.accountId,
      pro.email,
      pro.sessionToken,
    );

  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it(`delivers ${SUBMISSIONS} submissions exactly once between them`, async () => {
    // Hold both workers while the outbox fills (their loop finds nothing to do).
    const held = [a, b].map((t) =>
      jest.spyOn(t.app.get(DeliveryWorker) as unknown as { tick(): Promise<number> }, 'tick').mockResolvedValue(0),
    );
    const sentBy = new Map<TestApp, number>();
    for (const t of [a, b]) {
      const gateway = t.app.get(CaseSystemGateway);
      const deliver = gateway.deliver.bind(gateway);
      jest.spyOn(gateway, 'deliver').mockImplementation(async (payload) => {
        sentBy.set(t, (sentBy.get(t) ?? 0) + 1);
        return deliver(payload);
      });
    }

    const submissionIds: string[] = [];
    for (let i = 0; i < SUBMISSIONS; i++) {
      const pro = pros[i % 2];
      const task = await readyHealthTask(a, pro);
      // Half of them submitted through each instance (the session works on both: one database).
      const via = i % 2 === 0 ? pro : throughB(pro);
      const r = await submit(via, task).expect(202);
      submissionIds.push(r.body.submissionId);
    }
    const [{ n: pending }] = await sql<{ n: number }>(a, "SELECT count(*)::int AS n FROM deliveries WHERE status = 'pending'");
    expect(pending).toBe(SUBMISSIONS);

    a.stub.setFault({ kind: 'slow', delayMs: 40 });
    const started = Date.now();
    held.forEach((spy) => spy.mockRestore());
    await waitFor(
      'every delivery to be delivered',
      async () =>
        (await sql<{ n: number }>(a, "SELECT count(*)::int AS n FROM deliveries WHERE status = 'delivered'"))[0].n ===
        SUBMISSIONS,
      60_000,
    ).catch(async (error: Error) => {
      // Say where the stragglers are (a CI run once timed out here and showed nothing more).
      const rows = await sql<{ status: string; attempts: number; last_error: string | null; n: number }>(
        a,
        'SELECT status, attempts, last_error, count(*)::int AS n FROM deliveries GROUP BY 1, 2, 3',
      );
      const stub = submissionIds.map((id) => a.stub.requestCount(id)).reduce((sum, n) => sum + n, 0);
      throw new Error(
        `${error.message}: ${JSON.stringify(rows)}; the case system was sent ${stub} requests; ` +
          `sent by a: ${sentBy.get(a) ?? 0}, by b: ${sentBy.get(b) ?? 0}`,
      );
    });
    const seconds = (Date.now() - started) / 1000;
    a.stub.setFault(null);

    const received = a.stub.contributions().filter((c) => submissionIds.includes(c.idempotencyKey));
    expect(received).toHaveLength(SUBMISSIONS);
    for (const id of submissionIds) expect(a.stub.requestCount(id)).toBe(1); // no key sent twice
    const attempts = await sql<{ attempts: number }>(a, 'SELECT attempts FROM deliveries');
    expect(attempts.every((row) => row.attempts === 1)).toBe(true);
    // Both instances took part.
    expect(sentBy.get(a)).toBeGreaterThan(0);
    expect(sentBy.get(b)).toBeGreaterThan(0);
    expect((sentBy.get(a) ?? 0) + (sentBy.get(b) ?? 0)).toBe(SUBMISSIONS);
    process.stdout.write(
      `two instances drained ${SUBMISSIONS} deliveries in ${seconds.toFixed(2)} s (${(SUBMISSIONS / seconds).toFixed(0)}/s, ` +
        `a: ${sentBy.get(a)}, b: ${sentBy.get(b)}, case system 40 ms per contribution)\n`,
    );
  });
});
