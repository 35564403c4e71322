import request from 'supertest';
import { API, PortalClient, registerAndLogin } from '../support/portal-client';
import { countStoredFiles, registerAdminHere, sql } from '../support/sql';
import { delegate, delegationBody, publishSampleForms, settleMail, upload } from '../support/task-fixtures';
import { pdf } from '../support/sample-files';
import { startTestApp, TestApp, INTEGRATION_KEY } from '../support/test-app';
import { outboundBodyValidator } from '../support/outbound-contract';
import { readyEducationTask, submit } from '../submissions/support/submission-fixtures';
import { eventTypes, groupWith, replyTo, waitUntil } from './support';

describe('The professional and the council talk: decline and messages', () => {
  let t: TestApp;
  let pro: PortalClient;
  let stranger: PortalClient;
  let memberA: PortalClient;
  let memberB: PortalClient;
  let admin: PortalClient;
  let group: { id: string; key: string };

  beforeAll(async () => {
    t = await startTestApp();
    await publishSampleForms(t);
    pro = await registerAndLogin(t, 'senco@oakfield.example', { firstName: 'Priya', lastName: 'Shah' });
    stranger = await registerAndLogin(t, 'nosy@elsewhere.example');
    memberA = await registerAndLogin(t, 'a@team.example', { firstName: 'Ann', lastName: 'Able' });
    memberB = await registerAndLogin(t, 'b@team.example', { firstName: 'Ben', lastName: 'Baker' });
    admin = await registerAdminHere(t, 'helpdesk@council.example');
    group = await groupWith(admin, 'oak-team', [memberA.email, memberB.email]);
  });
  afterAll(() => t.close());
  // A test that fails midway must not leave the case system failing for the next one.
  afterEach(() => t.stub.setTaskItemFault(null));

  describe('decline', () => {
    it('the holder returns a task with a reason: it leaves every list, draft and files go, the case system is told, history records it', async () => {
      const task = await delegate(t, delegationBody(pro.email));
      await pro.put(`/tasks/${task.id}/answers`, { version: task.version, answers: { setting: 'Oakfield' } }).expect(200);
      await upload(pro.agent, pro.csrf, task.id, pdf(), 'report.pdf').expect(201);
      const filesBefore = await countStoredFiles(t);

      await pro.post(`/tasks/${task.id}/decline`, { reason: 'other', comment: 'We have no record of this child.' }).expect(204);

      expect((await pro.get(`/tasks/${task.id}`).expect(404)).body.code).toBe('not_found');
      const list = await pro.get('/tasks?view=to-complete').expect(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(task.id);
      const [row] = await sql<{ answers: unknown; status: string; subject_display_name: string | null }>(
        t,
        'SELECT answers, status, subject_display_name FROM tasks WHERE id = ?',
        [task.id],
      );
      expect(row).toEqual({ answers: {}, status: 'withdrawn', subject_display_name: null });
      expect(await countStoredFiles(t)).toBe(filesBefore - 1);

      const event = await waitUntil('the declined event', () =>
        t.stub.taskEvents().find((e) => e.body.taskExternalRef === task.externalRef && e.body.type === 'declined'),
      );
      expect(event.body).toMatchObject({
        eventId: event.idempotencyKey,
        type: 'declined',
        actor: { type: 'account', accountId: pro.accountId, name: 'Priya Shah', email: pro.email },
        details: { reason: 'other', comment: 'We have no record of this child.' },
      });
      const audit = await admin.get(`/admin/audit?taskId=${task.id}&action=task.declined`).expect(200);
      expect(audit.body.items).toHaveLength(1);
      expect(audit.body.items[0]).toMatchObject({ actor: { type: 'account', id: pro.accountId }, to: { status: 'withdrawn', reason: 'other' } });
      // The free text goes to the case system only, never into the audit.
      expect(JSON.stringify(audit.body)).not.toContain('no record');
      // The case system asking afterwards: gone, as a withdrawal.
      await request(t.url).get(`${API}/integration/tasks/${task.externalRef}`).set({ Authorization: `Bearer ${INTEGRATION_KEY}` }).expect(404);
    });

    it('any member of the holding group may decline a group task without picking it up; strangers get 404', async () => {
      const task = await delegate(t, delegationBody(pro.email, { assignee: { workGroupKey: group.key } }));
      expect((await stranger.post(`/tasks/${task.id}/decline`, { reason: 'duplicate' }).expect(404)).body.code).toBe('not_found');
      expect((await pro.post(`/tasks/${task.id}/decline`, { reason: 'duplicate' }).expect(404)).body.code).toBe('not_found');
      await memberB.post(`/tasks/${task.id}/decline`, { reason: 'wrong_professional' }).expect(204);
      const groupList = await memberA.get('/tasks?view=work-groups').expect(200);
      expect(groupList.body.items.map((i: { id: string }) => i.id)).not.toContain(task.id);
      await memberA.post(`/tasks/${task.id}/pickup`).expect(404);
      // Declining twice: it is gone.
      await memberB.post(`/tasks/${task.id}/decline`, { reason: 'wrong_professional' }).expect(404);
    });

    it('refuses bad input as problem+json and changes nothing', async () => {
      const task = await delegate(t, delegationBody(pro.email));
      const unknownReason = await pro.post(`/tasks/${task.id}/decline`, { reason: 'bored' }).expect(400);
      expect(unknownReason.headers['content-type']).toContain('application/problem+json');
      expect(unknownReason.body.code).toBe('invalid_request');
      expect((await pro.post(`/tasks/${task.id}/decline`, { reason: 'not_known', extra: 1 }).expect(400)).body.code).toBe('invalid_request');
      expect((await pro.post(`/tasks/${task.id}/decline`, { reason: 'other' }).expect(422)).body.code).toBe('comment_required');
      expect((await pro.post(`/tasks/${task.id}/decline`, { reason: 'other', comment: '   ' }).expect(422)).body.code).toBe('comment_required');
      expect((await pro.post(`/tasks/${task.id}/decline`, { reason: 'not_known', comment: 'x'.repeat(1001) }).expect(422)).body.code).toBe(
        'text_too_long',
      );
      await pro.get(`/tasks/${task.id}`).expect(200);

      const ready = await readyEducationTask(t, pro, { files: false });
      await submit(pro, ready).expect(202);
      expect((await pro.post(`/tasks/${ready.id}/decline`, { reason: 'not_known' }).expect(409)).body.code).toBe('task_submitted');
    });
  });

  describe('questions and replies', () => {
    it('the holder asks, the case system receives it and replies through the stub, the professional is emailed and sees the thread', async () => {
      const task = await delegate(t, delegationBody(pro.email));
      t.stub.setAutoReply({ portalUrl: t.url, integrationKey: INTEGRATION_KEY, body: 'Yes, include the summer term.', author: 'Jo Bloggs' });
      try {
        const sent = await pro.post(`/tasks/${task.id}/messages`, { body: '  Should I include the summer term?\r\n<b>Thanks</b>  ' }).expect(201);
        expect(sent.body).toMatchObject({ direction: 'to_case_worker', author: { name: 'Priya Shah' }, body: 'Should I include the summer term?\n<b>Thanks</b>' });

        const received = await waitUntil('the message at the stub', () => t.stub.messages().find((m) => m.body.taskExternalRef === task.externalRef));
        expect(received.idempotencyKey).toBe(sent.body.id);
        expect(received.body).toMatchObject({
          messageId: sent.body.id,
          from: { accountId: pro.accountId, name: 'Priya Shah', email: pro.email, organisation: 'Example Primary School' },
          body: 'Should I include the summer term?\n<b>Thanks</b>',
        });
        const thread = await waitUntil('the reply in the thread', async () => {
          const r = await pro.get(`/tasks/${task.id}/messages`).expect(200);
          return r.body.items.length === 2 && r.body.items;
        });
        expect(thread[1]).toMatchObject({ direction: 'from_case_worker', author: { name: 'Jo Bloggs' }, body: 'Yes, include the summer term.' });
      } finally {
        t.stub.setAutoReply(null);
      }
      await settleMail(t);
      const mails = t.mail.to(pro.email).filter((m) => m.subject === 'You have a reply about a form');
      expect(mails).toHaveLength(1);
      expect(mails[0].text).not.toContain('Alex');
      expect(mails[0].text).not.toContain('summer term');
      expect(mails[0].text).not.toContain(task.id);
    });

    it('group members see the thread only after pickup, and it travels with the task', async () => {
      const task = await delegate(t, delegationBody(pro.email, { assignee: { workGroupKey: group.key } }));
      expect((await memberA.post(`/tasks/${task.id}/messages`, { body: 'Hello?' }).expect(403)).body.code).toBe('pickup_required');
      expect((await memberA.get(`/tasks/${task.id}/messages`).expect(403)).body.code).toBe('pickup_required');
      await memberA.post(`/tasks/${task.id}/pickup`).expect(200);
      await memberA.post(`/tasks/${task.id}/messages`, { body: 'Which school year?' }).expect(201);
      await replyTo(t, task.externalRef, { body: 'Year 4.' }).expect(201);
      await memberA.post(`/tasks/${task.id}/reassign`, { to: { workGroupId: group.id } }).expect(200);
      expect((await memberB.get(`/tasks/${task.id}/messages`).expect(403)).body.code).toBe('pickup_required');
      await memberB.post(`/tasks/${task.id}/pickup`).expect(200);
      const thread = await memberB.get(`/tasks/${task.id}/messages`).expect(200);
      expect(thread.body.items.map((m: { body: string; author: { name: string } }) => [m.author.name, m.body])).toEqual([
        ['Ann Able', 'Which school year?'],
        ['Case worker', 'Year 4.'],
      ]);
      expect((await stranger.get(`/tasks/${task.id}/messages`).expect(404)).body.code).toBe('not_found');
      expect((await memberA.get(`/tasks/${task.id}/messages`).expect(404)).body.code).toBe('not_found');
    });

    it('refuses bad messages and replies as problem+json', async () => {
      const task = await delegate(t, delegationBody(pro.email));
      expect((await pro.post(`/tasks/${task.id}/messages`, { body: ' \n ' }).expect(422)).body.code).toBe('empty_message');
      expect((await pro.post(`/tasks/${task.id}/messages`, { body: 'x'.repeat(2001) }).expect(422)).body.code).toBe('text_too_long');
      expect((await pro.post(`/tasks/${task.id}/messages`, {}).expect(400)).body.code).toBe('invalid_request');
      expect((await pro.post(`/tasks/${task.id}/messages`, { body: 5 }).expect(400)).body.code).toBe('invalid_request');
      expect((await stranger.post(`/tasks/${task.id}/messages`, { body: 'hi' }).expect(404)).body.code).toBe('not_found');
      expect((await replyTo(t, 'NO-SUCH-REF', { body: 'hi' }).expect(404)).body.code).toBe('not_found');
      expect((await replyTo(t, task.externalRef, { body: '' }).expect(422)).body.code).toBe('empty_message');
      expect((await replyTo(t, task.externalRef, { text: 'hi' }).expect(400)).body.code).toBe('invalid_request');
      await request(t.url).post(`${API}/integration/tasks/${task.externalRef}/messages`).send({ body: 'hi' }).expect(401);
      expect((await pro.get(`/tasks/${task.id}/messages`).expect(200)).body.items).toEqual([]);
    });

    it('loses nothing while the case system is down, and sends a task’s items in order', async () => {
      const task = await delegate(t, delegationBody(pro.email));
      t.stub.setTaskItemFault({ kind: 'status', status: 503 });
      // The stub counts the suite's requests so far: this test's attempts are the ones after these.
      const before = t.stub.taskItemRequestCount();
      await pro.get(`/tasks/${task.id}`).expect(200); // opened
      await pro.post(`/tasks/${task.id}/messages`, { body: 'First question' }).expect(201);
      await pro.post(`/tasks/${task.id}/messages`, { body: 'Second question' }).expect(201);
      await pro.post(`/tasks/${task.id}/decline`, { reason: 'duplicate' }).expect(204);
      await waitUntil('a few failed attempts', () => t.stub.taskItemRequestCount() >= before + 3);
      // The attempt's outcome is written after the stub has answered: wait for it to show.
      const pending = await waitUntil('the failure recorded', async () => {
        const r = await admin.get(`/admin/case-system-outbox?taskId=${task.id}&status=pending`).expect(200);
        return r.body.items.some((i: { lastError: string | null }) => i.lastError?.includes('503')) && r;
      });
      expect(pending.body.items.length).toBe(4);

      t.stub.setTaskItemFault(null);
      await waitUntil('everything delivered', async () => {
        const r = await admin.get(`/admin/case-system-outbox?taskId=${task.id}&status=delivered`).expect(200);
        return r.body.items.length === 4;
      });
      const arrived = [...t.stub.taskEvents(), ...t.stub.messages()]
        .filter((i) => i.body.taskExternalRef === task.externalRef)
        .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.body.sequence - b.body.sequence);
      expect(arrived.map((i) => i.body.sequence)).toEqual([1, 2, 3, 4]);
      expect(arrived.map((i) => i.body.type ?? i.body.body)).toEqual(['opened', 'First question', 'Second question', 'declined']);
      // Delivered items keep no content.
      const [{ n }] = await sql<{ n: number }>(t, 'SELECT count(*)::int AS n FROM case_system_outbox WHERE task_id = ? AND body IS NOT NULL', [task.id]);
      expect(n).toBe(0);
    });

    it('a refused item waits for the helpdesk, who can send it again', async () => {
      const task = await delegate(t, delegationBody(pro.email));
      await pro.get(`/tasks/${task.id}`).expect(200);
      await waitUntil('opened delivered', () => eventTypes(t, task.externalRef).includes('opened'));
      t.stub.setTaskItemFault({ kind: 'status', status: 400, times: 1, body: 'bad' });
      await pro.post(`/tasks/${task.id}/messages`, { body: 'Refused once' }).expect(201);
      const failed = await waitUntil('the refusal', async () => {
        const r = await admin.get(`/admin/case-system-outbox?taskId=${task.id}&status=failed`).expect(200);
        return r.body.items[0];
      });
      expect(failed).toMatchObject({ kind: 'message', status: 'failed', lastError: expect.stringContaining('HTTP 400') });
      await pro.get(`/admin/case-system-outbox`).expect(403);
      await admin.post(`/admin/case-system-outbox/${failed.id}/retry`).expect(202);
      expect((await admin.post(`/admin/case-system-outbox/${failed.id}/retry`).expect(409)).body.code).toBe('outbound_not_failed');
      await waitUntil('the message delivered after the retry', () => t.stub.messages().some((m) => m.idempotencyKey === failed.id));
      expect((await admin.get('/admin/case-system-outbox?status=nope').expect(400)).body.code).toBe('invalid_request');
    });

    it('exposes the outbox as metrics', async () => {
      const metrics = await request(t.metricsUrl).get('/metrics').expect(200);
      expect(metrics.text).toMatch(/^portal_case_system_outbox_pending \d+$/m);
      expect(metrics.text).toMatch(/^portal_case_system_outbox_failed \d+$/m);
    });
  });

  // Last: every event and message this suite made the portal send.
  it('everything the case system received matches the outbound contract (openapi/case-system.openapi.json)', () => {
    const checks = [
      { path: '/task-events', items: t.stub.taskEvents() },
      { path: '/messages', items: t.stub.messages() },
    ];
    for (const { path, items } of checks) {
      const validate = outboundBodyValidator(path);
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        expect({ path, body: item.body, valid: validate(item.body), errors: validate.errors ?? null }).toMatchObject({ valid: true, errors: null });
        // The key the contract names is the body's own id.
        expect(item.idempotencyKey).toBe(path === '/messages' ? item.body.messageId : item.body.eventId);
      }
    }
    const types = new Set(t.stub.taskEvents().map((e) => e.body.type));
    expect([...types]).toEqual(expect.arrayContaining(['opened', 'declined']));
  });
});
