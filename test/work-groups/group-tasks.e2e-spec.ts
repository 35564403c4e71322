import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { API, login, PortalClient, registerAndLogin } from '../support/portal-client';
import { registerAdminHere } from '../support/sql';
import { delegate, delegationBody, publishSampleForms, settleMail } from '../support/task-fixtures';

const REASSIGNED_TO_YOU = 'A form has been re-assigned to you';
const REASSIGNED_TO_GROUP = 'A form has been re-assigned to your work group';
const REASSIGNED_FROM_YOU = 'A form has been re-assigned from you';

describe('Work group tasks: queues, pickup, re-assign, colleagues, audit', () => {
  let t: TestApp;
  let admin: PortalClient;
  let amy: PortalClient;
  let ben: PortalClient;
  let cat: PortalClient;
  let outsider: PortalClient;
  let group: { id: string; key: string };
  let other: { id: string; key: string };

  beforeAll(async () => {
    t = await startTestApp();
    await publishSampleForms(t);
    admin = await registerAdminHere(t, 'helpdesk@council.example');
    amy = await registerAndLogin(t, 'amy@trust.example', { firstName: 'Amy', lastName: 'Able' });
    ben = await registerAndLogin(t, 'ben@trust.example', { firstName: 'Ben', lastName: 'Baker' });
    cat = await registerAndLogin(t, 'cat@trust.example', { firstName: 'Cat', lastName: 'Cole' });
    outsider = await registerAndLogin(t, 'out@elsewhere.example');
    group = (await admin.post('/admin/work-groups', { key: 'trust-safeguarding', name: 'Trust safeguarding', organisation: 'Trust' }).expect(201)).body;
    other = (await admin.post('/admin/work-groups', { key: 'other-team', name: 'Other team', organisation: 'Elsewhere' }).expect(201)).body;
    for (const email of ['amy@trust.example', 'ben@trust.example', 'cat@trust.example']) {
      await admin.post(`/admin/work-groups/${group.id}/members`, { email }).expect(204);
    }
    await admin.post(`/admin/work-groups/${other.id}/members`, { email: 'out@elsewhere.example' }).expect(204);
  });
  afterAll(() => t.close());

  async function groupTask(overrides: Record<string, unknown> = {}) {
    return delegate(t, delegationBody('unused@x.example', { assignee: { workGroupKey: 'trust-safeguarding' }, ...overrides }));
  }

  it('notifies every member when the group has no generic address, and only that address when it has one', async () => {
    const since = t.mail.mark();
    const task = await groupTask({ dueDate: '2026-12-21' });
    expect(task.assignee).toEqual({ type: 'work_group', workGroupId: group.id, name: 'Trust safeguarding' });
    expect(task.workGroup).toEqual({ id: group.id, key: 'trust-safeguarding', name: 'Trust safeguarding' });
    for (const email of ['amy@trust.example', 'ben@trust.example', 'cat@trust.example']) {
      const mail = await t.mail.waitForMail(email, 'A new form has been delegated to your work group', since);
      expect(mail.text).toContain('Trust safeguarding');
      expect(mail.text).toContain('21-Dec-2026');
      expect(mail.text).not.toContain('Alex Smith');
    }
    await admin.patch(`/admin/work-groups/${group.id}`, { notificationEmail: 'safeguarding@trust.example' }).expect(200);
    const mark = t.mail.mark();
    await groupTask();
    await t.mail.waitForMail('safeguarding@trust.example', 'A new form has been delegated to your work group', mark);
    await settleMail(t);
    expect(t.mail.messages.slice(mark).map((m) => m.to[0])).toEqual(['safeguarding@trust.example']);
    await admin.patch(`/admin/work-groups/${group.id}`, { notificationEmail: null }).expect(200);
  });

  it('lists group tasks for members only, hides content until pickup, and exactly one of 20 simultaneous pickups wins', async () => {
    const task = await groupTask();
    const items = (await amy.get('/tasks?view=work-groups').expect(200)).body.items as { id: string }[];
    const listed = items.map((i) => i.id);
    expect(listed).toContain(task.id);
    // The list names the holding group and the group it came through (joined in the page's statement).
    expect(items.find((i) => i.id === task.id)).toMatchObject({
      assignee: { type: 'work_group', workGroupId: group.id, name: 'Trust safeguarding' },
      workGroup: { id: group.id, key: 'trust-safeguarding', name: 'Trust safeguarding' },
    });
    expect((await outsider.get('/tasks?view=work-groups').expect(200)).body.items.map((i: { id: string }) => i.id)).not.toContain(task.id);
    expect((await amy.get(`/tasks/${task.id}`).expect(403)).body.code).toBe('pickup_required');
    await outsider.get(`/tasks/${task.id}`).expect(404);
    await outsider.post(`/tasks/${task.id}/pickup`).expect(404);
    await admin.get(`/tasks/${task.id}`).expect(404);

    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => [amy, ben, cat][i % 3].post(`/tasks/${task.id}/pickup`)),
    );
    const statuses = attempts.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const r of attempts.filter((a) => a.status === 409)) expect(r.body.code).toBe('already_picked_up');

    const winner = attempts.find((r) => r.status === 200)!;
    expect(winner.body.assignee.type).toBe('account');
    expect(winner.body.workGroup).toMatchObject({ id: group.id });
    const owner = [amy, ben, cat].find((c) => c.accountId === winner.body.assignee.accountId)!;
    await owner.get(`/tasks/${task.id}`).expect(200);
    for (const colleague of [amy, ben, cat].filter((c) => c !== owner)) {
      await colleague.get(`/tasks/${task.id}`).expect(404);
      const view = (await colleague.get('/tasks?view=group-members').expect(200)).body.items.find((i: { id: string }) => i.id === task.id);
      expect(Object.keys(view).sort()).toEqual(['assignee', 'dueDate', 'id', 'overdue', 'subject', 'title', 'workGroup']);
      expect(view.subject).toEqual({ reference: 'LCS-123456' });
    }
    expect((await amy.get('/tasks?view=work-groups').expect(200)).body.items.map((i: { id: string }) => i.id)).not.toContain(task.id);
  });

  it('re-assigns between members with the draft, emails the right people, and lets a colleague rescue a task', async () => {
    const task = await groupTask();
    await amy.post(`/tasks/${task.id}/pickup`).expect(200);
    const draft = (await amy.put(`/tasks/${task.id}/answers`, { version: 2, answers: { setting: 'Riverside Primary' } }).expect(200)).body;
    await settleMail(t); // the delegation's own emails are not part of what follows

    let since = t.mail.mark();
    const toBen = await amy.post(`/tasks/${task.id}/reassign`, { to: { accountId: ben.accountId }, version: draft.version }).expect(200);
    expect(toBen.body.assignee).toMatchObject({ type: 'account', accountId: ben.accountId, name: 'Ben Baker' });
    expect(toBen.body.workGroup).toMatchObject({ id: group.id }); // a move between people keeps the group
    const mail = await t.mail.waitForMail('ben@trust.example', REASSIGNED_TO_YOU, since);
    expect(mail.text).toContain('Amy Able');
    expect(mail.text).toContain('18-Dec-2026');
    await settleMail(t);
    expect(t.mail.messages.slice(since).filter((m) => m.to.includes('amy@trust.example'))).toHaveLength(0);
    expect((await ben.get(`/tasks/${task.id}`).expect(200)).body.answers).toEqual({ setting: 'Riverside Primary' });
    await amy.get(`/tasks/${task.id}`).expect(404); // content hidden after re-assigning away

    // Stale versions are refused and change nothing.
    expect((await ben.post(`/tasks/${task.id}/reassign`, { to: { accountId: cat.accountId }, version: 1 }).expect(409)).body.code).toBe(
      'version_conflict',
    );

    // Cat rescues Ben's task from the group-members view.
    since = t.mail.mark();
    await cat.post(`/tasks/${task.id}/reassign`, { to: { accountId: cat.accountId } }).expect(200);
    const fromYou = await t.mail.waitForMail('ben@trust.example', REASSIGNED_FROM_YOU, since);
    expect(fromYou.text).toContain('Cat Cole');
    await settleMail(t);
    expect(t.mail.messages.slice(since).filter((m) => m.to.includes('cat@trust.example'))).toHaveLength(0);

    // Back to the group: everyone but the one who acted hears about it.
    since = t.mail.mark();
    const back = await cat.post(`/tasks/${task.id}/reassign`, { to: { workGroupId: group.id } }).expect(200);
    expect(back.body.assignee).toEqual({ type: 'work_group', workGroupId: group.id, name: 'Trust safeguarding' });
    await t.mail.waitForMail('amy@trust.example', REASSIGNED_TO_GROUP, since);
    await t.mail.waitForMail('ben@trust.example', REASSIGNED_TO_GROUP, since);
    await settleMail(t);
    expect(t.mail.messages.slice(since).filter((m) => m.to.includes('cat@trust.example'))).toHaveLength(0);

    // A member re-assigns a group task without picking it up; to the current holder is a no-op.
    since = t.mail.mark();
    const noop = await amy.post(`/tasks/${task.id}/reassign`, { to: { workGroupId: group.id } }).expect(200);
    expect(noop.body.version).toBe(back.body.version);
    await amy.post(`/tasks/${task.id}/reassign`, { to: { accountId: ben.accountId } }).expect(200);
    await t.mail.waitForMail('ben@trust.example', REASSIGNED_TO_YOU, since);

    const history = (await ben.get(`/tasks/${task.id}`).expect(200)).body.history.map((h: { action: string }) => h.action);
    expect(history).toEqual(['task.reassigned', 'task.reassigned', 'task.reassigned', 'task.reassigned', 'task.saved', 'task.picked_up', 'task.delegated']);
  });

  it('refuses every target and actor the rules do not allow', async () => {
    const task = await groupTask();
    await amy.post(`/tasks/${task.id}/pickup`).expect(200);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ to: { accountId: outsider.accountId } }, 422, 'invalid_target'],
      [{ to: { workGroupId: other.id } }, 422, 'invalid_target'],
      [{ to: { accountId: '01900000-0000-7000-8000-000000000000' } }, 422, 'invalid_target'],
      [{ to: { workGroupId: 'not-a-uuid' } }, 422, 'invalid_target'],
      [{ to: {} }, 400, 'invalid_request'],
      [{ to: { accountId: ben.accountId, workGroupId: group.id } }, 400, 'invalid_request'],
      [{ to: { accountId: 5 } }, 400, 'invalid_request'],
      [{ to: { accountId: ben.accountId }, extra: true }, 400, 'invalid_request'],
    ];
    for (const [body, status, code] of cases) {
      const r = await amy.post(`/tasks/${task.id}/reassign`, body).expect(status);
      expect(r.body.code).toBe(code);
    }
    // Not theirs: answers like a task that does not exist.
    await outsider.post(`/tasks/${task.id}/reassign`, { to: { accountId: outsider.accountId } }).expect(404);
    await request(t.url).post(`${API}/tasks/${task.id}/reassign`).send({ to: { accountId: amy.accountId } }).expect(401);
    // Nothing changed.
    expect((await amy.get(`/tasks/${task.id}`).expect(200)).body.assignee.accountId).toBe(amy.accountId);

    // A person's own task was never a group task.
    const mine = await delegate(t, delegationBody('amy@trust.example'));
    expect((await amy.post(`/tasks/${mine.id}/pickup`).expect(409)).body.code).toBe('not_a_group_task');
    await ben.post(`/tasks/${mine.id}/pickup`).expect(404);
    await ben.post(`/tasks/${mine.id}/reassign`, { to: { accountId: ben.accountId } }).expect(404);
  });

  it('a removed member loses the views at once; a disabled leaver’s tasks stay with colleagues', async () => {
    const dan = await registerAndLogin(t, 'dan@trust.example', { firstName: 'Dan', lastName: 'Dale' });
    expect((await dan.get('/tasks?view=work-groups').expect(200)).body.items).toEqual([]);
    expect((await dan.get('/tasks?view=group-members').expect(200)).body.items).toEqual([]);
    await admin.post(`/admin/work-groups/${group.id}/members`, { email: 'dan@trust.example' }).expect(204);
    const task = await groupTask();
    expect((await dan.get('/tasks?view=work-groups').expect(200)).body.items.map((i: { id: string }) => i.id)).toContain(task.id);
    await dan.post(`/tasks/${task.id}/pickup`).expect(200);
    expect((await ben.get('/tasks?view=group-members').expect(200)).body.items.map((i: { id: string }) => i.id)).toContain(task.id);

    await admin.patch(`/admin/accounts/${dan.accountId}`, { disabled: true }).expect(200);
    const rescue = (await ben.get('/tasks?view=group-members').expect(200)).body.items.find((i: { id: string }) => i.id === task.id);
    expect(rescue).toBeDefined();
    await ben.post(`/tasks/${task.id}/reassign`, { to: { accountId: ben.accountId } }).expect(200);
    // A disabled account is no target.
    expect((await ben.post(`/tasks/${task.id}/reassign`, { to: { accountId: dan.accountId } }).expect(422)).body.code).toBe('invalid_target');

    const eve = await registerAndLogin(t, 'eve@trust.example');
    await admin.post(`/admin/work-groups/${group.id}/members`, { email: 'eve@trust.example' }).expect(204);
    const another = await groupTask();
    expect((await eve.get('/tasks?view=work-groups').expect(200)).body.items.map((i: { id: string }) => i.id)).toContain(another.id);
    await admin.delete(`/admin/work-groups/${group.id}/members/${eve.accountId}`).expect(204);
    expect((await eve.get('/tasks?view=work-groups').expect(200)).body.items).toEqual([]);
    await eve.post(`/tasks/${another.id}/pickup`).expect(404);
  });

  it('admins list every task, re-assign any open task anywhere, but never see content; groups holding tasks cannot be deleted', async () => {
    const task = await groupTask({ dueDate: '2020-01-10' });
    const listed = await admin.get(`/admin/tasks?workGroupId=${group.id}&overdue=true`).expect(200);
    expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(task.id);
    expect(listed.body.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
    expect(JSON.stringify(listed.body)).not.toContain('"answers"');
    await admin.get('/admin/tasks?status=withdrawn').expect(400);
    await admin.get('/admin/tasks?accountId=nope').expect(400);
    await amy.get('/admin/tasks').expect(403);

    expect((await admin.delete(`/admin/work-groups/${group.id}`).expect(409)).body.code).toBe('work_group_in_use');
    const since = t.mail.mark();
    await admin.post(`/tasks/${task.id}/reassign`, { to: { workGroupId: other.id } }).expect(200);
    await t.mail.waitForMail('out@elsewhere.example', REASSIGNED_TO_GROUP, since);
    await admin.post(`/tasks/${task.id}/reassign`, { to: { accountId: outsider.accountId } }).expect(200);
    await outsider.get(`/tasks/${task.id}`).expect(200);
    await admin.get(`/tasks/${task.id}`).expect(404);

    const audit = (await admin.get(`/admin/audit?taskId=${task.id}`).expect(200)).body.items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['task.reassigned', 'task.reassigned', 'task.delegated']);
    expect(audit[0]).toMatchObject({ actor: { type: 'account', id: admin.accountId }, from: { type: 'work_group', workGroupId: other.id }, to: { type: 'account', accountId: outsider.accountId } });
  });

  it('two app instances on one database: sessions valid on both, pickups atomic across them', async () => {
    const second = await startTestApp({ databaseUrl: t.databaseUrl, embedded: t.embedded, mail: t.mail, stub: t.stub });
    try {
      // The same session cookie works on the other instance.
      const agent = request.agent(second.url);
      await agent.get(`${API}/me`).set('Cookie', `portal_session=${amy.sessionToken}`).expect(200);
      const benOnSecond = await login(second, 'ben@trust.example');
      const tasks = await Promise.all([groupTask(), groupTask(), groupTask()]);
      for (const task of tasks) {
        const [a, b] = await Promise.all([amy.post(`/tasks/${task.id}/pickup`), benOnSecond.post(`/tasks/${task.id}/pickup`)]);
        expect([a.status, b.status].sort()).toEqual([200, 409]);
      }
    } finally {
      await second.close();
    }
  });
});
