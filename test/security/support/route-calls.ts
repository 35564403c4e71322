import request from 'supertest';
import { API, PASSWORD, registrationBody } from '../../support/portal-client';
import { TestApp } from '../../support/test-app';
import { sql } from '../../support/sql';
import { pdf } from '../../support/sample-files';
import { delegationBody, educationAdviceForm } from '../../support/task-fixtures';
import { Actor, Credentials, EMAILS, MADE_UP_ID, SessionActor, World } from './world';

/** One concrete request for a route: real ids in the path, a valid body for the route. */
export interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  multipart?: { field: string; filename: string; content: Buffer; contentType?: string };
  /** Replaces the actor's usual credentials (e.g. a second session for logout). */
  credentials?: Credentials;
}

export type Recipe = (w: World, actor: Actor) => Promise<Call> | Call;

const isSessionActor = (a: Actor): a is SessionActor => a !== 'anonymous' && a !== 'integration';
/** The task a task-content route is about, for this actor: the member's is the group's task. */
const taskOf = (w: World, a: Actor) => (a === 'member' ? w.groupTask : w.ownerTask);
const attachmentOf = (w: World, a: Actor) => (a === 'member' ? w.groupAttachmentId : w.ownerAttachmentId);

async function backdateCode(w: World, table: 'registrations' | 'login_challenges', id: string): Promise<void> {
  // Resends are allowed once a minute: make this one's code two minutes old instead of waiting.
  await sql(w.t, `UPDATE ${table} SET code_sent_at = code_sent_at - interval '2 minutes' WHERE id = ?`, [id]);
}

/**
 * How to call each route (keys as in authorization-table.ts): a valid request that succeeds for
 * whoever may call it. Destructive calls get fresh resources, so the order of actors never matters.
 */
