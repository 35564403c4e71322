import { Browser } from 'playwright-core';
import { PortalClient, registerAndLogin } from '../support/portal-client';
import { registerAdminHere } from '../support/sql';
import { publishSampleForms } from '../support/task-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { readyHealthTask, submit, waitForDelivery } from '../submissions/support/submission-fixtures';
import { ensureWebBuilt, expectHeading, launchBrowser, newContext, screenshot, signIn } from './support/browser';

/** The helpdesk's Deliveries page: a failed delivery is readable, and Retry from the page delivers it. */
describe('Web client: Deliveries', () => {
  let t: TestApp;
  let browser: Browser;
  let pro: PortalClient;
  let adminEmail: string;

  beforeAll(async () => {
    await ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    await publishSampleForms(t);
    pro = await registerAndLogin(t, 'visitor@nhs.example', { organisation: 'Riverside NHS Trust' });
    adminEmail = (await registerAdminHere(t, 'helpdesk@council.example')).email;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a refused delivery shows its task, form, attempts and error; Retry sends it again and it is delivered', async () => {
    // The case system refuses once (a permanent 4xx): the delivery fails and waits for a person.
    t.stub.setFault({ kind: 'status', status: 422, times: 1, body: '{"code":"unknown_case","title":"No such case"}' });
    const task = await readyHealthTask(t, pro);
    const { body } = await submit(pro, task).expect(202);
    await waitForDelivery(t, task.externalRef, 'failed');

    const context = await newContext(browser, t);
    const page = await context.newPage();
    await signIn(page, t, adminEmail);
    await page.goto('/admin/deliveries');
    await expectHeading(page, 'Deliveries to the case management system');
    const row = page.getByRole('row').filter({ hasText: task.externalRef });
    await row.waitFor();
    const cell = (label: string) => row.locator(`td[data-label="${label}"]`);
    expect(await cell('Task reference').innerText()).toBe(task.externalRef);
    expect(await cell('Form').innerText()).toBe('health-contribution (version 1)');
    expect(await cell('Submitted').innerText()).toMatch(/\d{2}-[A-Z][a-z]{2}-\d{4}/);
    expect(await cell('Status').innerText()).toContain('Failed');
    expect(await cell('Attempts').innerText()).toBe('1');
    expect(await cell('Last error').innerText()).toContain('HTTP 422');
    expect(await cell('Next attempt').innerText()).toBe('Not until retried');
    await screenshot(page, 'admin-deliveries-failed');

    await row.getByRole('button', { name: `Retry delivery of ${task.externalRef}` }).click();
    await page.getByText('The delivery will be tried again now.').waitFor();
    const delivered = await waitForDelivery(t, task.externalRef);
    expect(delivered.delivery).toMatchObject({ status: 'delivered', attempts: 2, lastError: null });
    expect(t.stub.contributions().filter((c) => c.idempotencyKey === body.submissionId)).toHaveLength(1);

    await page.getByLabel('Show').selectOption('delivered');
    const deliveredRow = page.getByRole('row').filter({ hasText: task.externalRef });
    await deliveredRow.waitFor();
    expect(await deliveredRow.locator('td[data-label="Status"]').innerText()).toContain('Delivered');
    expect(await deliveredRow.locator('td[data-label="Next attempt"]').innerText()).toMatch(/^Delivered /);
    await context.close();
  });
});
