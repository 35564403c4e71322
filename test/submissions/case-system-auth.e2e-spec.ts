import { startCaseSystemStub, StubAuthOptions } from '../../libs/case-system-stub/src';
import { PortalClient, registerAndLogin } from '../support/portal-client';
import { registerAdminHere } from '../support/sql';
import { publishSampleForms } from '../support/task-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { deliveryOf, readyHealthTask, submit, waitFor, waitForDelivery } from './support/submission-fixtures';

const KEY = { id: 'k-2026-12', secret: 'an-e2e-hmac-signing-secret-of-32-chars' };

/**
 * The portal authenticating to a case system that checks, over real HTTP: a refused (401) delivery
 * is a failure the helpdesk sees and can retry, never retried forever; an OAuth2 token that dies in
 * the middle of a drain is renewed once and every contribution still arrives exactly once.
 */
describe('Authenticated delivery to the case system', () => {
  describe('HMAC signing', () => {
    let t: TestApp;
    let pro: PortalClient;
    let admin: PortalClient;
    const auth: StubAuthOptions = { hmacKeys: [KEY] };

    beforeAll(async () => {
      const stub = await startCaseSystemStub({ auth });
      t = await startTestApp({
        stub,
        env: { CASE_SYSTEM_AUTH: 'hmac', CASE_SYSTEM_HMAC_KEYS: `${KEY.id}:${KEY.secret}` },
      });
      await publishSampleForms(t);
      pro = await registerAndLogin(t, 'signed.visitor@nhs.example', { organisation: 'Riverside NHS Trust' });
      admin = await registerAdminHere(t, 'helpdesk.signed@council.example');
    });
    afterAll(async () => {
      await t.close();
      await t.stub.close();
    });

    it('a signed delivery is accepted', async () => {
      const task = await readyHealthTask(t, pro);
      const { body } = await submit(pro, task).expect(202);
      const state = await waitForDelivery(t, task.externalRef);
      expect(state.delivery).toMatchObject({ status: 'delivered', attempts: 1 });
      expect(t.stub.contributions().filter((c) => c.idempotencyKey === body.submissionId)).toHaveLength(1);
    });

    it('clock skew beyond the window: 401, a failed delivery the helpdesk sees, not retried; Retry delivers once fixed', async () => {
      auth.now = () => Date.now() + 10 * 60_000;
      const task = await readyHealthTask(t, pro);
      const { body } = await submit(pro, task).expect(202);
      const failed = await waitForDelivery(t, task.externalRef, 'failed');
      expect(failed.delivery).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('HTTP 401') });
      expect(failed.delivery!.lastError).toContain('stale_request');
      // DELIVERY_RETRY_BASE_MS is 50 ms here: a retried 401 would have been sent again many times by now.
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(t.stub.requestCount(body.submissionId)).toBe(1);
      const listed = await admin.get('/admin/deliveries?status=failed').expect(200);
      expect(listed.body.items.find((d: { submissionId: string }) => d.submissionId === body.submissionId)).toMatchObject({
        status: 'failed',
        lastError: expect.stringContaining('HTTP 401'),
        nextAttemptAt: null,
      });

      // The gateway's clock is put right (two minutes off is within the window); the helpdesk retries.
      auth.now = () => Date.now() + 2 * 60_000;
      await admin.post(`/admin/deliveries/${body.submissionId}/retry`).expect(202);
      const delivered = await waitForDelivery(t, task.externalRef);
      expect(delivered.delivery).toMatchObject({ status: 'delivered', lastError: null });
      expect(t.stub.contributions().filter((c) => c.idempotencyKey === body.submissionId)).toHaveLength(1);
    });

    it('a key the gateway no longer lists (rotation finished without us): refused, visible, not retried', async () => {
      auth.now = undefined;
      auth.hmacKeys = [{ id: 'k-2027-06', secret: 'the-next-key-the-portal-was-not-given' }];
      try {
        const task = await readyHealthTask(t, pro);
        const { body } = await submit(pro, task).expect(202);
        const failed = await waitForDelivery(t, task.externalRef, 'failed');
        expect(failed.delivery!.lastError).toContain('invalid_signature');
        expect(t.stub.requestCount(body.submissionId)).toBe(1);
      } finally {
        auth.hmacKeys = [KEY];
      }
    });
  });

  describe('OAuth2 client credentials', () => {
    let t: TestApp;
    let pro: PortalClient;
    const auth: StubAuthOptions = { oauth2: { clientId: 'portal', clientSecret: 'the-portal-client-secret' } };

    beforeAll(async () => {
      const stub = await startCaseSystemStub({ auth });
      t = await startTestApp({
        stub,
        env: {
          CASE_SYSTEM_AUTH: 'oauth2',
          CASE_SYSTEM_OAUTH_TOKEN_URL: `${stub.url}/oauth/token`,
          CASE_SYSTEM_OAUTH_CLIENT_ID: 'portal',
          CASE_SYSTEM_OAUTH_CLIENT_SECRET: 'the-portal-client-secret',
          CASE_SYSTEM_OAUTH_SCOPE: 'contributions:write',
        },
      });
      await publishSampleForms(t);
      pro = await registerAndLogin(t, 'token.visitor@nhs.example', { organisation: 'Riverside NHS Trust' });
    });
    afterAll(async () => {
      await t.close();
      await t.stub.close();
    });

    it('one cached token for many deliveries; revoked in the middle of a drain: renewed, everything delivered once', async () => {
      const first = await readyHealthTask(t, pro);
      await submit(pro, first).expect(202);
      await waitForDelivery(t, first.externalRef);
      expect(t.stub.tokenRequests()).toBe(1);

      // A backlog builds up while the case system answers 503 (each attempt still authenticated).
      t.stub.setFault({ kind: 'status', status: 503 });
      const backlog: { task: { externalRef: string }; submissionId: string }[] = [];
      for (let i = 0; i < 4; i++) {
        const task = await readyHealthTask(t, pro);
        const { body } = await submit(pro, task).expect(202);
        backlog.push({ task, submissionId: body.submissionId as string });
      }
      await waitFor('every backlog delivery to have failed once', async () => {
        const states = await Promise.all(backlog.map((b) => deliveryOf(t, b.task.externalRef)));
        return states.every((s) => s.delivery && s.delivery.attempts >= 1 && s.delivery.status === 'pending');
      });
      expect(t.stub.tokenRequests()).toBe(1);

      // The gateway revokes every token (expiry, restart) and recovers: the drain meets 401s.
      t.stub.revokeTokens();
      t.stub.setFault(null);
      for (const b of backlog) {
        const state = await waitForDelivery(t, b.task.externalRef);
        expect(state.delivery).toMatchObject({ status: 'delivered', lastError: null });
        expect(t.stub.contributions().filter((c) => c.idempotencyKey === b.submissionId)).toHaveLength(1);
      }
      // Renewed on the first 401 (a few concurrent deliveries may each have asked once).
      expect(t.stub.tokenRequests()).toBeGreaterThanOrEqual(2);
      expect(t.stub.tokenRequests()).toBeLessThanOrEqual(1 + backlog.length);
    });
  });
});
