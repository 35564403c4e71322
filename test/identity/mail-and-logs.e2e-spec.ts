import request from 'supertest';
import { SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { API, login, PASSWORD, register, registrationBody } from '../support/portal-client';

describe('Mail outages and logs', () => {
  let t: TestApp;
  const sink = new SmtpSink();
  const logs: string[] = [];

  beforeAll(async () => {
    await sink.start();
    t = await startTestApp({ mail: sink, logStream: { write: (line: string) => void logs.push(line) } });
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('a code queued while the mail server is down arrives once it is back', async () => {
    const port = sink.port;
    await sink.stop();
    const started = await request(t.url).post(`${API}/registrations`).send(registrationBody('outage@school.example')).expect(202);
    await new Promise((r) => setTimeout(r, 700)); // several failed delivery attempts
    await sink.start(port);
    const code = await sink.codeFor('outage@school.example');
    await request(t.url).post(`${API}/registrations/${started.body.registrationId}/verify`).send({ code }).expect(201);
  });

  it('sends each email as plain text with an HTML alternative from the same template pair (mailer over SMTP)', async () => {
    const since = sink.messages.length;
    await request(t.url).post(`${API}/registrations`).send(registrationBody('both-parts@school.example')).expect(202);
    const mail = await sink.waitFor((m) => m.to.includes('both-parts@school.example'), 8000, since);
    const code = /\b(\d{8})\b/.exec(mail.text)![1];
    expect(mail.subject).toBe('Your Professional Portal verification code');
    expect(mail.text).toContain(`Your Professional Portal verification code is:\n\n${code}\n`);
    expect(mail.html).toMatch(/^<!DOCTYPE html>/);
    expect(mail.html).toContain(`>${code}</p>`);
    expect(mail.html).toContain(t.config.councilName);
  });

  it('never writes passwords, codes, tokens or cookies to the logs', async () => {
    await register(t, 'logged@school.example');
    const client = await login(t, 'logged@school.example');
    await client.patch('/me', { jobTitle: 'Teacher' }).expect(200);
    const codes = sink.to('logged@school.example').map((m) => /\b(\d{8})\b/.exec(m.text)![1]);
    const all = logs.join('\n');
    expect(all.length).toBeGreaterThan(0);
    expect(all).toContain('/api/v1/auth/login'); // request logging is on
    expect(all).not.toContain(PASSWORD);
    for (const code of codes) expect(all).not.toContain(code);
    expect(all).not.toContain(client.csrf);
    expect(all).not.toContain(client.sessionToken);
    expect(all).not.toMatch(/portal_session=/);
  });

  it('allows at least 300 auth requests a minute from one address', async () => {
    const statuses: number[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const results = await Promise.all(
        Array.from({ length: 31 }, () => request(t.url).post(`${API}/password-resets`).send({ email: 'nobody@school.example' })),
      );
      statuses.push(...results.map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(0);
    expect(statuses.every((s) => s === 202)).toBe(true);
  });
});
