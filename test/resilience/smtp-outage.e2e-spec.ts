import request from 'supertest';
import { API, PASSWORD, register } from '../support/portal-client';
import { SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { sql } from '../support/sql';
import { delegate, delegationBody, publishSampleForms, settleMail } from '../support/task-fixtures';

/**
 * The mail server down (test/identity/mail-and-logs covers a registration code): notifications and
 * codes wait in the outbox and go out within seconds of its return; a code that could not be sent
 * within its 10 minutes is dropped rather than sent dead; nothing is kept once sent.
 */
describe('Mail server outage', () => {
  let t: TestApp;
  const sink = new SmtpSink();
  let port: number;

  beforeAll(async () => {
    await sink.start();
    port = sink.port;
    t = await startTestApp({ mail: sink });
    await publishSampleForms(t);
    await register(t, 'owner@school.example');
    await settleMail(t, 200);
  });
  afterAll(async () => {
    await t?.close();
    await sink.stop().catch(() => undefined);
  });

  const outbox = async () =>
    sql<{ kind: string; attempts: number; last_error: string | null }>(
      t,
      'SELECT kind, attempts, last_error FROM mail_outbox ORDER BY created_at',
    );

  it('a delegation notice and a sign-in code queued during the outage both arrive within seconds of its end', async () => {
    await sink.stop();
    const since = sink.mark();
    await delegate(t, delegationBody('owner@school.example', { dueDate: '2026-12-24' }));
    await request(t.url).post(`${API}/auth/login`).send({ email: 'owner@school.example', password: PASSWORD }).expect(202);

    await new Promise((r) => setTimeout(r, 3000)); // several failed attempts, backing off
    const waiting = await outbox();
    expect(waiting.map((m) => m.kind).sort()).toEqual(['code', 'notice']);
    expect(waiting.every((m) => m.attempts >= 2 && m.last_error !== null)).toBe(true);
    expect((await request(t.metricsUrl).get('/metrics')).text).toMatch(/portal_mail_backlog 2\b/);

    const back = Date.now();
    await sink.start(port);
    const notice = await sink.waitForMail('owner@school.example', 'A new form has been delegated to you', since, 8000);
    const code = await sink.waitForMail('owner@school.example', 'Your Professional Portal verification code', since, 8000);
    expect(Date.now() - back).toBeLessThan(5000 + 2000); // API.md: within 5 s once it is up (plus test slack)
    expect(notice.text).toContain('24-Dec-2026');
    expect(code.text).toMatch(/\b\d{8}\b/);
    await settleMail(t, 300);
    expect(await outbox()).toEqual([]); // bodies are not kept once sent
  });

  it('a code not sent within its 10 minutes is dropped; a notice queued beside it still goes out', async () => {
    await sink.stop();
    const since = sink.mark();
    await request(t.url).post(`${API}/auth/login`).send({ email: 'owner@school.example', password: PASSWORD }).expect(202);
    await delegate(t, delegationBody('owner@school.example'));
    await new Promise((r) => setTimeout(r, 500));
    t.clock.advanceMinutes(11);
    try {
      await sink.start(port);
      await sink.waitForMail('owner@school.example', 'A new form has been delegated to you', since, 8000);
      // The code may still be backing off (up to 2 s) when the notice has gone: wait until its next
      // attempt has dropped it. An empty outbox means nothing more can be sent.
      for (const deadline = Date.now() + 8000; (await outbox()).length && Date.now() < deadline; ) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await outbox()).toEqual([]);
      await settleMail(t, 300);
      expect(sink.messages.slice(since).map((m) => m.subject)).toEqual(['A new form has been delegated to you']);
    } finally {
      t.clock.reset();
    }
  });

  it('a person who asks twice during the outage gets only the newer code, and it is the one that works (issue 21)', async () => {
    await sink.stop();
    const since = sink.mark();
    const first = await request(t.url).post(`${API}/auth/login`).send({ email: 'owner@school.example', password: PASSWORD }).expect(202);
    // Several failed attempts of the first code email before the second is asked for.
    await new Promise((r) => setTimeout(r, 1500));
    const second = await request(t.url).post(`${API}/auth/login`).send({ email: 'owner@school.example', password: PASSWORD }).expect(202);
    await new Promise((r) => setTimeout(r, 1000));
    // The older code email was dropped, not left to go out first once the server is back.
    expect((await outbox()).map((m) => m.kind)).toEqual(['code']);

    await sink.start(port);
    const code = (await sink.waitForMail('owner@school.example', 'Your Professional Portal verification code', since, 8000)).text.match(
      /\b(\d{8})\b/,
    )![1];
    await settleMail(t, 500);
    const codes = sink.messages.slice(since).filter((m) => m.subject === 'Your Professional Portal verification code');
    expect(codes).toHaveLength(1);
    // The code that arrived belongs to the newer sign-in, not the older.
    await request(t.url)
      .post(`${API}/auth/login/verify`)
      .send({ challengeId: second.body.challengeId, code })
      .expect(200);
    void first;
  });

  it('sign-in codes go out before a backlog of notices (someone is waiting at the sign-in page)', async () => {
    await sink.stop();
    const since = sink.mark();
    for (let i = 0; i < 6; i += 1) await delegate(t, delegationBody(`member${i}@school.example`));
    await request(t.url).post(`${API}/auth/login`).send({ email: 'owner@school.example', password: PASSWORD }).expect(202);
    await new Promise((r) => setTimeout(r, 1000));
    // Everything due at the same moment, a little ahead, so that one claim takes it all together.
    await sql(t, "UPDATE mail_outbox SET next_attempt_at = now() + interval '1500 milliseconds', claimed_until = NULL");
    await sink.start(port);
    await sink.waitForMail('owner@school.example', 'Your Professional Portal verification code', since);
    await settleMail(t, 500);
    const arrived = sink.messages.slice(since).map((m) => m.subject);
    expect(arrived).toHaveLength(7);
    expect(arrived[0]).toBe('Your Professional Portal verification code');
  });
});
