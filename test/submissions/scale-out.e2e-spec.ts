import { CaseSystemGateway } from '../../src/submissions/application/submission.ports';
import { DeliveryWorker } from '../../src/submissions/infrastructure/delivery.worker';
import { PortalClient, registerAndLogin } from '../support/portal-client';
import { startTestApp, TestApp } from '../support/test-app';
import { sql } from '../support/sql';
import { publishSampleForms } from '../support/task-fixtures';
import { readyHealthTask, submit, waitFor } from './support/submission-fixtures';

const SUBMISSIONS = 60;

interface Send {
  start: number;
  end?: number;
  kind?: string;
  error?: string;
}

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

  it(`delivers ${SUBMISSIONS} submissions between them, never one in two hands at once`, async () => {
    // Hold both workers while the outbox fills (their loop finds nothing to do).
    const held = [a, b].map((t) =>
      jest.spyOn(t.app.get(DeliveryWorker) as unknown as { tick(): Promise<number> }, 'tick').mockResolvedValue(0),
    );
    const sentBy = new Map<TestApp, number>();
    // Every send of every key, by either instance: when it began and ended, and what came of it.
    const sends = new Map<string, Send[]>();
    for (const t of [a, b]) {
      const gateway = t.app.get(CaseSystemGateway);
      const deliver = gateway.deliver.bind(gateway);
      jest.spyOn(gateway, 'deliver').mockImplementation(async (payload, stop) => {
        sentBy.set(t, (sentBy.get(t) ?? 0) + 1);
        const send: Send = { start: performance.now() };
        sends.set(payload.submissionId, [...(sends.get(payload.submissionId) ?? []), send]);
        const result = await deliver(payload, stop);
        Object.assign(send, { end: performance.now(), kind: result.kind, error: 'error' in result ? result.error : undefined });
        return result;
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
    // No delivery is ever in two hands: each key was sent once, or again only after the send before
    // it had ended in a retryable failure (delivery is at-least-once by design: a send whose answer
    // is lost is sent again under the same key). Two CI runs on a loaded machine saw one such resend
    // in 60; the failure is printed below when it happens.
    const attempts = new Map(
      (await sql<{ submission_id: string; attempts: number }>(a, 'SELECT submission_id, attempts FROM deliveries')).map((r) => [
        r.submission_id,
        r.attempts,
      ]),
    );
    const resent: string[] = [];
    for (const id of submissionIds) {
      const tries = sends.get(id) ?? [];
      expect(tries.length).toBeGreaterThanOrEqual(1);
      expect(a.stub.requestCount(id)).toBe(tries.length); // the case system saw what was sent, no more
      expect(attempts.get(id)).toBe(tries.length); // one claim per send
      expect(tries[tries.length - 1].kind).toBe('accepted');
      for (let i = 0; i + 1 < tries.length; i++) {
        expect(tries[i].kind).toBe('retryable');
        expect(tries[i].end!).toBeLessThanOrEqual(tries[i + 1].start); // never two sends at once
        resent.push(`${id}: ${tries[i].error}`);
      }
    }
    expect(resent.length).toBeLessThanOrEqual(2);
    if (resent.length) process.stdout.write(`sent again after a failed send (at-least-once): ${resent.join('; ')}\n`);
    // Both instances took part.
    expect(sentBy.get(a)).toBeGreaterThan(0);
    expect(sentBy.get(b)).toBeGreaterThan(0);
    expect((sentBy.get(a) ?? 0) + (sentBy.get(b) ?? 0)).toBe(SUBMISSIONS + resent.length);
    process.stdout.write(
      `two instances drained ${SUBMISSIONS} deliveries in ${seconds.toFixed(2)} s (${(SUBMISSIONS / seconds).toFixed(0)}/s, ` +
        `a: ${sentBy.get(a)}, b: ${sentBy.get(b)}, case system 40 ms per contribution)\n`,
    );
  });
});
