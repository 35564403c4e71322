import request from 'supertest';
import { MikroORM } from '@mikro-orm/postgresql';
import { PortalClient, registerAndLogin } from '../support/portal-client';
import { startTestApp, TestApp } from '../support/test-app';
import { registerAdminHere, sql } from '../support/sql';
import { publishSampleForms } from '../support/task-fixtures';
import {
  deliveryOf,
  readyEducationTask,
  readyHealthTask,
  sha256,
  submit,
  waitFor,
  waitForDelivery,
} from './support/submission-fixtures';
import { DeliveryWorker } from '../../src/submissions/infrastructure/delivery.worker';

/**
 * The case system misbehaving, over real HTTP: failing, slow, refusing, dropping the connection after
 * it stored the contribution, and a portal instance dying between the case system's answer and the
 * portal recording it. In every case the case system ends up with exactly one contribution per
 * submission, every request for it carrying the same Idempotency-Key.
 */
describe('Delivering contributions when the case system misbehaves', () => {
  let t: TestApp;
  let pro: PortalClient;
  let admin: PortalClient;

  beforeAll(async () => {
    // A short timeout, so the "slow case system" case does not take long.
    t = await startTestApp({ env: { DELIVERY_TIMEOUT_MS: '300' } });
    await publishSampleForms(t);
    pro = await registerAndLogin(t, 'health.visitor@nhs.example', { organisation: 'Riverside NHS Trust' });
    admin = await registerAdminHere(t, 'helpdesk@council.example');
  });
  afterAll(() => t.close());
  afterEach(() => t.stub.setFault(null));

  const contributionsFor = (submissionId: string) => t.stub.contributions().filter((c) => c.idempotencyKey === submissionId);

  async function submitOne() {
    const task = await readyHealthTask(t, pro);
    const r = await submit(pro, task).expect(202);
    return { task, submissionId: r.body.submissionId as string };
  }

  it('503 three times, then accepted: retried with backoff, four attempts, delivered once', async () => {
    t.stub.setFault({ kind: 'status', status: 503, times: 3 });
    const { task, submissionId } = await submitOne();
    const state = await waitForDelivery(t, task.externalRef);
    expect(state.delivery).toEqual({ status: 'delivered', attempts: 4, receiptId: expect.any(String), lastError: null });
    expect(t.stub.requestCount(submissionId)).toBe(4);
    expect(contributionsFor(submissionId)).toHaveLength(1);
  });

  it('a 503 is visible while pending: status pending, attempts, the last error, next attempt', async () => {
    t.stub.setFault({ kind: 'status', status: 503 });
    const { task, submissionId } = await submitOne();
    const pending = await waitFor('a failed attempt', async () => {
      const s = await deliveryOf(t, task.externalRef);
      return s.delivery && s.delivery.attempts >= 2 && s.delivery.lastError ? s : undefined;
    });
    expect(pending.delivery).toMatchObject({
      status: 'pending',
      receiptId: null,
      lastError: expect.stringContaining('HTTP 503'),
    });
    const listed = await admin.get('/admin/deliveries?status=pending').expect(200);
    expect(listed.body.items.find((d: { submissionId: string }) => d.submissionId === submissionId)).toMatchObject({
      status: 'pending',
      attempts: expect.any(Number),
      nextAttemptAt: expect.any(String),
      lastError: expect.stringContaining('HTTP 503'),
      heldPastRetention: false,
    });
    t.stub.setFault(null);
    await waitForDelivery(t, task.externalRef);
    expect(contributionsFor(submissionId)).toHaveLength(1);
  });

  it('a case system slower than DELIVERY_TIMEOUT_MS: the attempt times out, the retry gets the same receipt', async () => {
    t.stub.setFault({ kind: 'slow', delayMs: 1500, times: 1 });
    const { task, submissionId } = await submitOne();
    const state = await waitForDelivery(t, task.externalRef);
    expect(state.delivery!.attempts).toBeGreaterThanOrEqual(2);
    // The slow request is stored by the stub too once it wakes up: still one contribution.
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(contributionsFor(submissionId)).toHaveLength(1);
    expect(contributionsFor(submissionId)[0].receiptId).toBe(state.delivery!.receiptId);
    expect(t.stub.requestCount(submissionId)).toBe(state.delivery!.attempts);
  });

  it('the connection reset before an answer, or an unreadable answer: retried, delivered once', async () => {
    for (const fault of [
      { kind: 'reset', times: 2 },
      { kind: 'garbage', times: 1 },
    ] as const) {
      t.stub.setFault(fault);
      const { task, submissionId } = await submitOne();
      const state = await waitForDelivery(t, task.externalRef);
      expect(state.delivery!.attempts).toBe(fault.times + 1);
      expect(contributionsFor(submissionId)).toHaveLength(1);
    }
  });

  it('refused with 400: failed with the response recorded, listed for admins; after the fix an admin retry delivers it', async () => {
    t.stub.setFault({ kind: 'status', status: 400, body: '{"code":"unknown_case","detail":"no such case reference"}' });
    const { task, submissionId } = await submitOne();
    const failed = await waitForDelivery(t, task.externalRef, 'failed');
    expect(failed.delivery).toEqual({
      status: 'failed',
      attempts: 1,
      receiptId: null,
      lastError: expect.stringContaining('HTTP 400'),
    });
    expect(failed.delivery!.lastError).toContain('unknown_case');
    // A refusal is not retried on its own.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(t.stub.requestCount(submissionId)).toBe(1);

    const list = await admin.get('/admin/deliveries?status=failed').expect(200);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({
        submissionId,
        taskId: task.id,
        externalRef: task.externalRef,
        form: { key: 'health-contribution', version: 1 },
        status: 'failed',
        attempts: 1,
        nextAttemptAt: null,
        lastError: expect.stringContaining('HTTP 400'),
        receiptId: null,
        deliveredAt: null,
        heldPastRetention: false,
      }),
    );
    const metrics = await request(t.metricsUrl).get('/metrics').expect(200);
    expect(Number(/^portal_deliveries_failed (\d+)$/m.exec(metrics.text)![1])).toBeGreaterThanOrEqual(1);
    // Only admins; only failed ones.
    await pro.get('/admin/deliveries').expect(403);
    await pro.post(`/admin/deliveries/${submissionId}/retry`).expect(403);
    expect((await admin.get('/admin/deliveries?status=lost').expect(400)).body.code).toBe('invalid_request');
    expect((await admin.post('/admin/deliveries/0190a0a0-0000-7000-8000-000000000000/retry').expect(404)).body.code).toBe(
      'not_found',
    );

    t.stub.setFault(null); // the council fixed its side
    await admin.post(`/admin/deliveries/${submissionId}/retry`).expect(202);
    const delivered = await waitForDelivery(t, task.externalRef);
    expect(delivered.delivery).toMatchObject({ status: 'delivered', attempts: 2, lastError: null });
    expect(contributionsFor(submissionId)).toHaveLength(1);
    const again = await admin.post(`/admin/deliveries/${submissionId}/retry`).expect(409);
    expect(again.body.code).toBe('delivery_not_failed');
    const deliveredList = await admin.get('/admin/deliveries?status=delivered').expect(200);
    expect(deliveredList.body.items.find((d: { submissionId: string }) => d.submissionId === submissionId)).toMatchObject({
      deliveredAt: expect.any(String),
      receiptId: delivered.delivery!.receiptId,
    });
  });

  it('accepted, then the connection dropped before the answer: sent again with the same key, the case system holds one', async () => {
    t.stub.setFault({ kind: 'accept-then-reset', times: 1 });
    const { task, submissionId } = await submitOne();
    const state = await waitForDelivery(t, task.externalRef);
    expect(state.delivery!.attempts).toBe(2);
    expect(t.stub.requestCount(submissionId)).toBe(2);
    const held = contributionsFor(submissionId);
    expect(held).toHaveLength(1);
    expect(held[0].receiptId).toBe(state.delivery!.receiptId); // the replay answered with the first receipt
  });

  it('lists deliveries newest first with a working cursor', async () => {
    const page1 = await admin.get('/admin/deliveries?limit=2').expect(200);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await admin.get(`/admin/deliveries?limit=2&cursor=${page1.body.nextCursor}`).expect(200);
    const ids = [...page1.body.items, ...page2.body.items].map((d: { submissionId: string }) => d.submissionId);
    expect(new Set(ids).size).toBe(ids.length);
    const submitted = [...page1.body.items, ...page2.body.items].map((d: { submittedAt: string }) => d.submittedAt);
    expect([...submitted].sort().reverse()).toEqual(submitted);
  });
});

