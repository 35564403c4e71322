import { DueDateRemindersJob } from '../../src/submissions/infrastructure/due-date-reminders.job';
import { addDaysToDate, calendarDate, formatEmailDate } from '../../src/shared/dates';
import { login, PortalClient, register, registerAndLogin } from '../support/portal-client';
import { startTestApp, TestApp } from '../support/test-app';
import { registerAdminHere, sql } from '../support/sql';
import { delegate, delegationBody, healthDelegationBody, publishSampleForms, settleMail } from '../support/task-fixtures';
import { readyHealthTask, submit, waitFor } from './support/submission-fixtures';

const DUE_SOON = 'A form is due soon';
const OVERDUE = 'A form is overdue';

/**
 * "Due soon" from 3 days before the due date and "overdue" once after it, by the calendar date in
 * PORTAL_TIMEZONE, each sent once however often the job runs, to whoever holds the task.
 */
describe('Due-date reminders', () => {
  let t: TestApp;
  let pro: PortalClient;
  let admin: PortalClient;
  const PRO = 'nurse@clinic.example';

  beforeAll(async () => {
    // "Today" is the calendar date in PORTAL_TIMEZONE; every date below is computed in that zone.
    t = await startTestApp({ env: { PORTAL_TIMEZONE: 'Europe/London' } });
    await publishSampleForms(t);
    pro = await registerAndLogin(t, PRO);
    admin = await registerAdminHere(t, 'helpdesk@council.example');
  });
  afterAll(() => t.close());

  const today = () => calendarDate(t.clock.now(), 'Europe/London');
  const job = () => t.app.get(DueDateRemindersJob);
  const remindersTo = (address: string, subject: string) => t.mail.to(address).filter((m) => m.subject === subject);
  /** Runs the job, then waits until the mail outbox has handed every queued email to the SMTP server. */
  async function runJob() {
    const result = await job().run();
    await waitFor(
      'the mail outbox to drain',
      async () => (await sql<{ n: number }>(t, 'SELECT count(*)::int AS n FROM mail_outbox'))[0].n === 0,
    );
    return result;
  }

  it('sends "due soon" three days before and "overdue" the day after, each once, naming the due date', async () => {
    const due = addDaysToDate(today(), 10);
    const task = await delegate(t, healthDelegationBody(PRO, { dueDate: due }));
    const later = await delegate(t, healthDelegationBody(PRO, { dueDate: addDaysToDate(today(), 30) }));
    const submitted = await readyHealthTask(t, pro);
    await sql(t, 'UPDATE tasks SET due_date = ? WHERE id = ?', [due, submitted.id]);
    await submit(pro, submitted).expect(202);
    await settleMail(t);

    t.clock.advanceDays(6); // 4 days before
    expect(await runJob()).toEqual({ dueSoon: 0, overdue: 0 });
    expect(remindersTo(PRO, DUE_SOON)).toHaveLength(0);

    t.clock.advanceDays(1); // 3 days before
    expect(await runJob()).toEqual({ dueSoon: 1, overdue: 0 });
    const [soon] = remindersTo(PRO, DUE_SOON);
    expect(soon.text).toContain(formatEmailDate(due));
    expect(soon.text).toContain('http://portal.test/login');
    expect(soon.text).not.toContain(task.id);
    expect(soon.text).not.toMatch(/Alex|Smith|LCS-/);

    // Run twice more the same day and the next: never again.
    expect(await runJob()).toEqual({ dueSoon: 0, overdue: 0 });
    t.clock.advanceDays(1);
    expect(await runJob()).toEqual({ dueSoon: 0, overdue: 0 });
    expect(remindersTo(PRO, DUE_SOON)).toHaveLength(1);

    t.clock.advanceDays(2); // the due date itself: not overdue yet
    expect(await runJob()).toEqual({ dueSoon: 0, overdue: 0 });
    t.clock.advanceDays(1); // the day after
    expect(await runJob()).toEqual({ dueSoon: 0, overdue: 1 });
    expect(await runJob()).toEqual({ dueSoon: 0, overdue: 0 });
    t.clock.advanceDays(3);
    expect(await runJob()).toEqual({ dueSoon: 0, overdue: 0 });
    const overdue = remindersTo(PRO, OVERDUE);
    expect(overdue).toHaveLength(1);
    expect(overdue[0].text).toContain(formatEmailDate(due));

    // The submitted task and the one due later were never reminded.
    const rows = await sql<{ id: string; due_soon_reminded_at: Date | null; overdue_reminded_at: Date | null }>(
      t,
      'SELECT id, due_soon_reminded_at, overdue_reminded_at FROM tasks WHERE id IN (?, ?, ?)',
      [task.id, later.id, submitted.id],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(task.id)).toMatchObject({ due_soon_reminded_at: expect.anything(), overdue_reminded_at: expect.anything() });
    expect(byId.get(later.id)).toMatchObject({ due_soon_reminded_at: null, overdue_reminded_at: null });
    expect(byId.get(submitted.id)).toMatchObject({ due_soon_reminded_at: null, overdue_reminded_at: null });
  });

  it('no "due soon" for a task delegated inside the window (its delegation email named the date); overdue still comes', async () => {
    pro = await login(t, PRO);
    const due = addDaysToDate(today(), 2);
    const task = await delegate(t, healthDelegationBody(PRO, { dueDate: due }));
    await settleMail(t);
    const before = remindersTo(PRO, DUE_SOON).length;
    await runJob();
    expect(remindersTo(PRO, DUE_SOON)).toHaveLength(before);
    t.clock.advanceDays(3);
    const overdueBefore = remindersTo(PRO, OVERDUE).length;
    expect(await runJob()).toMatchObject({ overdue: 1 });
    expect(remindersTo(PRO, OVERDUE)).toHaveLength(overdueBefore + 1);
    const [row] = await sql<{ due_soon_reminded_at: Date | null }>(t, 'SELECT due_soon_reminded_at FROM tasks WHERE id = ?', [
      task.id,
    ]);
    expect(row.due_soon_reminded_at).toBeNull();
  });

  it("goes to a group's notification address, else to its active members; and to an address not yet registered", async () => {
    admin = await login(t, 'helpdesk@council.example');
    const withInbox = await admin
      .post('/admin/work-groups', {
        key: 'riverside-hv',
        name: 'Riverside health visitors',
        organisation: 'Riverside NHS Trust',
        notificationEmail: 'HV-Team@Riverside.example',
      })
      .expect(201);
    const withoutInbox = await admin
      .post('/admin/work-groups', { key: 'oakfield-send', name: 'Oakfield SEND', organisation: 'Oakfield' })
      .expect(201);
    await register(t, 'member.one@oakfield.example');
    await register(t, 'member.two@oakfield.example');
    const leaver = await register(t, 'leaver@oakfield.example');
    for (const email of ['member.one@oakfield.example', 'member.two@oakfield.example', 'leaver@oakfield.example']) {
      await admin.post(`/admin/work-groups/${withoutInbox.body.id}/members`, { email }).expect(204);
    }
    await admin.patch(`/admin/accounts/${leaver}`, { disabled: true }).expect(200);
    await admin.post(`/admin/work-groups/${withInbox.body.id}/members`, { email: 'member.one@oakfield.example' }).expect(204);

    const due = addDaysToDate(today(), 7);
    await delegate(t, healthDelegationBody('x@unused.example', { assignee: { workGroupKey: 'riverside-hv' }, dueDate: due }));
    await delegate(t, delegationBody('x@unused.example', { assignee: { workGroupKey: 'oakfield-send' }, dueDate: due }));
    await delegate(t, healthDelegationBody('new.gp@surgery.example', { dueDate: due }));
    await settleMail(t);
    const mark = t.mail.messages.length;

    t.clock.advanceDays(4);
    expect(await runJob()).toMatchObject({ dueSoon: 3 });
    const sent = t.mail.messages.slice(mark).filter((m) => m.subject === DUE_SOON);
    const recipients = sent.flatMap((m) => m.to).sort();
    expect(recipients).toEqual([
      'hv-team@riverside.example',
      'member.one@oakfield.example',
      'member.two@oakfield.example',
      'new.gp@surgery.example',
    ]);
    expect(recipients).not.toContain('leaver@oakfield.example');
  });
});
