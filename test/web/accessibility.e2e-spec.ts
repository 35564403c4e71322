import { Browser, Page } from 'playwright-core';
import { registerAdminHere } from '../support/sql';
import { delegate, delegationBody, healthDelegationBody, publishSampleForms } from '../support/task-fixtures';
import { PortalClient, registerAndLogin } from '../support/portal-client';
import { startTestApp, TestApp } from '../support/test-app';
import {
  describeWithBrowser,
  ensureWebBuilt,
  expectAccessible,
  expectHeading,
  launchBrowser,
  newContext,
  screenshot,
  signIn,
} from './support/browser';
import { formSection, sideNav } from './support/form';

const EDUCATION = 'Education advice for an EHC needs assessment';
const HEALTH = 'Health contribution to a child protection conference';

/** axe-core (WCAG 2.2 A/AA): no serious or critical violation on any main page; screenshots kept. */
async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
}

/** The page does not scroll sideways (WCAG 1.4.10 Reflow at 320 CSS pixels). */
async function expectNoHorizontalScroll(page: Page, what: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: (globalThis as any).document.documentElement.scrollWidth as number,
    innerWidth: (globalThis as any).innerWidth as number,
  }));
  if (scrollWidth > innerWidth) throw new Error(`${what} scrolls sideways at ${innerWidth}px: content is ${scrollWidth}px wide`);
}

