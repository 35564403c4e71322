import request from 'supertest';
import { PortalClient, API } from '../support/portal-client';
import { TestApp, INTEGRATION_KEY } from '../support/test-app';

export const auth = { Authorization: `Bearer ${INTEGRATION_KEY}` };

export function patchTask(t: TestApp, externalRef: string, body: unknown) {
  return request(t.url).patch(`${API}/integration/tasks/${encodeURIComponent(externalRef)}`).set(auth).send(body as object);
}

export function replyTo(t: TestApp, externalRef: string, body: unknown) {
  return request(t.url).post(`${API}/integration/tasks/${encodeURIComponent(externalRef)}/messages`).set(auth).send(body as object);
}

export async function waitUntil<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The task events the stub received for one task, in arrival order, as `type` strings. */
export function eventTypes(t: TestApp, externalRef: string): string[] {
  return t.stub
    .taskEvents()
    .filter((e) => e.body.taskExternalRef === externalRef)
    .map((e) => e.body.type as string);
}

/** A work group with these members, made by an admin. */
export async function groupWith(admin: PortalClient, key: string, members: string[]): Promise<{ id: string; key: string }> {
  const created = await admin.post('/admin/work-groups', { key, name: `Group ${key}`, organisation: 'Oakfield' }).expect(201);
  for (const email of members) await admin.post(`/admin/work-groups/${created.body.id}/members`, { email }).expect(204);
  return { id: created.body.id, key };
}
