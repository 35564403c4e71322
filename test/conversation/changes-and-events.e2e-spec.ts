import { DueDateRemindersJob } from '../../src/submissions/infrastructure/due-date-reminders.job';
import { addDaysToDate, calendarDate, formatEmailDate } from '../../src/shared/dates';
import { PortalClient, registerAndLogin } from '../support/portal-client';
import { registerAdminHere, sql } from '../support/sql';
import { delegate, delegationBody, publishSampleForms, settleMail } from '../support/task-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { readyEducationTask, submit } from '../submissions/support/submission-fixtures';
import { eventTypes, groupWith, patchTask, waitUntil } from './support';

describe('Live changes from the case system and status events', () => {
  let t: TestApp;
  let pro: PortalClient;
  let memberA: PortalClient;
  let admin: PortalClient;
  let group: { id: string; key: string };

  beforeAll(async () => {
    t = await startTestApp();
    await publishSampleForms(t);
    pro = await registerAndLogin(t, 'senco@oakfield.example');
    memberA = await registerAndLogin(t, 'a@team.example');
    admin = await registerAdminHere(t, 'helpdesk@council.example');
    group = await groupWith(admin, 'oak-team', [memberA.email, pro.email]);
  });
  afterAll(() => t.close());

  const today = () => calendarDate(t.clock.now(), 'Europe/London');

  it('a new due date: emailed, a notice on the task page, history, and the answers form does not go stale', async () => {
    const task = await delegate(t, delegationBody(pro.email, { dueDate: '2026-12-16' }));
    await settleMail(t);
    const since = t.mail.messages.length;
    const changed = await patchTask(t, task.externalRef, { dueDate: '2026-12-23' }).expect(200);
    expect(changed.body).toMatchObject({ externalRef: task.externalRef, dueDate: '2026-12-23' });

    const page = await pro.get(`/tasks/${task.id}`).expect(200);
    expect(page.body.dueDate).toBe('2026-12-23');
    expect(page.body.notices).toEqual([{ at: expect.any(String), text: 'The due date changed from 16-Dec-2026 to 23-Dec-2026.' }]);
    expect(page.body.history[0]).toMatchObject({ action: 'task.changed', actor: { type: 'integration' }, from: { dueDate: '2026-12-16' }, to: { dueDate: '2026-12-23', fields: ['dueDate'] } });
    await pro.put(`/tasks/${task.id}/answers`, { version: task.version, answers: { setting: 'Oakfield' } }).expect(200);

    await settleMail(t);
    const mails = t.mail.messages.slice(since).filter((m) => m.to.includes(pro.email));
    expect(mails.map((m) => m.subject)).toEqual(['A form has been changed']);
    expect(mails[0].text).toContain('The due date changed from 16-Dec-2026 to 23-Dec-2026.');
    expect(mails[0].text).toContain('23-Dec-2026');
    expect(mails[0].text).not.toContain('Alex');

    // The same change again is no change: no email, no history.
    await patchTask(t, task.externalRef, { dueDate: '2026-12-23' }).expect(200);
    expect((await pro.get(`/tasks/${task.id}`).expect(200)).body.notices).toHaveLength(1);
  });

  it('the note and the read-only prefill change while not submitted; answers are untouched', async () => {
    const task = await delegate(t, delegationBody(pro.email));
    await pro.put(`/tasks/${task.id}/answers`, { version: task.version, answers: { setting: 'Oakfield' } }).expect(200);
    await patchTask(t, task.externalRef, { message: 'Now also the spring term, please.', prefill: { caseWorker: 'Sam Jones', dateOfBirth: null } }).expect(200);
    const page = await pro.get(`/tasks/${task.id}`).expect(200);
    expect(page.body.message).toBe('Now also the spring term, please.');
    expect(page.body.prefill).toEqual({ childName: 'Alex Smith', caseWorker: 'Sam Jones' });
    expect(page.body.answers).toEqual({ setting: 'Oakfield' });
    expect(page.body.notices[0].text).toBe("The case worker's note changed. Information filled in by the council changed.");
    // The audit keeps field names, never the new note or prefill.
    expect(JSON.stringify(page.body.history)).not.toContain('spring term');
  });

  it('refuses bad changes as problem+json, and any change after submission', async () => {
    const task = await delegate(t, delegationBody(pro.email));
    expect((await patchTask(t, task.externalRef, { dueDate: '2026-02-30' }).expect(422)).body.code).toBe('invalid_change');
    expect((await patchTask(t, task.externalRef, {}).expect(422)).body.code).toBe('invalid_change');
    expect((await patchTask(t, task.externalRef, { prefill: { setting: 'x' } }).expect(422)).body.code).toBe('invalid_prefill');
    expect((await patchTask(t, task.externalRef, { dueDate: 20261223 }).expect(400)).body.code).toBe('invalid_request');
    expect((await patchTask(t, task.externalRef, { assignee: { email: 'x@y.example' } }).expect(400)).body.code).toBe('invalid_request');
    expect((await patchTask(t, 'NO-SUCH-REF', { dueDate: '2026-12-23' }).expect(404)).body.code).toBe('not_found');
    expect((await pro.get(`/tasks/${task.id}`).expect(200)).body.notices).toEqual([]);

    const ready = await readyEducationTask(t, pro, { files: false });
    await submit(pro, ready).expect(202);
    expect((await patchTask(t, ready.externalRef, { dueDate: '2027-01-10' }).expect(409)).body.code).toBe('already_submitted');
  });

  it('reminders and the overdue event follow the new due date', async () => {
    const job = t.app.get(DueDateRemindersJob);
    const task = await delegate(t, delegationBody(pro.email, { dueDate: addDaysToDate(today(), -1) }));
    await job.run();
    await waitUntil('the overdue event', () => eventTypes(t, task.externalRef).includes('overdue'));
    await patchTask(t, task.externalRef, { dueDate: addDaysToDate(today(), 5) }).expect(200);
    const [row] = await sql<{ overdue_reminded_at: unknown }>(t, 'SELECT overdue_reminded_at FROM tasks WHERE id = ?', [task.id]);
    expect(row.overdue_reminded_at).toBeNull();
    await job.run();
    t.clock.advanceDays(6);
    try {
      await job.run();
      await waitUntil('a second overdue event for the new date', () => eventTypes(t, task.externalRef).filter((e) => e === 'overdue').length === 2);
    } finally {
      t.clock.reset();
    }
    const overdue = t.stub.taskEvents().filter((e) => e.body.taskExternalRef === task.externalRef && e.body.type === 'overdue');
    expect(overdue.map((e) => e.body.details.dueDate)).toEqual([addDaysToDate(today(), -1), addDaysToDate(today(), 5)]);
    expect(formatEmailDate(addDaysToDate(today(), 5))).toMatch(/^\d\d-[A-Z][a-z]{2}-\d{4}$/);
  });

  it('tells the case system of each status change once, in order: opened, picked up, re-assigned, submitted', async () => {
    const task = await delegate(t, delegationBody(pro.email, { assignee: { workGroupKey: group.key } }));
    await memberA.post(`/tasks/${task.id}/pickup`).expect(200);
    await memberA.get(`/tasks/${task.id}`).expect(200);
    await memberA.get(`/tasks/${task.id}`).expect(200); // opened once only
    await memberA.post(`/tasks/${task.id}/reassign`, { to: { accountId: pro.accountId } }).expect(200);
    await pro.get(`/tasks/${task.id}`).expect(200); // not the first opening
    const page = await pro.get(`/tasks/${task.id}`).expect(200);
    const answers = (await import('../submissions/support/submission-fixtures')).educationAnswers();
    const saved = await pro.put(`/tasks/${task.id}/answers`, { version: page.body.version, answers }).expect(200);
    await submit(pro, { id: task.id, version: saved.body.version }).expect(202);

    await waitUntil('the submitted event', () => eventTypes(t, task.externalRef).includes('submitted'));
    const events = t.stub.taskEvents().filter((e) => e.body.taskExternalRef === task.externalRef);
    expect(events.map((e) => e.body.type)).toEqual(['picked_up', 'opened', 'reassigned', 'submitted']);
    expect(events.map((e) => e.body.sequence)).toEqual([1, 2, 3, 4]);
    expect(events[0].body.actor).toMatchObject({ type: 'account', accountId: memberA.accountId, email: memberA.email });
    expect(events[2].body.details).toEqual({ to: { type: 'account', accountId: pro.accountId, email: pro.email } });
    expect(events[3].body.details).toEqual({ submissionId: expect.any(String) });
    for (const e of events) expect(e.body.eventId).toBe(e.idempotencyKey);
  });

  it('sends only the chosen events when the deployment says so (CASE_SYSTEM_TASK_EVENTS)', async () => {
    const chosen = await startTestApp({ env: { CASE_SYSTEM_TASK_EVENTS: 'declined,submitted' } });
    try {
      await publishSampleForms(chosen);
      const someone = await registerAndLogin(chosen, 'solo@oakfield.example');
      const task = await delegate(chosen, delegationBody(someone.email));
      await someone.get(`/tasks/${task.id}`).expect(200);
      await someone.post(`/tasks/${task.id}/decline`, { reason: 'not_known' }).expect(204);
      await waitUntil('the declined event', () => eventTypes(chosen, task.externalRef).includes('declined'));
      expect(eventTypes(chosen, task.externalRef)).toEqual(['declined']);
    } finally {
      await chosen.close();
    }
  });
});