describeWithBrowser('Web client: accessibility (axe-core) and reflow', () => {
  let t: TestApp;
  let browser: Browser;
  let pro: PortalClient;
  let colleague: PortalClient;
  let educationTask: Record<string, any>;
  let healthTask: Record<string, any>;
  let narrowHealthTask: Record<string, any>;

  beforeAll(async () => {
    await ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    await publishSampleForms(t);
    const admin = await registerAdminHere(t, 'helpdesk@council.example');
    pro = await registerAndLogin(t, 'pat.lee@school.example', { firstName: 'Pat', lastName: 'Lee' });
    colleague = await registerAndLogin(t, 'chris.odu@school.example', { firstName: 'Chris', lastName: 'Odu' });
    const group = (
      await admin
        .post('/admin/work-groups', { key: 'school-sen', name: 'School SEN team', organisation: 'Example School' })
        .expect(201)
    ).body;
    for (const member of [pro, colleague])
      await admin.post(`/admin/work-groups/${group.id}/members`, { email: member.email }).expect(204);
    educationTask = await delegate(t, delegationBody(pro.email));
    healthTask = await delegate(
      t,
      healthDelegationBody(pro.email, { subject: { reference: 'LCS-200002', displayName: 'Robin Gray' } }),
    );
    narrowHealthTask = await delegate(
      t,
      healthDelegationBody(pro.email, { subject: { reference: 'LCS-500005', displayName: 'Sasha Bright' } }),
    );
    // Something in every dashboard list: a group task, and a colleague's task from the group.
    await delegate(
      t,
      delegationBody('x@school.example', {
        assignee: { workGroupKey: 'school-sen' },
        subject: { reference: 'LCS-300003', displayName: 'Kim Ash' },
      }),
    );
    const colleagues = await delegate(
      t,
      delegationBody('x@school.example', {
        assignee: { workGroupKey: 'school-sen' },
        subject: { reference: 'LCS-400004', displayName: 'Lee Fox' },
      }),
    );
    await colleague.post(`/tasks/${colleagues.id}/pickup`).expect(200);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sign in, registration and forgotten password pages, with and without errors', async () => {
    const context = await newContext(browser, t);
    const page = await context.newPage();
    await page.goto('/login');
    await expectHeading(page, 'Sign in to the Professional Portal');
    await check(page, 'a11y-sign-in');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await check(page, 'a11y-sign-in-errors');
    await page.getByLabel('Email address').fill(pro.email);
    await page.getByLabel('Password', { exact: true }).fill('a long and unusual passphrase 42');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectHeading(page, 'Enter the code we sent');
    await check(page, 'a11y-sign-in-code');

    await page.goto('/register');
    await expectHeading(page, 'Your details');
    await check(page, 'a11y-register-details');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await check(page, 'a11y-register-details-errors');
    for (const [label, value] of [
      ['First name', 'Alex'],
      ['Last name', 'Morgan'],
      ['Organisation', 'Example GP Practice'],
      ['Address line 1', '2 Station Road'],
      ['Town or city', 'Exampleton'],
      ['Postcode', 'EX2 2BB'],
    ]) {
      await page.getByLabel(label, { exact: true }).fill(value);
    }
    await page.getByRole('checkbox', { name: 'I confirm I am using the portal in a professional capacity' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectHeading(page, 'Your email address and password');
    await check(page, 'a11y-register-account');

    await page.goto('/forgotten-password');
    await expectHeading(page, 'Forgotten password');
    await check(page, 'a11y-forgotten-password');
    await context.close();
  });

  it('dashboard lists, both forms (multi-page and single-page), the confirmation and my details', async () => {
    const context = await newContext(browser, t);
    const page = await context.newPage();
    await signIn(page, t, pro.email);
    await expectHeading(page, 'Your tasks');
    await page.getByRole('link', { name: EDUCATION }).waitFor();
    await check(page, 'a11y-dashboard-tasks-to-complete');
    for (const tab of ['Tasks assigned to your Work Groups', 'Group member tasks', 'Recently submitted tasks']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByRole('tabpanel', { name: tab }).locator('table, .app-empty').first().waitFor();
      await check(page, `a11y-dashboard-${tab.toLowerCase().replace(/\s+/g, '-')}`);
    }

    // The multi-page form: every section, the attachments tab, errors, the Full Screen table.
    await page.goto(`/tasks/${educationTask.id}`);
    await formSection(page, 'About the child or young person');
    await check(page, 'a11y-form-multi-page-about');
    for (const section of ['Attendance', 'Needs and support', 'Attach supporting documents']) {
      await sideNav(page).getByRole('button', { name: section }).click();
      await formSection(page, section);
      await check(page, `a11y-form-multi-page-${section.toLowerCase().replace(/\s+/g, '-')}`);
    }
    await page.getByRole('button', { name: 'Submit Contribution' }).click();
    await page.locator('.govuk-error-summary').getByRole('link').first().waitFor();
    await check(page, 'a11y-form-multi-page-errors');
    await sideNav(page).getByRole('button', { name: 'Needs and support' }).click();
    await formSection(page, 'Needs and support');
    await page.getByRole('button', { name: 'Full Screen view of Support currently in place' }).click();
    await page.getByRole('dialog', { name: 'Support currently in place' }).waitFor();
    await check(page, 'a11y-form-table-full-screen');
    await page.getByRole('button', { name: 'Exit Full Screen' }).click();

    // The single-page form, full width, with a showIf answer and a table row.
    await page.goto(`/tasks/${healthTask.id}`);
    await expectHeading(page, HEALTH);
    await formSection(page, 'Health contribution');
    expect(await sideNav(page).count()).toBe(0);
    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByRole('button', { name: 'Add row to Missed appointments in the last 12 months' }).click();
    await check(page, 'a11y-form-single-page');

    // The confirmation: the Yes/No question, then the submitted panel and the read-only view.
    await page.getByLabel('Your role').selectOption({ label: 'School nurse' });
    await page.getByLabel('When did you last see the child?').fill('2026-11-02');
    await page.getByLabel('Describe your concerns').fill('Missed immunisations.');
    await page.getByLabel('Date, row 1 (required)', { exact: true }).fill('2026-06-01');
    await page.getByLabel('Service, row 1 (required)', { exact: true }).fill('Immunisation clinic');
    await page.getByRole('button', { name: 'Submit Contribution' }).click();
    await page.getByRole('alertdialog', { name: 'Submit your contribution?' }).waitFor();
    await check(page, 'a11y-submit-question');
    await page.getByRole('button', { name: 'Yes, submit contribution' }).click();
    await expectHeading(page, 'Contribution submitted');
    await check(page, 'a11y-submitted');
    await page.reload();
    await expectHeading(page, HEALTH);
    await page.getByText('It can no longer be changed.').waitFor();
    await check(page, 'a11y-submitted-view');
    await page.goto('/?view=recently-submitted');
    await page
      .getByRole('tabpanel', { name: 'Recently submitted tasks' })
      .getByRole('link', { name: /\(PDF\)$/ })
      .waitFor();
    await check(page, 'a11y-dashboard-recently-submitted-with-a-task');

    await page.goto('/my-details');
    await expectHeading(page, 'My details');
    await check(page, 'a11y-my-details');
    await context.close();
  });

  it('council administration pages', async () => {
    const context = await newContext(browser, t);
    const page = await context.newPage();
    await signIn(page, t, 'helpdesk@council.example');
    await page.getByRole('link', { name: 'Administration' }).click();
    await expectHeading(page, 'Administration');
    await check(page, 'a11y-admin-home');

    await page.getByRole('link', { name: 'Work Groups' }).click();
    await expectHeading(page, 'Work Groups');
    await page.getByRole('link', { name: 'School SEN team' }).waitFor();
    await check(page, 'a11y-admin-work-groups');
    await page.getByRole('link', { name: 'School SEN team' }).click();
    await expectHeading(page, 'School SEN team');
    await page.getByText(pro.email).first().waitFor();
    await check(page, 'a11y-admin-work-group');
    await page.goto('/admin/work-groups/new');
    await expectHeading(page, 'Create a work group');
    await page.getByRole('button', { name: 'Create work group' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await check(page, 'a11y-admin-work-group-new-errors');

    await page.goto('/admin/accounts');
    await expectHeading(page, 'Accounts');
    await page.getByLabel('Find an account by email address').fill(pro.email);
    await page.getByRole('button', { name: 'Find account' }).click();
    await page.getByRole('button', { name: 'Save changes' }).waitFor();
    await check(page, 'a11y-admin-accounts');

    await page.goto('/admin/tasks');
    await expectHeading(page, 'Tasks');
    await page.getByText('LCS-400004').waitFor();
    await check(page, 'a11y-admin-tasks');

    await page.goto('/admin/deliveries');
    await expectHeading(page, 'Deliveries to the case management system');
    await page.locator('main table, main .app-empty, main p').first().waitFor();
    await check(page, 'a11y-admin-deliveries');
    await context.close();
  });

  it('at 320px wide the forms and the dashboard do not scroll sideways', async () => {
    const context = await newContext(browser, t, { width: 320, height: 640 });
    const page = await context.newPage();
    await signIn(page, t, pro.email);
    await expectHeading(page, 'Your tasks');
    await page.getByRole('link', { name: EDUCATION }).waitFor();
    await expectNoHorizontalScroll(page, 'the dashboard');
    await screenshot(page, 'narrow-320-dashboard');

    await page.getByRole('link', { name: EDUCATION }).click();
    await formSection(page, 'About the child or young person');
    await expectNoHorizontalScroll(page, 'the multi-page form');
    await screenshot(page, 'narrow-320-form-multi-page');
    for (const section of ['Attendance', 'Needs and support', 'Attach supporting documents']) {
      await sideNav(page).getByRole('button', { name: section }).click();
      await formSection(page, section);
      await expectNoHorizontalScroll(page, `the form section "${section}"`);
    }
    await sideNav(page).getByRole('button', { name: 'Needs and support' }).click();
    await formSection(page, 'Needs and support');
    await page.getByRole('button', { name: 'Add row to Support currently in place' }).click();
    await expectNoHorizontalScroll(page, 'a form table with rows');
    await screenshot(page, 'narrow-320-form-table');
    await expectAccessible(page, 'the form at 320px');

    await page.goto(`/tasks/${narrowHealthTask.id}`);
    await formSection(page, 'Health contribution');
    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByRole('button', { name: 'Add row to Missed appointments in the last 12 months' }).click();
    await expectNoHorizontalScroll(page, 'the single-page form');
    await screenshot(page, 'narrow-320-form-single-page');
    await context.close();
  });
});