export const RECIPES: Record<string, Recipe> = {
  'POST /registrations': (w) => ({ body: registrationBody(`${w.unique('new')}@school.example`) }),
  'POST /registrations/{registrationId}/verify': async (w) => {
    const { registrationId, code } = await w.freshRegistration();
    return { params: { registrationId }, body: { code } };
  },
  'POST /registrations/{registrationId}/resend': async (w) => {
    const { registrationId } = await w.freshRegistration();
    await backdateCode(w, 'registrations', registrationId);
    return { params: { registrationId } };
  },
  // Not the account whose codes the next routes read: its code emails would arrive among theirs.
  'POST /auth/login': () => ({ body: { email: EMAILS.bystander, password: PASSWORD } }),
  'POST /auth/login/verify': async (w) => ({ body: await w.freshLoginChallenge() }),
  'POST /auth/login/resend': async (w) => {
    const { challengeId } = await w.freshLoginChallenge();
    await backdateCode(w, 'login_challenges', challengeId);
    return { body: { challengeId } };
  },
  // An address without an account: the same 202, and no reset email spent.
  'POST /password-resets': (w) => ({ body: { email: `${w.unique('nobody')}@school.example` } }),
  'POST /password-resets/{resetId}/verify': async (w) => {
    const { resetId, code } = await w.freshReset();
    return { params: { resetId }, body: { code } };
  },
  'POST /password-resets/{resetId}/complete': async (w) => {
    const { resetId, resetToken } = await w.freshVerifiedReset();
    return { params: { resetId }, body: { resetToken, newPassword: `${PASSWORD} ${w.unique('v')}` } };
  },

  'GET /auth/session': () => ({}),
  'POST /auth/logout': async (w, a) => (isSessionActor(a) ? { credentials: await w.freshSession(a) } : {}),
  'GET /me': () => ({}),
  'PATCH /me': () => ({ body: { jobTitle: 'SENCo' } }),
  'GET /tasks': () => ({ query: { view: 'to-complete' } }),
  'GET /work-groups': () => ({}),

  'GET /tasks/{id}': (w, a) => ({ params: { id: taskOf(w, a).id } }),
  'PUT /tasks/{id}/answers': async (w, a) => {
    const id = taskOf(w, a).id;
    return { params: { id }, body: { version: await w.currentVersion(id), answers: { setting: 'Oakfield' } } };
  },
  'POST /tasks/{id}/validate': (w, a) => ({ params: { id: taskOf(w, a).id }, body: {} }),
  'POST /tasks/{id}/attachments': (w, a) => ({
    params: { id: taskOf(w, a).id },
    multipart: { field: 'file', filename: `${w.unique('upload')}.pdf`, content: pdf(), contentType: 'application/pdf' },
  }),
  'GET /tasks/{id}/attachments/{attachmentId}': (w, a) => ({ params: { id: taskOf(w, a).id, attachmentId: attachmentOf(w, a) } }),
  'DELETE /tasks/{id}/attachments/{attachmentId}': async (w, a) => ({
    params: { id: taskOf(w, a).id, attachmentId: a === 'owner' ? await w.freshOwnerAttachment() : attachmentOf(w, a) },
  }),
  'GET /tasks/{id}/pdf': (w, a) => ({ params: { id: taskOf(w, a).id } }),
  'POST /tasks/{id}/submit': async (w, a) => {
    const task = a === 'owner' ? await w.freshCompleteOwnerTask() : taskOf(w, a);
    return { params: { id: task.id }, body: { version: await w.currentVersion(task.id) } };
  },
  'POST /tasks/{id}/pickup': async (w, a) => {
    if (a === 'member') return { params: { id: (await w.freshGroupTask()).id } };
    return { params: { id: a === 'owner' ? w.ownerTask.id : w.groupTask.id } };
  },
  'POST /tasks/{id}/reassign': (w, a) =>
    a === 'member'
      ? { params: { id: w.groupTask.id }, body: { to: { workGroupId: w.group.id } } }
      : {
          params: { id: w.ownerTask.id },
          body: { to: { accountId: a === 'stranger' ? w.accountIds.stranger : w.accountIds.owner } },
        },

  // Destructive: the member and the owner each decline a fresh task of their own; the rest try the shared ones.
  'POST /tasks/{id}/decline': async (w, a) => {
    if (a === 'member') return { params: { id: (await w.freshGroupTask()).id }, body: { reason: 'not_known' } };
    if (a === 'owner') return { params: { id: (await w.freshOwnerTask()).id }, body: { reason: 'duplicate' } };
    return { params: { id: a === 'admin' ? w.groupTask.id : w.ownerTask.id }, body: { reason: 'not_known' } };
  },
  'POST /tasks/{id}/review': async (w, a) => {
    const id = taskOf(w, a).id;
    return { params: { id }, body: { reviewerAccountId: w.accountIds.member, version: await w.currentVersion(id) } };
  },
  'POST /tasks/{id}/review/return': (w, a) => ({ params: { id: taskOf(w, a).id }, body: { comment: 'Looks good, one change' } }),
  'GET /tasks/{id}/messages': (w, a) => ({ params: { id: taskOf(w, a).id } }),
  'POST /tasks/{id}/messages': (w, a) => ({ params: { id: taskOf(w, a).id }, body: { body: 'A question about this form' } }),

  'GET /admin/accounts': () => ({ query: { email: EMAILS.bystander } }),
  'PATCH /admin/accounts/{id}': (w) => ({
    params: { id: w.accountIds.bystander },
    body: { organisation: 'Example Primary School' },
  }),
  'GET /admin/work-groups': () => ({}),
  'POST /admin/work-groups': (w) => {
    const key = w.unique('group');
    return { body: { key, name: `Group ${key}`, organisation: 'Somewhere' } };
  },
  'GET /admin/work-groups/{id}': (w) => ({ params: { id: w.group.id } }),
  'PATCH /admin/work-groups/{id}': (w) => ({ params: { id: w.group.id }, body: { name: 'Trust safeguarding' } }),
  'DELETE /admin/work-groups/{id}': async (w, a) => ({
    params: { id: a === 'admin' ? (await w.freshWorkGroup()).id : w.group.id },
  }),
  'POST /admin/work-groups/{id}/members': async (w, a) => ({
    params: { id: a === 'admin' ? (await w.freshWorkGroup()).id : w.group.id },
    body: { email: EMAILS.bystander },
  }),
  'DELETE /admin/work-groups/{id}/members/{accountId}': async (w, a) => {
    if (a !== 'admin') return { params: { id: w.group.id, accountId: w.accountIds.member } };
    const group = await w.freshWorkGroup();
    await w.clients.admin.post(`/admin/work-groups/${group.id}/members`, { email: EMAILS.bystander }).expect(204);
    return { params: { id: group.id, accountId: w.accountIds.bystander } };
  },
  'GET /admin/tasks': () => ({}),
  'GET /admin/forms': () => ({}),
  'GET /pages/{slug}': () => ({ params: { slug: 'privacy-notice' } }),
  'GET /admin/deliveries': () => ({ query: { status: 'failed' } }),
  'POST /admin/deliveries/{id}/retry': (w) => ({ params: { id: w.failedDeliveryId ?? MADE_UP_ID } }),
  'GET /admin/audit': (w) => ({ query: { taskId: w.ownerTask.id } }),
  'GET /admin/case-system-outbox': () => ({ query: { status: 'failed' } }),
  // A refused item of its own for the admin to send again (so every admin call finds one failed).
  'POST /admin/case-system-outbox/{id}/retry': async (w, a) => {
    if (a !== 'admin') return { params: { id: MADE_UP_ID } };
    const id = MADE_UP_ID.slice(0, -12) + String(Date.now()).padStart(12, '0').slice(-12);
    await sql(
      w.t,
      `INSERT INTO case_system_outbox (id, task_id, task_sequence, kind, event_type, body, status, attempts, next_attempt_at, last_error, created_at, updated_at)
       VALUES (?, ?, 1000 + (SELECT count(*) FROM case_system_outbox), 'task_event', 'opened', '{}', 'failed', 1, now(), 'HTTP 400', now(), now())`,
      [id, w.ownerTask.id],
    );
    return { params: { id } };
  },

  'PUT /integration/form-definitions/{key}/versions/{version}': () => ({
    params: { key: 'education-advice', version: '1' },
    body: educationAdviceForm(),
  }),
  'POST /integration/tasks': () => ({ body: delegationBody(EMAILS.owner) }),
  'GET /integration/tasks/{externalRef}': (w) => ({ params: { externalRef: w.ownerTask.externalRef } }),
  'PATCH /integration/tasks/{externalRef}': (w) => ({ params: { externalRef: w.ownerTask.externalRef }, body: { dueDate: '2026-12-30' } }),
  'POST /integration/tasks/{externalRef}/messages': (w) => ({ params: { externalRef: w.ownerTask.externalRef }, body: { body: 'A reply' } }),
  'POST /integration/tasks/{externalRef}/withdraw': async (w, a) => ({
    params: { externalRef: a === 'integration' ? (await w.freshOwnerTask()).externalRef : w.ownerTask.externalRef },
    body: {},
  }),
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function pathOf(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for {${name}} in ${template}`);
    return encodeURIComponent(params[name]);
  });
}

/** Sends a call with explicit credentials (cookies as a header, CSRF echoed on writes, or the key). */
export function send(t: TestApp, method: string, template: string, call: Call, credentials: Credentials): request.Test {
  const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  let req = request(t.url)[verb](API + pathOf(template, call.params));
  if (call.query) req = req.query(call.query);
  if (credentials.session) {
    const { token, csrf, csrfHeader } = credentials.session;
    req = req.set('Cookie', `portal_session=${encodeURIComponent(token)}; portal_csrf=${encodeURIComponent(csrf)}`);
    const header = csrfHeader === undefined ? csrf : csrfHeader;
    if (UNSAFE.has(method) && header !== null) req = req.set('X-CSRF-Token', header);
  }
  if (credentials.bearer) req = req.set('Authorization', `Bearer ${credentials.bearer}`);
  if (call.multipart) {
    const m = call.multipart;
    return req.attach(m.field, m.content, { filename: m.filename, contentType: m.contentType ?? 'application/octet-stream' });
  }
  return call.body === undefined ? req : req.send(call.body as object);
}