/**
 * A portal instance dies after the case system accepted the contribution but before it recorded
 * that: its claim is abandoned. Another instance on the same database (the restart) takes the
 * delivery once the lease has run out and sends it again with the same Idempotency-Key.
 */
describe('A portal instance dying mid-delivery', () => {
  let first: TestApp;
  let second: TestApp | undefined;
  let pro: PortalClient;

  beforeAll(async () => {
    first = await startTestApp({ env: { DELIVERY_TIMEOUT_MS: '10000' } });
    await publishSampleForms(first);
    pro = await registerAndLogin(first, 'senco@oakfield.example');
  });
  afterAll(async () => {
    await second?.close();
    await first.close();
  });

  it('the restarted instance delivers it again after the lease expires; the case system holds exactly one', async () => {
    const task = await readyEducationTask(first, pro);
    // The case system takes its time answering, so the first instance is caught in the middle.
    first.stub.setFault({ kind: 'slow', delayMs: 1500, times: 1 });
    const r = await submit(pro, task).expect(202);
    const submissionId = r.body.submissionId as string;
    // Its whole body, not just its start: the files stream from the database, so "killing" the
    // instance before they are sent cuts the request off (on the embedded database, under load, a
    // run did), and then the case system never has it.
    await waitFor('the first attempt to reach the case system', () => first.stub.bodiesReceived(submissionId) === 1);
    const [claimed] = await sql<{ attempts: number; lease_until: Date }>(
      first,
      'SELECT attempts, lease_until FROM deliveries WHERE submission_id = ?',
      [submissionId],
    );
    expect(claimed.attempts).toBe(1);
    expect(new Date(claimed.lease_until).getTime()).toBeGreaterThan(Date.now());

    // The first instance loses its database for good before the answer arrives ("killed").
    await first.app.get(MikroORM).close(true);
    await waitFor('the case system to store the contribution', () =>
      first.stub.contributions().some((c) => c.idempotencyKey === submissionId),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    // The restarted instance: same database, same case system.
    second = await startTestApp({
      databaseUrl: first.databaseUrl,
      embedded: first.embedded,
      stub: first.stub,
      mail: first.mail,
      env: { DELIVERY_TIMEOUT_MS: '10000' },
    });
    // Within the lease nobody touches it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(first.stub.requestCount(submissionId)).toBe(1);
    expect((await deliveryOf(second, task.externalRef)).delivery).toMatchObject({ status: 'pending', attempts: 1 });

    // The lease (timeout + 30 s) runs out.
    second.clock.advance(45_000);
    const state = await waitForDelivery(second, task.externalRef);
    expect(state.delivery).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(first.stub.requestCount(submissionId)).toBe(2);
    const held = first.stub.contributions().filter((c) => c.idempotencyKey === submissionId);
    expect(held).toHaveLength(1);
    expect(held[0].receiptId).toBe(state.delivery!.receiptId);
    expect(sha256(Buffer.from(held[0].body.pdfBase64, 'base64'))).toBe(held[0].body.pdfSha256);
    expect(second.app.get(DeliveryWorker)).toBeDefined();
  });
});
