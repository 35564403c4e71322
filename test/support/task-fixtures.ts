import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { API, integration } from './portal-client';
import { sql } from './sql';
import { TestApp } from './test-app';

/** The sample definitions (copies of shared/forms kept beside the form-schema library). */
const FIXTURES = join(__dirname, '..', '..', 'libs', 'form-schema', 'test-fixtures');

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
}

export function educationAdviceForm(): Record<string, unknown> {
  return fixture('education-advice.v1.json');
}

export function healthContributionForm(): Record<string, unknown> {
  return fixture('health-contribution.v1.json');
}

export async function publishSampleForms(t: TestApp): Promise<void> {
  for (const form of [educationAdviceForm(), healthContributionForm()]) {
    const res = await integration(t).put(`/integration/form-definitions/${form.key}/versions/${form.version}`, form);
    if (res.status !== 201 && res.status !== 200)
      throw new Error(`publishing ${form.key} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

let counter = 0;

export function uniqueRef(prefix = 'LCS-TASK'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now()}-${counter}`;
}

export function delegationBody(email: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    externalRef: uniqueRef(),
    form: { key: 'education-advice', version: 1 },
    subject: { reference: 'LCS-123456', displayName: 'Alex Smith' },
    prefill: { childName: 'Alex Smith', dateOfBirth: '2015-03-02', caseWorker: 'Jo Bloggs' },
    assignee: { email },
    dueDate: '2026-12-18',
    message: 'Please include the latest attendance figures.',
    ...overrides,
  };
}

export function healthDelegationBody(email: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return delegationBody(email, {
    form: { key: 'health-contribution', version: 1 },
    prefill: { childName: 'Alex Smith', conferenceDate: '2026-12-20' },
    message: null,
    ...overrides,
  });
}

/** Delegates and returns the created task (201). */
export async function delegate(t: TestApp, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await integration(t).post('/integration/tasks', body);
  if (res.status !== 201) throw new Error(`delegation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, any>;
}

/** Sends one file the way a browser form does. */
export function upload(agent: request.Agent, csrf: string, taskId: string, content: Buffer, filename: string, field = 'file') {
  return agent
    .post(`${API}/tasks/${taskId}/attachments`)
    .set('X-CSRF-Token', csrf)
    .attach(field, content, { filename, contentType: 'application/octet-stream' });
}

/** Waits until the mail worker has drained (no more mails arriving for a short while). */
export async function settleMail(t: TestApp, quietMs = 300): Promise<void> {
  // First until the outbox has handed everything due over (a sent row is deleted; a retry may be up
  // to 2 s away), within a bound: with the mail server down it never empties. Then until the sink
  // has been quiet for `quietMs`.
  for (const deadline = Date.now() + 5000; Date.now() < deadline; ) {
    const [{ n }] = await sql<{ n: string }>(t, 'SELECT count(*) AS n FROM mail_outbox');
    if (Number(n) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  let last = -1;
  while (last !== t.mail.messages.length) {
    last = t.mail.messages.length;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}
