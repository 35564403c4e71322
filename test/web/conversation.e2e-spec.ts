import { Browser, Page } from 'playwright-core';
import { addDaysToDate, calendarDate, formatEmailDate } from '../../src/shared/dates';
import { delegate, delegationBody, publishSampleForms } from '../support/task-fixtures';
import { PortalClient, registerAndLogin } from '../support/portal-client';
import { INTEGRATION_KEY, startTestApp, TestApp } from '../support/test-app';
import { groupWith, patchTask, waitUntil } from '../conversation/support';
import { registerAdminHere } from '../support/sql';
import { educationAnswers } from '../submissions/support/submission-fixtures';
import { describeWithBrowser, ensureWebBuilt, expectAccessible, expectHeading, launchBrowser, newContext, screenshot, signIn } from './support/browser';

const TITLE = 'Education advice for an EHC needs assessment';

/** The professional and the council talk, in a browser: notices, questions and replies, finding a task, returning one. */
describeWithBrowser('Web client: talking to the council and finding tasks', () => {
  let t: TestApp;
  let browser: Browser;
  let pro: PortalClient;
  let page: Page;
  const tasks: Record<string, Record<string, any>> = {};

  beforeAll(async () => {
    await ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    await publishSampleForms(t);
    pro = await registerAndLogin(t, 'priya.shah@school.example', { firstName: 'Priya', lastName: 'Shah' });
    const today = calendarDate(t.clock.now(), 'Europe/London');
    tasks.alex = await delegate(t, delegationBody(pro.email, { subject: { reference: 'LCS-100001', displayName: 'Alex Smith' }, dueDate: '2026-12-16' }));
    tasks.jordan = await delegate(t, delegationBody(pro.email, { subject: { reference: 'LCS-200002', displayName: 'Jordan Lee' }, dueDate: addDaysToDate(today, 40) }));
    tasks.riley = await delegate(t, delegationBody(pro.email, { subject: { reference: 'LCS-300003', displayName: 'Riley Cole' }, dueDate: addDaysToDate(today, 50) }));
    const context = await newContext(browser, t);
    page = await context.newPage();
    await signIn(page, t, pro.email);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("finds a task by the child's name; the filter is in the address and survives a reload", async () => {
    await expectHeading(page, 'Your tasks');
    const panel = page.getByRole('tabpanel', { name: 'Tasks to complete' });
    await panel.getByRole('row').filter({ hasText: 'LCS-300003' }).waitFor();
    await page.getByLabel("Child's name or case reference").fill('jordan');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'jordan');
    await panel.getByRole('row').filter({ hasText: 'Jordan Lee' }).waitFor();
    await panel.getByRole('row').filter({ hasText: 'Riley Cole' }).waitFor({ state: 'detached' });
    await page.reload();
    await expectHeading(page, 'Your tasks');
    await panel.getByRole('row').filter({ hasText: 'Jordan Lee' }).waitFor();
    expect(await panel.getByRole('row').count()).toBe(2); // the header and Jordan's task
    expect(await page.getByLabel("Child's name or case reference").inputValue()).toBe('jordan');
    await expectAccessible(page, 'filtered task list');

    await page.getByLabel('Due').selectOption('overdue');
    await page.getByLabel("Child's name or case reference").fill('');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('No tasks match these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await panel.getByRole('row').filter({ hasText: 'Riley Cole' }).waitFor();
    await screenshot(page, 'dashboard-filters');
  });

  it('shows a due-date change as a notice, and carries a question and the reply', async () => {
    await patchTask(t, tasks.alex.externalRef, { dueDate: '2026-12-23' }).expect(200);
    await page.goto(`/tasks/${tasks.alex.id}`);
    await expectHeading(page, TITLE);
    await page.getByRole('region', { name: 'Important' }).getByText(`The due date changed from ${formatEmailDate('2026-12-16')} to ${formatEmailDate('2026-12-23')}.`).waitFor();

    await page.getByLabel('Ask a question about this form').fill('Should I include the summer term?');
    await page.getByRole('button', { name: 'Send question' }).click();
    await page.getByText('Your question has been sent to the case worker.').waitFor();
    const received = await waitUntil('the question at the case system', () => t.stub.messages().find((m) => m.body.taskExternalRef === tasks.alex.externalRef));
    expect(received.body.body).toBe('Should I include the summer term?');
    expect(await t.stub.reply({ portalUrl: t.url, integrationKey: INTEGRATION_KEY, body: 'Yes, <b>please</b>.', author: 'Jo Bloggs' }, tasks.alex.externalRef)).toBe(201);

    await page.reload();
    await expectHeading(page, TITLE);
    const thread = page.getByRole('list', { name: 'Messages about this form' });
    await thread.getByText('Jo Bloggs (case worker)').waitFor();
    // Plain text: the markup is shown as typed, never rendered.
    await thread.getByText('Yes, <b>please</b>.').waitFor();
    await expectAccessible(page, 'task page with notices and messages');
    await screenshot(page, 'task-messages');
  });

  it('returns a form to the council with a reason', async () => {
    await page.goto(`/tasks/${tasks.riley.id}`);
    await expectHeading(page, TITLE);
    await page.getByRole('button', { name: /Return to the council.*I cannot complete this form/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Return this form to the council' });
    await dialog.getByRole('button', { name: 'Return to the council' }).click();
    await dialog.getByText('Select why you are returning this form').waitFor();
    await dialog.getByLabel('Another reason').check();
    await dialog.getByRole('button', { name: 'Return to the council' }).click();
    await dialog.getByText('Say why you are returning this form').waitFor();
    await expectAccessible(page, 'return to the council dialog');
    await dialog.getByLabel('More detail for the council').fill('Riley left our school in July.');
    await dialog.getByRole('button', { name: 'Return to the council' }).click();
    await expectHeading(page, 'Your tasks');
    await page.getByText('Form returned').waitFor();
    const panel = page.getByRole('tabpanel', { name: 'Tasks to complete' });
    await panel.getByRole('row').filter({ hasText: 'Jordan Lee' }).waitFor();
    expect(await panel.getByRole('row').filter({ hasText: 'Riley Cole' }).count()).toBe(0);
    const event = await waitUntil('the declined event', () =>
      t.stub.taskEvents().find((e) => e.body.taskExternalRef === tasks.riley.externalRef && e.body.type === 'declined'),
    );
    expect(event.body.details).toEqual({ reason: 'other', comment: 'Riley left our school in July.' });
  });

  it('sends a completed form to a colleague for review; the colleague sees "Ready for review" and returns it with a comment', async () => {
    const admin = await registerAdminHere(t, 'helpdesk@council.example');
    const head = await registerAndLogin(t, 'hal.head@school.example', { firstName: 'Hal', lastName: 'Head' });
    const group = await groupWith(admin, 'school-sen', [pro.email, head.email]);
    const task = await delegate(t, delegationBody(pro.email, { assignee: { workGroupKey: group.key }, subject: { reference: 'LCS-900009', displayName: 'Sky Park' } }));
    const picked = await pro.post(`/tasks/${task.id}/pickup`).expect(200);
    await pro.put(`/tasks/${task.id}/answers`, { version: picked.body.version, answers: educationAnswers() }).expect(200);
    // The browser's session must know of the new group membership: sign in again.
    const context = await newContext(browser, t);
    const author = await context.newPage();
    await signIn(author, t, pro.email);

    await author.goto(`/tasks/${task.id}`);
    await expectHeading(author, TITLE);
    await author.getByRole('button', { name: /Send for review/ }).click();
    const dialog = author.getByRole('dialog', { name: 'Send for review' });
    await dialog.getByLabel('Reviewer', { exact: true }).selectOption({ label: 'Hal Head' });
    await dialog.getByLabel('Note for the reviewer (optional)').fill('Please check the attendance section.');
    await expectAccessible(author, 'send for review dialog');
    await dialog.getByRole('button', { name: 'Send for review' }).click();
    await expectHeading(author, 'Your tasks');
    await author.getByText('Sent for review').waitFor();

    const reviewerContext = await newContext(browser, t);
    const reviewer = await reviewerContext.newPage();
    await signIn(reviewer, t, head.email);
    await expectHeading(reviewer, 'Your tasks');
    const row = reviewer.getByRole('tabpanel', { name: 'Tasks to complete' }).getByRole('row').filter({ hasText: 'LCS-900009' });
    await row.getByText('Ready for review').waitFor();
    await row.getByRole('link').click();
    await expectHeading(reviewer, TITLE);
    await reviewer.getByText('Their note: Please check the attendance section.').waitFor();
    await reviewer.getByRole('button', { name: 'Return with a comment' }).click();
    const back = reviewer.getByRole('dialog', { name: 'Return with a comment' });
    await back.getByLabel('Comment for your colleague').fill('Add the spring term figures, then submit.');
    await back.getByRole('button', { name: 'Return to colleague' }).click();
    await expectHeading(reviewer, 'Your tasks');

    await author.goto(`/tasks/${task.id}`);
    await expectHeading(author, TITLE);
    await author.getByText('Returned after review').waitFor();
    await author.getByText('Their comment: Add the spring term figures, then submit.').waitFor();
    await screenshot(author, 'task-returned-after-review');
  });
});
