import request from 'supertest';
import { API, PortalClient, registerAndLogin, registrationBody } from '../support/portal-client';
import { docx, docxUnderDeclaredBomb } from '../support/sample-files';
import { registerAdminHere, sql } from '../support/sql';
import { delegate, delegationBody, publishSampleForms, settleMail, upload } from '../support/task-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The second outside assessment (issue 19), task and email findings: an admin gaining content by
 * moving a task to themselves (1), text and links injected into emails through a name (4), a zip
 * bomb with an under-declared directory (8), a no-op move revealing the child's name (12).
 */
describe('Assessment II: tasks and emails', () => {
  let t: TestApp;
  let admin: PortalClient;
  let amy: PortalClient;
  let ben: PortalClient;
  let group: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    await publishSampleForms(t);
    admin = await registerAdminHere(t, 'helpdesk@council.example');
    amy = await registerAndLogin(t, 'amy@trust.example', { firstName: 'Amy', lastName: 'Able' });
    ben = await registerAndLogin(t, 'ben@trust.example', { firstName: 'Ben', lastName: 'Baker' });
    group = (await admin.post('/admin/work-groups', { key: 'trust-team', name: 'Trust team', organisation: 'Trust' }).expect(201)).body;
    for (const email of ['amy@trust.example', 'ben@trust.example']) {
      await admin.post(`/admin/work-groups/${group.id}/members`, { email }).expect(204);
    }
  });
  afterAll(() => t.close());

  describe('finding 1: an admin never gains content through a move', () => {
    it('refuses an admin’s own account as the target of an open or in-progress task, and nothing changes', async () => {
      const open = await delegate(t, delegationBody('amy@trust.example'));
      const started = await delegate(t, delegationBody('amy@trust.example'));
      await amy.put(`/tasks/${started.id}/answers`, { version: started.version, answers: {} }).expect(200);
      for (const task of [open, started]) {
        const res = await admin.post(`/tasks/${task.id}/reassign`, { to: { accountId: admin.accountId } }).expect(422);
        expect(res.body.code).toBe('invalid_target');
        await admin.get(`/tasks/${task.id}`).expect(404);
        await admin.get(`/tasks/${task.id}/pdf`).expect(404);
        expect((await amy.get(`/tasks/${task.id}`).expect(200)).body.assignee.accountId).toBe(amy.accountId);
      }
      // Moving it to a professional stays the helpdesk's job.
      await admin.post(`/tasks/${open.id}/reassign`, { to: { accountId: ben.accountId } }).expect(200);
    });

    it('allows it when the admin belongs to the task’s group, and audits the move as an admin taking it', async () => {
      const helper = await registerAdminHere(t, 'helpdesk-member@council.example');
      await admin.post(`/admin/work-groups/${group.id}/members`, { email: 'helpdesk-member@council.example' }).expect(204);
      const task = await delegate(t, delegationBody('x@x.example', { assignee: { workGroupKey: 'trust-team' } }));
      await amy.post(`/tasks/${task.id}/pickup`).expect(200);
      // Amy leaves the group: her colleagues lose their say; the admin acts as admin, but is a member.
      await admin.delete(`/admin/work-groups/${group.id}/members/${amy.accountId}`).expect(204);
      await helper.post(`/tasks/${task.id}/reassign`, { to: { accountId: helper.accountId } }).expect(200);
      await helper.get(`/tasks/${task.id}`).expect(200);
      const [entry] = await sql<{ to_value: Record<string, unknown> }>(
        t,
        "SELECT to_value FROM audit_log WHERE task_id = ? AND action = 'task.reassigned' ORDER BY id DESC LIMIT 1",
        [task.id],
      );
      expect(entry.to_value).toMatchObject({ type: 'account', accountId: helper.accountId, authority: 'admin', self: true });
      await admin.post(`/admin/work-groups/${group.id}/members`, { email: 'amy@trust.example' }).expect(204);
    });
  });

  describe('finding 12: a move answers no more than the caller may see', () => {
    it('a colleague’s no-op move to the holder answers metadata only: no child’s name, no note', async () => {
      const task = await delegate(t, delegationBody('x@x.example', { assignee: { workGroupKey: 'trust-team' } }));
      await amy.post(`/tasks/${task.id}/pickup`).expect(200);
      const res = await ben.post(`/tasks/${task.id}/reassign`, { to: { accountId: amy.accountId } }).expect(200);
      expect(JSON.stringify(res.body)).not.toContain('Alex Smith');
      expect(JSON.stringify(res.body)).not.toContain('attendance figures');
      expect(res.body).toMatchObject({ id: task.id, subject: { reference: 'LCS-123456' }, assignee: { accountId: amy.accountId } });
      expect(res.body.message).toBeUndefined();
      // The same for a real move away from the caller; the new holder sees it all on the task page.
      const away = await amy.post(`/tasks/${task.id}/reassign`, { to: { accountId: ben.accountId } }).expect(200);
      expect(away.body.subject.displayName).toBeUndefined();
      expect((await ben.post(`/tasks/${task.id}/reassign`, { to: { accountId: ben.accountId } }).expect(200)).body.subject.displayName).toBe(
        'Alex Smith',
      );
    });
  });

  describe('finding 4: names cannot carry text or links into emails', () => {
    const hostile = ['Smith\n\nUrgent: your account expires. Sign in at https://evil.example/login', 'Smith\r\nBcc: x@evil.example', 'Smith\u2028x', 'Smith\u202Ex', 'Smith\tx'];

    it('PATCH /me refuses line breaks, tabs, separators and invisible characters in every text field (422 invalid_profile)', async () => {
      for (const value of hostile) {
        for (const field of ['firstName', 'lastName', 'jobTitle', 'organisation']) {
          const res = await amy.patch('/me', { [field]: value }).expect(422);
          expect(res.body.code).toBe('invalid_profile');
          expect(res.body.errors[0].path).toBe(field);
        }
        const res = await amy.patch('/me', { address: { line1: value, town: 'Town', postcode: 'EX1 1AA' } }).expect(422);
        expect(res.body.errors[0].path).toBe('address.line1');
      }
      expect((await amy.get('/me').expect(200)).body.lastName).toBe('Able');
    });

    it('so does registration, and an admin’s work-group names and account organisation', async () => {
      const res = await request(t.url).post(`${API}/registrations`).send(registrationBody('new@school.example', { lastName: hostile[0] })).expect(422);
      expect(res.body.code).toBe('invalid_profile');
      const org = await request(t.url).post(`${API}/registrations`).send(registrationBody('new@school.example', { organisation: hostile[1] })).expect(422);
      expect(org.body.code).toBe('invalid_profile');
      expect((await admin.post('/admin/work-groups', { key: 'evil', name: hostile[0], organisation: 'x' }).expect(422)).body.code).toBe(
        'invalid_work_group',
      );
      await admin.patch(`/admin/work-groups/${group.id}`, { organisation: hostile[1] }).expect(422);
      await admin.patch(`/admin/accounts/${ben.accountId}`, { organisation: hostile[1] }).expect(422);
    });

    it('a name stored before this rule reaches the colleague’s email on one line and without a link', async () => {
      await sql(t, 'UPDATE accounts SET last_name = ? WHERE id = ?', [hostile[0], amy.accountId]);
      const amyAgain = await registerAndLoginAgain(t, 'amy@trust.example');
      const task = await delegate(t, delegationBody('amy@trust.example'));
      await settleMail(t);
      const since = t.mail.mark();
      await amyAgain.post(`/tasks/${task.id}/reassign`, { to: { accountId: ben.accountId } }).expect(200);
      const mail = await t.mail.waitForMail('ben@trust.example', 'A form has been re-assigned to you', since);
      const line = mail.text.split('\n').find((l) => l.includes('has re-assigned a form to you'))!;
      expect(line.startsWith('Amy Smith Urgent: your account expires. Sign in at https:')).toBe(true);
      expect(mail.text).not.toMatch(/^Urgent/m);
      expect(mail.text).not.toContain('https://evil');
      expect(mail.text).not.toContain('evil.example');
      // The only links left are the portal's own.
      expect(mail.text.match(/https?:\/\/\S+/g)).toEqual(['http://portal.test/login', 'http://portal.test/register']);
      await sql(t, 'UPDATE accounts SET last_name = ? WHERE id = ?', ['Able', amy.accountId]);
    });
  });

  describe('finding 8: a zip whose directory under-declares its sizes', () => {
    it('is refused (415) by counting the bytes it really inflates to, and nothing is stored', async () => {
      const task = await delegate(t, delegationBody('amy@trust.example'));
      const bomb = docxUnderDeclaredBomb(150);
      expect(bomb.length).toBeLessThan(400 * 1024);
      const before = await sql<{ n: string }>(t, 'SELECT count(*) AS n FROM stored_files');
      const res = await upload(amy.agent, amy.csrf, task.id, bomb, 'report.docx').expect(415);
      expect(res.body.code).toBe('unsupported_file_type');
      expect(await sql<{ n: string }>(t, 'SELECT count(*) AS n FROM stored_files')).toEqual(before);
      await upload(amy.agent, amy.csrf, task.id, docx(), 'report.docx').expect(201);
    });
  });
});

async function registerAndLoginAgain(t: TestApp, email: string): Promise<PortalClient> {
  const { login } = await import('../support/portal-client');
  return login(t, email);
}
