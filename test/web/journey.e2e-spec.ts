import { readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { pdf } from '../support/sample-files';
import { delegate, delegationBody, publishSampleForms } from '../support/task-fixtures';
import { login, PASSWORD } from '../support/portal-client';
import { startTestApp, TestApp } from '../support/test-app';
import {
  describeWithBrowser,
  ensureWebBuilt,
  eventually,
  expectHeading,
  focused,
  launchBrowser,
  newContext,
  screenshot,
  signIn,
} from './support/browser';
import { formSection, sideNav } from './support/form';

const TITLE = 'Education advice for an EHC needs assessment';

/**
 * The professional's whole journey in Chromium against the real app: register, sign in with the
 * emailed codes, complete a delegated multi-page form with every question type, attach files,
 * meet the error summary, submit, and download the PDF of what was sent.
 */
describeWithBrowser('Web client: the professional journey', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    await publishSampleForms(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('register → sign in → fill every question type → save, reopen → attach/remove → missing answer → submit → PDF', async () => {
    const email = 'sam.taylor@school.example';
    // Delegated before the person has an account: it is waiting for them when they register.
    const task = await delegate(t, delegationBody(email));
    const context = await newContext(browser, t);
    const page = await context.newPage();

    // --- Register: details with the professional-capacity question → email and password → code → continue.
    await page.goto('/');
    await expectHeading(page, 'Sign in to the Professional Portal');
    await screenshot(page, 'sign-in');
    await page.getByRole('link', { name: 'Register for a new account' }).click();
    await expectHeading(page, 'Your details');
    await page.getByLabel('First name').fill('Sam');
    await page.getByLabel('Last name').fill('Taylor');
    await page.getByLabel('Job title (optional)').fill('SENCo');
    await page.getByLabel('Organisation').fill('Example Primary School');
    await page.getByLabel('Phone number (optional)').fill('01632 960 001');
    await page.getByLabel('Address line 1').fill('1 High Street');
    await page.getByLabel('Town or city').fill('Exampleton');
    await page.getByLabel('Postcode').fill('EX1 1AA');
    // Without the professional capacity the journey stops with a linked error.
    await page.getByRole('button', { name: 'Continue' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.getByRole('link', { name: 'Confirm that you are using the portal in a professional capacity' }).click();
    expect((await focused(page)).id).toBe('professionalCapacity');
    await page.getByRole('checkbox', { name: 'I confirm I am using the portal in a professional capacity' }).check();
    await screenshot(page, 'register-details');
    await page.getByRole('button', { name: 'Continue' }).click();

    await expectHeading(page, 'Your email address and password');
    await page.getByLabel('Work email address').fill(email);
    await page.getByLabel('Create a password').fill(PASSWORD);
    await page.getByLabel('Confirm your password').fill(PASSWORD);
    await screenshot(page, 'register-account');
    const registrationMail = t.mail.mark();
    await page.getByRole('button', { name: 'Continue' }).click();

    await expectHeading(page, 'Enter the code we sent');
    await page.getByText(email).first().waitFor();
    await screenshot(page, 'register-code');
    await page.getByLabel('Code', { exact: true }).fill(await t.mail.codeFor(email, registrationMail));
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectHeading(page, 'Your account has been created');
    await page.getByRole('button', { name: 'Continue' }).click();

    // --- Sign in: password, then the code emailed for this sign-in.
    await page.waitForURL('**/login');
    await signIn(page, t, email);
    await expectHeading(page, 'Your tasks');
    const toComplete = page.getByRole('tabpanel', { name: 'Tasks to complete' });
    const row = toComplete.getByRole('row').filter({ hasText: 'LCS-123456' });
    await row.getByText('18-Dec-2026').waitFor();
    await row.getByText('Not started').waitFor();
    await screenshot(page, 'dashboard-tasks-to-complete');

    // --- Open the delegated multi-page form.
    await row.getByRole('link', { name: TITLE }).click();
    await expectHeading(page, TITLE);
    await formSection(page, 'About the child or young person');
    await page.getByText('Please include the latest attendance figures.').waitFor();
    const sections = sideNav(page);
    expect(await sections.getByRole('button').allInnerTexts()).toEqual([
      'About the child or young person',
      'Attendance',
      'Needs and support',
      'Attach supporting documents',
    ]);

    // Read-only prefill: visible, grey, not editable.
    const childName = page.getByLabel("Child or young person's name");
    expect(await childName.inputValue()).toBe('Alex Smith');
    expect(await childName.getAttribute('readonly')).not.toBeNull();
    expect(await childName.evaluate((el) => (globalThis as any).getComputedStyle(el).backgroundColor)).toBe('rgb(243, 242, 241)');
    expect(await page.getByLabel('Case worker', { exact: true }).inputValue()).toBe('Jo Bloggs');
    expect(await page.getByLabel('Date of birth').inputValue()).toBe('02-Mar-2015');

    // Page 1: text, date, select. Next validates the page first.
    await page.getByRole('button', { name: 'Next' }).click();
    await summary.getByRole('link', { name: 'Enter the name of educational setting' }).waitFor();
    await sections.getByRole('button', { name: /About the child or young person\s*Needs answers/ }).waitFor();
    await page.getByLabel('Name of educational setting').fill('Example Primary School');
    await page.getByLabel('Date started at this setting').fill('2021-09-01');
    await page.getByLabel('Current key stage').selectOption({ label: 'Key stage 2' });
    await page.getByRole('button', { name: 'Next' }).click();

    // Page 2: radio with a showIf branch, a table with + and − rows.
    await formSection(page, 'Attendance');
    const reasons = page.getByLabel('What are the main reasons for absence?');
    expect(await reasons.count()).toBe(0);
    await page.getByRole('radio', { name: 'Persistent absence (below 90%)' }).check();
    await reasons.fill('Anxiety about the journey to school.');
    await page.getByRole('radio', { name: 'Good (95% or more)' }).check();
    await reasons.waitFor({ state: 'detached' });
    await page.getByRole('radio', { name: 'Persistent absence (below 90%)' }).check();
    expect(await reasons.inputValue()).toBe('Anxiety about the journey to school.'); // hidden answers stay in the draft

    await page.getByText('No rows added yet.').waitFor();
    const addExclusion = page.getByRole('button', { name: 'Add row to Exclusions this academic year' });
    await addExclusion.click();
    expect((await focused(page)).id).toBe('q-exclusions-r0-date'); // focus goes to the new row
    await page.getByLabel('Date, row 1 (required)', { exact: true }).fill('2026-10-05');
    await page.getByLabel('Number of days, row 1 (required)', { exact: true }).fill('2');
    await page.getByLabel('Type, row 1', { exact: true }).selectOption({ label: 'Suspension' });
    await addExclusion.click();
    await page.getByLabel('Date, row 2 (required)', { exact: true }).fill('2026-11-02');
    await page.getByLabel('Number of days, row 2 (required)', { exact: true }).fill('1');
    await page.getByRole('button', { name: 'Remove row 2' }).click();
    await page.getByLabel('Date, row 2 (required)', { exact: true }).waitFor({ state: 'detached' });
    expect(await page.getByLabel('Date, row 1 (required)', { exact: true }).inputValue()).toBe('2026-10-05');
    await screenshot(page, 'form-multi-page-attendance');
    await page.getByRole('button', { name: 'Next' }).click();

    // Page 3: checkboxes, a required table (starts with its one row), + a row; "strengths" left empty.
    await formSection(page, 'Needs and support');
    await page.getByRole('checkbox', { name: 'Cognition and learning' }).check();
    await page.getByRole('checkbox', { name: 'Social, emotional and mental health' }).check();
    await page.getByLabel('Provision, row 1 (required)', { exact: true }).fill('Small-group literacy');
    await page.getByLabel('Hours per week, row 1', { exact: true }).fill('3');
    await page.getByLabel('Start date, row 1', { exact: true }).fill('2025-09-08');
    await page.getByRole('group', { name: 'Impact, row 1' }).getByRole('radio', { name: 'High' }).check();
    await page.getByRole('button', { name: 'Add row to Support currently in place' }).click();
    await page.getByLabel('Provision, row 2 (required)', { exact: true }).fill('Speech and language therapy');
    await page.getByRole('group', { name: 'Impact, row 2' }).getByRole('radio', { name: 'Some' }).check();
    await page.getByLabel('What outcomes would you hope to see in the next year?').fill('Reading at age-related expectations.');

    // --- Save and Close, reopen: every answer is still there.
    await page.getByRole('button', { name: 'Save and Close' }).click();
    await expectHeading(page, 'Your tasks');
    await page.getByText('Your answers have been saved').waitFor();
    await row.getByText('In progress').waitFor();
    await row.getByRole('link', { name: TITLE }).click();
    await formSection(page, 'About the child or young person');
    expect(await page.getByLabel('Name of educational setting').inputValue()).toBe('Example Primary School');
    expect(await page.getByLabel('Date started at this setting').inputValue()).toBe('2021-09-01');
    expect(await page.getByLabel('Current key stage').inputValue()).toBe('ks2');
    await sections.getByRole('button', { name: 'Attendance' }).click();
    await formSection(page, 'Attendance');
    expect(await page.getByRole('radio', { name: 'Persistent absence (below 90%)' }).isChecked()).toBe(true);
    expect(await reasons.inputValue()).toBe('Anxiety about the journey to school.');
    expect(await page.getByLabel(/^Date, row \d/).count()).toBe(1);
    expect(await page.getByLabel('Number of days, row 1 (required)', { exact: true }).inputValue()).toBe('2');
    expect(await page.getByLabel('Type, row 1', { exact: true }).inputValue()).toBe('suspension');
    await sections.getByRole('button', { name: 'Needs and support' }).click();
    await formSection(page, 'Needs and support');
    expect(await page.getByRole('checkbox', { name: 'Cognition and learning' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Communication and interaction' }).isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: 'Social, emotional and mental health' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Provision, row 2 (required)', { exact: true }).inputValue()).toBe(
      'Speech and language therapy',
    );
    expect(await page.getByLabel('Start date, row 1', { exact: true }).inputValue()).toBe('2025-09-08');
    expect(await page.getByRole('group', { name: 'Impact, row 1' }).getByRole('radio', { name: 'High' }).isChecked()).toBe(true);
    expect(await page.getByRole('group', { name: 'Impact, row 2' }).getByRole('radio', { name: 'Some' }).isChecked()).toBe(true);
    await screenshot(page, 'form-multi-page-needs');

    // --- Attach a PDF and remove it; attach another that stays.
    await sections.getByRole('button', { name: 'Attach supporting documents' }).click();
    await page.getByText('DOC, DOCX, PDF, JPG or PNG, up to 10MB each').waitFor();
    await attach(page, 'wrong-child.pdf');
    await page.getByRole('button', { name: 'Remove wrong-child.pdf' }).click();
    await page.getByText('wrong-child.pdf has been removed.', { exact: true }).first().waitFor();
    await page.getByRole('link', { name: 'wrong-child.pdf' }).waitFor({ state: 'detached' });
    await page.getByText('You have not attached any documents.').waitFor();
    await attach(page, 'attendance-report.pdf');
    await sections.getByRole('button', { name: /Attach supporting documents\s*\(1\)/ }).waitFor();
    await screenshot(page, 'form-attachments');

    // --- Submit with a mandatory answer missing: the summary links to it and the link focuses it.
    await page.getByRole('button', { name: 'Submit Contribution' }).click();
    const missing = summary.getByRole('link', { name: "Enter the child's strengths (Needs and support)" });
    await missing.waitFor();
    await formSection(page, 'Needs and support');
    expect(await page.locator('.govuk-error-summary').evaluate((el) => el === (globalThis as any).document.activeElement)).toBe(
      true,
    );
    await screenshot(page, 'form-error-summary');
    await missing.click();
    expect((await focused(page)).id).toBe('q-strengths');
    const strengths = page.getByLabel("What are the child's strengths?");
    expect(await strengths.getAttribute('aria-invalid')).toBe('true');
    await page.keyboard.type('Kind to others; loves drawing and maths puzzles.');

    // --- Submit Contribution → Yes.
    await page.getByRole('button', { name: 'Submit Contribution' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Submit your contribution?' });
    await confirm.waitFor();
    await screenshot(page, 'form-submit-confirmation');
    await confirm.getByRole('button', { name: 'Yes, submit contribution' }).click();
    await expectHeading(page, 'Contribution submitted');
    await page.getByText('Reference LCS-123456').waitFor();
    await screenshot(page, 'submitted-confirmation');

    // The case system received what was on the screen (hidden and read-only answers left out).
    const delivered = await eventually(
      async () => t.stub.contributions().find((c) => c.body.taskExternalRef === task.externalRef),
      (c) => !!c,
      'the delivery to the case system',
    );
    expect(delivered!.body.answers).toMatchObject({
      setting: 'Example Primary School',
      startedAtSetting: '2021-09-01',
      keyStage: 'ks2',
      attendanceLevel: 'poor',
      absenceReasons: 'Anxiety about the journey to school.',
      exclusions: [{ date: '2026-10-05', days: '2', kind: 'suspension' }],
      areasOfNeed: ['cognition', 'semh'],
      strengths: 'Kind to others; loves drawing and maths puzzles.',
      support: [
        { provision: 'Small-group literacy', hoursPerWeek: '3', startDate: '2025-09-08', impact: 'high' },
        { provision: 'Speech and language therapy', impact: 'some' },
      ],
    });
    expect(delivered!.body.attachments.map((a: { filename: string }) => a.filename)).toEqual(['attendance-report.pdf']);

    // --- Recently submitted tasks: download the PDF.
    await page.getByRole('link', { name: 'Recently submitted tasks' }).click();
    const submitted = page
      .getByRole('tabpanel', { name: 'Recently submitted tasks' })
      .getByRole('row')
      .filter({ hasText: 'LCS-123456' });
    await submitted.waitFor();
    await page.getByRole('tabpanel', { name: 'Tasks to complete' }).waitFor({ state: 'detached' });
    await screenshot(page, 'dashboard-recently-submitted');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      submitted.getByRole('link', { name: new RegExp(`^${TITLE}.*\\(PDF\\)$`) }).click(),
    ]);
    const file = readFileSync((await download.path())!);
    expect(file.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/\.pdf$/i);

    // The task left Tasks to complete.
    await page.getByRole('tab', { name: 'Tasks to complete' }).click();
    await page.getByText('You have no forms to complete.').waitFor();

    // And the server agrees: submitted, one attachment.
    const api = await login(t, email);
    const detail = (await api.get(`/tasks/${task.id}`).expect(200)).body;
    expect(detail.status).toBe('submitted');
    expect(detail.attachments.map((a: { filename: string }) => a.filename)).toEqual(['attendance-report.pdf']);
    await context.close();
  });
});

async function attach(page: Page, filename: string): Promise<void> {
  await page.getByLabel('Upload a file').setInputFiles({ name: filename, mimeType: 'application/pdf', buffer: pdf() });
  await page.getByRole('button', { name: 'Attach file' }).click();
  await page.getByText(`${filename} has been attached.`, { exact: true }).first().waitFor();
  await page.getByRole('link', { name: filename }).waitFor();
}
