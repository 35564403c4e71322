import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { API, login, PortalClient, register, registerAdmin, registerAndLogin } from '../support/portal-client';

describe('Work group and account administration', () => {
  let t: TestApp;
  let admin: PortalClient;
  let pro: PortalClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerAdmin(t, 'helpdesk@council.example');
    pro = await registerAndLogin(t, 'nurse@trust.example');
  });
  afterAll(() => t.close());

  it('only admins reach /admin routes', async () => {
    for (const path of ['/admin/work-groups', '/admin/accounts?email=x@y.example', '/admin/audit']) {
      const r = await pro.get(path).expect(403);
      expect(r.body.code).toBe('forbidden');
      await request(t.url).get(API + path).expect(401);
    }
    await pro.post('/admin/work-groups', { key: 'nope', name: 'No', organisation: 'No' }).expect(403);
    expect((await admin.get('/me').expect(200)).body.roles).toEqual(expect.arrayContaining(['admin']));
  });

  it('creates, lists, renames and deletes work groups; keys are unique', async () => {
    const created = await admin
      .post('/admin/work-groups', { key: 'riverside-safeguarding', name: 'Riverside safeguarding', organisation: 'Riverside NHS Trust', notificationEmail: 'Team@Riverside.example' })
      .expect(201);
    expect(created.body).toMatchObject({ key: 'riverside-safeguarding', notificationEmail: 'team@riverside.example', members: [] });
    const dup = await admin.post('/admin/work-groups', { key: 'riverside-safeguarding', name: 'Again', organisation: 'X' }).expect(409);
    expect(dup.body.code).toBe('work_group_exists');
    const bad = await admin.post('/admin/work-groups', { key: 'Bad Key!', name: '', organisation: 'X', notificationEmail: 'nope' }).expect(422);
    expect(bad.body.code).toBe('invalid_work_group');
    await admin.post('/admin/work-groups', { key: 'x', name: 'X', organisation: 'X', extra: 1 }).expect(400);

    const renamed = await admin.patch(`/admin/work-groups/${created.body.id}`, { name: 'Riverside safeguarding team', notificationEmail: null }).expect(200);
    expect(renamed.body).toMatchObject({ name: 'Riverside safeguarding team', notificationEmail: null });
    const list = await admin.get('/admin/work-groups?limit=1').expect(200);
    expect(list.body.items).toHaveLength(1);

    const other = await admin.post('/admin/work-groups', { key: 'zz-temporary', name: 'Temporary', organisation: 'X' }).expect(201);
    const page1 = await admin.get('/admin/work-groups?limit=1').expect(200);
    const page2 = await admin.get(`/admin/work-groups?limit=1&cursor=${page1.body.nextCursor}`).expect(200);
    expect([page1.body.items[0].key, page2.body.items[0].key]).toEqual(['riverside-safeguarding', 'zz-temporary']);
    await admin.get('/admin/work-groups?cursor=garbage').expect(400);
    await admin.get('/admin/work-groups?limit=500').expect(400);
    await admin.delete(`/admin/work-groups/${other.body.id}`).expect(204);
    await admin.get(`/admin/work-groups/${other.body.id}`).expect(404);
    await admin.get('/admin/work-groups/not-a-uuid').expect(404);
  });

  it('adds members by email (before or after they register) and removes them at once', async () => {
    const group = (await admin.post('/admin/work-groups', { key: 'school-sen', name: 'School SEN team', organisation: 'Example School' }).expect(201)).body;
    await admin.post(`/admin/work-groups/${group.id}/members`, { email: 'NURSE@trust.example' }).expect(204);
    await admin.post(`/admin/work-groups/${group.id}/members`, { email: 'nurse@trust.example' }).expect(204); // idempotent
    await admin.post(`/admin/work-groups/${group.id}/members`, { email: 'later@school.example' }).expect(204);
    await admin.post(`/admin/work-groups/${group.id}/members`, { email: 'not an email' }).expect(422);

    const before = (await admin.get(`/admin/work-groups/${group.id}`).expect(200)).body;
    expect(before.members).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: 'nurse@trust.example', accountId: pro.accountId, active: true }),
        expect.objectContaining({ email: 'later@school.example', accountId: null, active: false }),
      ]),
    );
    expect((await pro.get('/me').expect(200)).body.workGroups).toEqual([{ id: group.id, key: 'school-sen', name: 'School SEN team' }]);

    const laterId = await register(t, 'later@school.example');
    const later = await login(t, 'later@school.example');
    expect((await later.get('/me').expect(200)).body.workGroups.map((g: { key: string }) => g.key)).toEqual(['school-sen']);
    // Several groups come by name (not by key, not as added), on /auth/session as on /me.
    const second = (await admin.post('/admin/work-groups', { key: 'zz-attendance', name: 'Attendance team', organisation: 'Example School' }).expect(201)).body;
    await admin.post(`/admin/work-groups/${second.id}/members`, { email: 'later@school.example' }).expect(204);
    const session = (await later.get('/auth/session').expect(200)).body;
    expect(session.account.workGroups).toEqual([
      { id: second.id, key: 'zz-attendance', name: 'Attendance team' },
      { id: group.id, key: 'school-sen', name: 'School SEN team' },
    ]);
    expect((await later.get('/me').expect(200)).body.workGroups).toEqual(session.account.workGroups);
    await admin.delete(`/admin/work-groups/${second.id}`).expect(204);
    const picker = (await pro.get('/work-groups').expect(200)).body.items;
    expect(picker).toHaveLength(1);
    expect(picker[0].members.map((m: { accountId: string }) => m.accountId).sort()).toEqual([laterId, pro.accountId].sort());

    await admin.delete(`/admin/work-groups/${group.id}/members/${laterId}`).expect(204);
    expect((await later.get('/me').expect(200)).body.workGroups).toEqual([]);
    expect((await later.get('/work-groups').expect(200)).body.items).toEqual([]);
    await admin.delete(`/admin/work-groups/${group.id}/members/${laterId}`).expect(404);
  });

  it('finds accounts by exact email, changes the email (old address told, sessions end), and disables', async () => {
    const victim = await registerAndLogin(t, 'mover@school.example');
    const found = await admin.get('/admin/accounts?email=MOVER@school.example').expect(200);
    expect(found.body.items).toHaveLength(1);
    expect(found.body.items[0]).toMatchObject({ id: victim.accountId, email: 'mover@school.example', disabled: false });
    expect((await admin.get('/admin/accounts?email=mover@school').expect(200)).body.items).toEqual([]);
    await admin.get('/admin/accounts').expect(400);

    const since = t.mail.mark();
    const changed = await admin.patch(`/admin/accounts/${victim.accountId}`, { email: 'Moved@NewSchool.example', organisation: 'New School' }).expect(200);
    expect(changed.body).toMatchObject({ email: 'moved@newschool.example', organisation: 'New School' });
    const notice = await t.mail.waitForMail('mover@school.example', 'Your Professional Portal email address has changed', since);
    expect(notice.text).toContain('support@portal.local');
    await victim.get('/me').expect(401);
    const again = await login(t, 'moved@newschool.example');
    const taken = await admin.patch(`/admin/accounts/${victim.accountId}`, { email: 'helpdesk@council.example' }).expect(409);
    expect(taken.body.code).toBe('email_in_use');

    await admin.patch(`/admin/accounts/${victim.accountId}`, { disabled: true }).expect(200);
    await again.get('/me').expect(401);
    await request(t.url).post(`${API}/auth/login`).send({ email: 'moved@newschool.example', password: 'a long and unusual passphrase 42' }).expect(401);
    await admin.patch(`/admin/accounts/${victim.accountId}`, { disabled: 'yes' }).expect(400);
    await admin.patch('/admin/accounts/01900000-0000-7000-8000-000000000000', { disabled: true }).expect(404);

    const audit = await admin.get(`/admin/audit?accountId=${victim.accountId}`).expect(200);
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['account.registered', 'account.login', 'account.updated', 'account.disabled']));
    expect(actions.indexOf('account.disabled')).toBeLessThan(actions.indexOf('account.registered')); // newest first
    await admin.get('/admin/audit?taskId=nope').expect(400);
    const groupEvents = await admin.get('/admin/audit?action=work_group.created').expect(200);
    expect(groupEvents.body.items.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(audit.body)).not.toMatch(/password/i);
  });
});
