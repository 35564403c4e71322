import request from 'supertest';
import { API, integration, register, registerAndLogin, login, PortalClient } from '../support/portal-client';
import { countStoredFiles, markSubmitted, registerAdminHere, sql } from '../support/sql';
import { startTestApp, TestApp } from '../support/test-app';
import {
  delegate,
  delegationBody,
  healthDelegationBody,
  publishSampleForms,
  settleMail,
  upload,
} from '../support/task-fixtures';
import { pdf } from '../support/sample-files';

const DELEGATED_SUBJECT = 'A new form has been delegated to you';

describe('Delegating tasks (integration API)', () => {
  let t: TestApp;
  let sam: PortalClient;

  beforeAll(async () => {
    t = await startTestApp();
    await publishSampleForms(t);
    sam = await registerAndLogin(t, 'sam.taylor@school.example');
  });
  afterAll(() => t.close());

  it('delegates to a registered professional: 201 task with externalRef, in their list, one email with the due date', async () => {
    const since = t.mail.mark();
    const body = delegationBody('Sam.Taylor@School.example', { dueDate: '2021-09-21' });
    const res = await integration(t).post('/integration/tasks', body).expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      externalRef: body.externalRef,
      title: 'Education advice for an EHC needs assessment',
      form: { key: 'education-advice', version: 1, title: 'Education advice for an EHC needs assessment' },
      subject: { reference: 'LCS-123456', displayName: 'Alex Smith' },
      status: 'open',
      assignee: { type: 'account', accountId: sam.accountId, name: 'Sam Taylor', email: 'sam.taylor@school.example' },
      workGroup: null,
      dueDate: '2021-09-21',
      overdue: true,
      message: 'Please include the latest attendance figures.',
      delegatedAt: expect.any(String),
      updatedAt: expect.any(String),
      submittedAt: null,
      availableUntil: null,
      version: 1,
    });

    const mail = await t.mail.waitForMail('sam.taylor@school.example', DELEGATED_SUBJECT, since);
    expect(mail.text).toContain('A new form has been delegated to you on the Professional Portal');
    expect(mail.text).toContain('Please complete and submit this form by 21-Sep-2021');
    expect(mail.text).toContain('http://portal.test/login');
    expect(mail.text).toContain('http://portal.test/register');
    expect(mail.text).toContain('Children and Families Services');
    expect(mail.text).toContain('support@portal.local');
    // No information about the child, no ids.
    expect(mail.text).not.toContain('Alex');
    expect(mail.text).not.toContain('LCS-');
    expect(mail.text).not.toContain(res.body.id);
    expect(mail.from).toContain('no-reply@portal.local');

    const list = await sam.get('/tasks?view=to-complete').expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(res.body.id);
  });

  it('is idempotent on externalRef: the same body is 200 with the same task and no second email', async () => {
    const body = delegationBody('sam.taylor@school.example');
    const since = t.mail.mark();
    const first = await integration(t).post('/integration/tasks', body).expect(201);
    await t.mail.waitForMail('sam.taylor@school.example', DELEGATED_SUBJECT, since);
    // Keys in another order and the email in other case are still the same request.
    const reordered = Object.fromEntries(Object.entries({ ...body, assignee: { email: 'SAM.TAYLOR@school.example' } }).reverse());
    const again = await integration(t).post('/integration/tasks', reordered).expect(200);
    expect(again.body).toEqual(first.body);
    await settleMail(t);
    expect(t.mail.messages.slice(since).filter((m) => m.to.includes('sam.taylor@school.example'))).toHaveLength(1);
  });

  it('refuses a different body for the same externalRef: 409 external_ref_conflict, the task unchanged', async () => {
    const body = delegationBody('sam.taylor@school.example');
    const first = await integration(t).post('/integration/tasks', body).expect(201);
    for (const change of [
      { dueDate: '2027-01-31' },
      { message: 'Another note' },
      { assignee: { email: 'someone.else@school.example' } },
      { prefill: {} },
    ]) {
      const r = await integration(t)
        .post('/integration/tasks', { ...body, ...change })
        .expect(409);
      expect(r.body.code).toBe('external_ref_conflict');
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
    const now = await integration(t)
      .get(`/integration/tasks/${encodeURIComponent(String(body.externalRef))}`)
      .expect(200);
    expect(now.body).toMatchObject({ id: first.body.id, dueDate: body.dueDate, message: body.message, version: 1 });
  });

  it('simultaneous identical delegations create one task', async () => {
    const body = delegationBody('sam.taylor@school.example');
    const results = await Promise.all([1, 2, 3, 4].map(() => integration(t).post('/integration/tasks', body)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
  });

  it('a delegation to an email with no account waits for that person, then appears once they register', async () => {
    const email = 'new.starter@clinic.example';
    const since = t.mail.mark();
    const body = healthDelegationBody('New.Starter@Clinic.example', { dueDate: '2026-10-05' });
    const created = await integration(t).post('/integration/tasks', body).expect(201);
    expect(created.body.assignee).toEqual({ type: 'email', email });
    const mail = await t.mail.waitForMail(email, DELEGATED_SUBJECT, since);
    expect(mail.text).toContain('Please complete and submit this form by 05-Oct-2026');
    expect(mail.text).toContain('http://portal.test/register');

    const accountId = await register(t, email);
    const pro = await login(t, email);
    const list = await pro.get('/tasks?view=to-complete').expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: created.body.id, assignee: { type: 'account', accountId, name: 'Sam Taylor', email } }),
    ]);
    await pro.get(`/tasks/${created.body.id}`).expect(200);
    const status = await integration(t).get(`/integration/tasks/${body.externalRef}`).expect(200);
    expect(status.body.assignee).toMatchObject({ type: 'account', accountId });
  });

  it('GET /integration/tasks/{externalRef}: the task with externalRef and its (not yet) submission', async () => {
    const body = delegationBody('sam.taylor@school.example');
    const created = await delegate(t, body);
    const r = await integration(t).get(`/integration/tasks/${body.externalRef}`).expect(200);
    expect(r.body).toEqual({ ...created, submissionId: null, delivery: null });
    const unknown = await integration(t).get('/integration/tasks/NO-SUCH-REF').expect(404);
    expect(unknown.body.code).toBe('not_found');
  });

  describe('refuses bad delegations and creates nothing', () => {
    const cases: [string, (b: Record<string, any>) => Record<string, any>, number, string][] = [
      ['an unpublished form version', (b) => ({ ...b, form: { key: 'education-advice', version: 99 } }), 422, 'unknown_form'],
      ['an unknown form', (b) => ({ ...b, form: { key: 'no-such-form', version: 1 } }), 422, 'unknown_form'],
      [
        'prefill for a question the professional answers',
        (b) => ({ ...b, prefill: { setting: 'Oakfield' } }),
        422,
        'invalid_prefill',
      ],
      ['prefill for an unknown question', (b) => ({ ...b, prefill: { nope: 'x' } }), 422, 'invalid_prefill'],
      ['prefill that is an object', (b) => ({ ...b, prefill: { childName: { first: 'Alex' } } }), 422, 'invalid_prefill'],
      ['an unknown work group', (b) => ({ ...b, assignee: { workGroupKey: 'no-such-group' } }), 422, 'unknown_work_group'],
      ['a malformed email', (b) => ({ ...b, assignee: { email: 'not an email' } }), 422, 'invalid_email'],
      ['an impossible due date', (b) => ({ ...b, dueDate: '2026-02-30' }), 422, 'invalid_delegation'],
      ['a due date in another format', (b) => ({ ...b, dueDate: '18/12/2026' }), 422, 'invalid_delegation'],
      ['an empty externalRef', (b) => ({ ...b, externalRef: '' }), 422, 'invalid_delegation'],
      ['an empty subject name', (b) => ({ ...b, subject: { reference: 'LCS-1', displayName: ' ' } }), 422, 'invalid_delegation'],
      [
        'both an email and a work group',
        (b) => ({ ...b, assignee: { email: 'a@b.example', workGroupKey: 'g' } }),
        400,
        'invalid_request',
      ],
      ['no assignee', (b) => ({ ...b, assignee: {} }), 400, 'invalid_request'],
      ['a missing subject', (b) => ({ ...b, subject: undefined }), 400, 'invalid_request'],
      ['an unknown property', (b) => ({ ...b, priority: 'high' }), 400, 'invalid_request'],
      [
        'a version that is not a number',
        (b) => ({ ...b, form: { key: 'education-advice', version: '1' } }),
        400,
        'invalid_request',
      ],
    ];
    it.each(cases)('%s', async (_label, change, status, code) => {
      const body = change(delegationBody('sam.taylor@school.example'));
      const r = await integration(t).post('/integration/tasks', body).expect(status);
      expect(r.body.code).toBe(code);
      expect(r.headers['content-type']).toContain('application/problem+json');
      await integration(t)
        .get(`/integration/tasks/${encodeURIComponent(String(body.externalRef || 'x'))}`)
        .expect(404);
    });

    it('names every bad prefill question', async () => {
      const body = delegationBody('sam.taylor@school.example', { prefill: { childName: 'Alex', setting: 'x', nope: 1 } });
      const r = await integration(t).post('/integration/tasks', body).expect(422);
      expect(r.body.errors.map((e: { questionId: string }) => e.questionId)).toEqual(['setting', 'nope']);
    });
  });

  it('refuses an assignee whose account is disabled (422 assignee_disabled)', async () => {
    const admin = await registerAdminHere(t, 'helpdesk@council.example');
    const accountId = await register(t, 'leaver@school.example');
    await admin.patch(`/admin/accounts/${accountId}`, { disabled: true }).expect(200);
    const r = await integration(t).post('/integration/tasks', delegationBody('leaver@school.example')).expect(422);
    expect(r.body.code).toBe('assignee_disabled');
  });

  it('delegates to a work group: members are emailed (or the group address), the task waits in their work-groups list', async () => {
    const admin = await registerAdminHere(t, 'helpdesk2@council.example');
    const member = await registerAndLogin(t, 'senco@school.example');
    const group = await admin
      .post('/admin/work-groups', { key: 'north-send', name: 'North SEND team', organisation: 'North School' })
      .expect(201);
    await admin.post(`/admin/work-groups/${group.body.id}/members`, { email: 'senco@school.example' }).expect(204);
    const since = t.mail.mark();
    const created = await integration(t)
      .post(
        '/integration/tasks',
        delegationBody('x@y.example', { assignee: { workGroupKey: 'north-send' }, dueDate: '2026-12-01' }),
      )
      .expect(201);
    expect(created.body.assignee).toEqual({ type: 'work_group', workGroupId: group.body.id, name: 'North SEND team' });
    expect(created.body.workGroup).toEqual({ id: group.body.id, key: 'north-send', name: 'North SEND team' });
    const mail = await t.mail.waitForMail('senco@school.example', 'A new form has been delegated to your work group', since);
    expect(mail.text).toContain('North SEND team');
    expect(mail.text).toContain('01-Dec-2026');
    const list = await member.get('/tasks?view=work-groups').expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([created.body.id]);
    // Content only after pickup.
    const r = await member.get(`/tasks/${created.body.id}`).expect(403);
    expect(r.body.code).toBe('pickup_required');
    expect((await member.get('/tasks?view=to-complete').expect(200)).body.items).toEqual([]);
  });

  describe('withdrawal', () => {
    it('purges answers, prefill and files; the task is 404 for everyone and leaves every list; repeating is harmless', async () => {
      const body = delegationBody('sam.taylor@school.example');
      const task = await delegate(t, body);
      await sam.put(`/tasks/${task.id}/answers`, { version: 1, answers: { setting: 'Oakfield Primary' } }).expect(200);
      const file = await upload(sam.agent, sam.csrf, task.id, pdf(), 'report.pdf').expect(201);

      await integration(t).post(`/integration/tasks/${body.externalRef}/withdraw`, { reason: 'Case closed' }).expect(204);

      await sam.get(`/tasks/${task.id}`).expect(404);
      await sam.get(`/tasks/${task.id}/attachments/${file.body.id}`).expect(404);
      await sam.put(`/tasks/${task.id}/answers`, { version: 2, answers: {} }).expect(404);
      const list = await sam.get('/tasks?view=to-complete&limit=100').expect(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(task.id);
      await integration(t).get(`/integration/tasks/${body.externalRef}`).expect(404);

      const [row] = await sql(t, 'SELECT answers, prefill, subject_display_name, message, status FROM tasks WHERE id = ?', [
        task.id,
      ]);
      expect(row).toEqual({ answers: {}, prefill: {}, subject_display_name: null, message: null, status: 'withdrawn' });
      expect(await sql(t, 'SELECT id FROM task_attachments WHERE task_id = ?', [task.id])).toEqual([]);
      expect(await countStoredFiles(t)).toBe(0);

      await integration(t).post(`/integration/tasks/${body.externalRef}/withdraw`).expect(204);
      // The externalRef cannot be reused for a different task, nor silently revived.
      const again = await integration(t).post('/integration/tasks', body).expect(409);
      expect(again.body.code).toBe('external_ref_conflict');
      const audit = await sql(t, "SELECT actor_type FROM audit_log WHERE task_id = ? AND action = 'task.withdrawn'", [task.id]);
      expect(audit).toEqual([{ actor_type: 'integration' }]);
    });

    it('is refused after submission (409 already_submitted) and for unknown refs (404)', async () => {
      const body = delegationBody('sam.taylor@school.example');
      const task = await delegate(t, body);
      await markSubmitted(t, task.id);
      const r = await integration(t).post(`/integration/tasks/${body.externalRef}/withdraw`, {}).expect(409);
      expect(r.body.code).toBe('already_submitted');
      await integration(t).post('/integration/tasks/NO-SUCH-REF/withdraw').expect(404);
      await integration(t).post(`/integration/tasks/${body.externalRef}/withdraw`, { because: 'x' }).expect(400);
    });
  });

  it('the integration routes need the key; a professional session is 401 there', async () => {
    const body = delegationBody('sam.taylor@school.example');
    await request(t.url).post(`${API}/integration/tasks`).send(body).expect(401);
    await sam.post('/integration/tasks', body).expect(401);
    await sam.get(`/integration/tasks/${body.externalRef}`).expect(401);
    await sam.post(`/integration/tasks/${body.externalRef}/withdraw`).expect(401);
    await request(t.url).get(`${API}/integration/tasks/x`).set('Authorization', 'Bearer not-the-key-0123456789').expect(401);
  });
});
