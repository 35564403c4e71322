import { Browser, Page } from 'playwright-core';
import type { ReceivedMail } from '../support/smtp-sink';
import { integration, PASSWORD, registerAndLogin, PortalClient } from '../support/portal-client';
import { delegate, delegationBody } from '../support/task-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import {
  describeWithBrowser,
  ensureWebBuilt,
  eventually,
  expectAccessible,
  expectHeading,
  launchBrowser,
  newContext,
} from './support/browser';

/**
 * Issue 23 in Chromium: the "English / Cymraeg" switch on every page, the page's language, the
 * footer's accessibility statement and privacy notice in both languages, and the choice saved on
 * the account at sign-in and after (so emails and PDFs follow it).
 */
describeWithBrowser('Web client: Welsh and the pages a council must publish', () => {
  let t: TestApp;
  let browser: Browser;
  let pro: PortalClient;
  const language = async (): Promise<string> => (await pro.get('/me').expect(200)).body.preferredLanguage;

  beforeAll(async () => {
    await ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp({ env: { COUNCIL_NAME: 'Cyngor Gwynedd' } }), launchBrowser()]);
    pro = await registerAndLogin(t, 'athro@ysgol.example');
  });
  /** The sign-in pages in Welsh: email and password, then the code from the email (its subject given). */
  async function signInInWelsh(page: Page, codeSubject: string): Promise<ReceivedMail> {
    await expectHeading(page, 'Mewngofnodi i’r Porth Gweithwyr Proffesiynol');
    await page.getByLabel('Cyfeiriad e-bost').fill(pro.email);
    await page.getByLabel('Cyfrinair', { exact: true }).fill(PASSWORD);
    const since = t.mail.mark();
    await page.getByRole('button', { name: 'Parhau' }).click();
    await expectHeading(page, 'Rhowch y cod a anfonwyd gennym');
    const mail = await t.mail.waitForMail(pro.email, codeSubject, since);
    await page.getByLabel('Cod', { exact: true }).fill(await t.mail.codeFor(pro.email, since));
    await page.getByRole('button', { name: 'Mewngofnodi' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    return mail;
  }

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('switches to Welsh before signing in, shows the statement in Welsh, and keeps the choice on the account', async () => {
    const context = await newContext(browser, t);
    const page = await context.newPage();
    await page.goto('/login');
    const footer = page.locator('footer');
    await footer.getByRole('link', { name: 'Accessibility statement' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en-GB');

    await page.getByRole('button', { name: 'Cymraeg' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    await footer.getByRole('link', { name: 'Datganiad hygyrchedd' }).click();
    await expectHeading(page, 'Datganiad hygyrchedd ar gyfer y Porth Gweithwyr Proffesiynol');
    await page.getByText('a redir gan Cyngor Gwynedd').waitFor();
    await expectAccessible(page, 'accessibility statement (Welsh)');

    await footer.getByRole('link', { name: 'Hysbysiad preifatrwydd' }).click();
    await expectHeading(page, /Hysbysiad preifatrwydd/);
    // Back to English on the same page: the page follows.
    await page.getByRole('button', { name: 'English' }).click();
    await expectHeading(page, 'Privacy notice for professionals using the Professional Portal');
    await page.getByRole('button', { name: 'Cymraeg' }).click();
    await expectHeading(page, /Hysbysiad preifatrwydd/);

    // Signing in (in Welsh) saves the choice made on the way in on the account.
    await page.goto('/login');
    await signInInWelsh(page, 'Your Professional Portal verification code');
    await page.getByRole('link', { name: 'Eich tasgau' }).waitFor();
    await eventually(language, (value) => value === 'cy', "the account's language to be cy");

    // Switching while signed in saves at once; a new browser then starts in the account's language.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Your tasks' }).waitFor();
    await eventually(language, (value) => value === 'en', "the account's language to be en");
    await page.getByRole('button', { name: 'Cymraeg' }).click();
    await eventually(language, (value) => value === 'cy', "the account's language to be cy again");
    await context.close();

    // A new browser starts in English; the sign-in pages in Welsh; the code comes in Welsh (the
    // account's language); once signed in the pages follow the account.
    const fresh = await newContext(browser, t);
    const again = await fresh.newPage();
    await again.goto('/login');
    await again.getByRole('button', { name: 'Cymraeg' }).click();
    const mail = await signInInWelsh(again, 'Eich cod dilysu ar gyfer y Porth Gweithwyr Proffesiynol');
    expect(mail.text).toContain('Mae’r cod yn ddilys am 10 munud');
    await again.getByRole('link', { name: 'Eich tasgau' }).waitFor();
    expect(await again.getAttribute('html', 'lang')).toBe('cy');
    await expectHeading(again, 'Eich tasgau');
    await again.getByRole('heading', { level: 2, name: 'Tasgau i’w cwblhau' }).waitFor();
    await expectAccessible(again, 'signed in, Welsh');
    await fresh.close();
  });

  /** A short form with Welsh beside every English text (as a council in Wales would publish it). */
  const bilingualForm = {
    key: 'welsh-journey',
    version: 1,
    title: 'Short health update',
    cy: { title: 'Diweddariad iechyd byr' },
    allowAttachments: true,
    pages: [
      {
        id: 'update',
        title: 'Your update',
        cy: { title: 'Eich diweddariad' },
        questions: [
          {
            id: 'seenRecently',
            type: 'radio',
            label: 'Have you seen the child in the last month?',
            cy: { label: 'Ydych chi wedi gweld y plentyn yn ystod y mis diwethaf?' },
            required: true,
            options: [
              { value: 'yes', label: 'Yes', cy: { label: 'Ydw' } },
              { value: 'no', label: 'No', cy: { label: 'Nac ydw' } },
            ],
          },
          {
            id: 'summary',
            type: 'text',
            label: 'Summary',
            hint: 'What has changed since the last review',
            cy: { label: 'Crynodeb', hint: 'Beth sydd wedi newid ers yr adolygiad diwethaf' },
            required: true,
            maxLength: 2000,
          },
        ],
      },
    ],
  };

  it('does the whole journey in Welsh: delegation email, sign-in, open, fill, save, submit, receipt', async () => {
    const form = bilingualForm;
    const published = await integration(t).put(`/integration/form-definitions/${form.key}/versions/${form.version}`, form);
    expect([200, 201]).toContain(published.status);
    await pro.patch('/me', { preferredLanguage: 'cy' }).expect(200);

    // The council delegates: the email is in Welsh (the account's language).
    const since = t.mail.mark();
    await delegate(
      t,
      delegationBody(pro.email, { form: { key: form.key, version: 1 }, prefill: {}, message: 'Diolch yn fawr.' }),
    );
    const delegated = await t.mail.waitForMail(pro.email, 'Mae ffurflen newydd wedi’i dirprwyo i chi', since);
    expect(delegated.text).toContain('Llenwch a chyflwynwch y ffurflen hon erbyn 18-Rhag-2026');

    // Sign in in Welsh (the code in Welsh), then the dashboard and the form, all in Welsh.
    const context = await newContext(browser, t);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('button', { name: 'Cymraeg' }).click();
    await signInInWelsh(page, 'Eich cod dilysu ar gyfer y Porth Gweithwyr Proffesiynol');
    await expectHeading(page, 'Eich tasgau');
    await page.getByLabel('Enw’r plentyn neu gyfeirnod yr achos').waitFor();
    await page.getByRole('button', { name: 'Hidlo' }).waitFor();
    await page.getByRole('link', { name: /Short health update|Diweddariad iechyd byr/ }).click();
    await expectHeading(page, 'Diweddariad iechyd byr');
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    await page.getByText('18-Rhag-2026').first().waitFor();
    await page.getByText('Neges gan y gweithiwr achos').waitFor();

    // Submitting before answering: the validator's messages in Welsh, with the form's Welsh labels.
    await page.getByRole('button', { name: 'Cyflwyno Cyfraniad' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.getByRole('heading', { name: 'Mae problem wedi codi' }).waitFor();
    await summary
      .getByRole('link', { name: 'Dewiswch ateb i “Ydych chi wedi gweld y plentyn yn ystod y mis diwethaf?”' })
      .waitFor();
    await summary.getByRole('link', { name: 'Rhowch ateb i “Crynodeb”' }).waitFor();
    expect(await summary.innerText()).not.toMatch(/Select|Enter/);

    // A dialog in Welsh: returning the form to the council, refused without a reason, then cancelled.
    await page.getByRole('button', { name: /Dychwelyd i’r cyngor/ }).click();
    const decline = page.getByRole('dialog', { name: 'Dychwelyd y ffurflen hon i’r cyngor' });
    await decline.getByText('Pam rydych yn dychwelyd y ffurflen hon?').waitFor();
    await decline.getByLabel('Nid yw’r plentyn neu’r person ifanc yn hysbys i’r gwasanaeth hwn').waitFor();
    await decline.getByRole('button', { name: 'Dychwelyd i’r cyngor' }).click();
    await decline.getByText('Dewiswch pam rydych yn dychwelyd y ffurflen hon').waitFor();
    await expectAccessible(page, 'return-to-council dialog (Welsh)');
    await decline.getByRole('button', { name: 'Canslo' }).click();
    await decline.waitFor({ state: 'detached' });

    // Questions to the case worker, in Welsh: an empty question is refused in Welsh.
    await page.getByRole('heading', { name: 'Cwestiynau ac atebion' }).waitFor();
    await page.getByRole('button', { name: 'Anfon cwestiwn' }).click();
    await page.locator('.govuk-error-message').getByText('Rhowch eich cwestiwn').waitFor();

    // Fill in and save: the buttons and the save status speak Welsh.
    await page
      .getByRole('group', { name: /Ydych chi wedi gweld y plentyn/ })
      .getByLabel('Ydw', { exact: true })
      .check();
    await page.getByLabel(/Crynodeb/).fill('Mae Gwŷn yn iach ac yn hapus.');
    // Attach a file: the section, its controls and the spoken status in Welsh.
    await page.getByRole('heading', { name: 'Atodi dogfennau ategol' }).waitFor();
    await page
      .getByLabel('Uwchlwytho ffeil')
      .setInputFiles({ name: 'nodiadau.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await page.getByRole('button', { name: 'Atodi ffeil' }).click();
    await page.getByText('Mae nodiadau.pdf wedi’i hatodi.').first().waitFor({ state: 'attached' });
    await page.getByRole('button', { name: /Tynnu nodiadau\.pdf/ }).waitFor();
    await page.getByRole('button', { name: 'Cadw', exact: true }).click();
    await page.getByText(/Wedi’i gadw am \d\d:\d\d/).waitFor();
    await page.getByRole('button', { name: 'Cadw a Chau' }).waitFor();
    await expectAccessible(page, 'task page (Welsh)');
    const main = await page.locator('main').innerText();
    for (const english of [
      'Submit Contribution',
      'Save and Close',
      'Back to your tasks',
      'Due date',
      'Download PDF',
      'must be answered',
      'Questions and replies',
      'characters remaining',
      'There is a problem',
    ]) {
      expect([english, main.includes(english)]).toEqual([english, false]);
    }

    // Submit, confirm in the Welsh dialog, and read the result page.
    await page.getByRole('button', { name: 'Cyflwyno Cyfraniad' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Cyflwyno eich cyfraniad?' });
    await dialog.getByText('Rydych ar fin anfon').waitFor();
    const receiptSince = t.mail.mark();
    await dialog.getByRole('button', { name: 'Ydw, cyflwyno’r cyfraniad' }).click();
    await expectHeading(page, 'Cyfraniad wedi’i gyflwyno');
    await page.getByRole('heading', { name: 'Beth sy’n digwydd nesaf' }).waitFor();
    await page
      .getByText(/Gallwch lawrlwytho copi tan \d\d-(Ion|Chwef|Maw|Ebr|Mai|Meh|Gorff|Awst|Medi|Hyd|Tach|Rhag)-\d{4}/)
      .waitFor();
    await expectAccessible(page, 'contribution submitted (Welsh)');

    // The receipt, in Welsh, names the form in Welsh.
    const receipt = await t.mail.waitForMail(pro.email, 'Mae eich cyfraniad wedi’i gyflwyno', receiptSince);
    expect(receipt.text).toContain('Ffurflen: Diweddariad iechyd byr');
    expect(receipt.text).toContain('nodiadau\u2024pdf');
    expect(receipt.text).toContain('Neges awtomatig yw hon');

    // The submitted form on the dashboard's "Recently submitted" tab, in Welsh.
    await page.getByRole('link', { name: 'Tasgau a gyflwynwyd yn ddiweddar' }).first().click();
    await page.getByRole('columnheader', { name: 'Ar gael tan' }).waitFor();
    await page.getByText('Dewiswch ffurflen i lawrlwytho copi (PDF).').waitFor();

    // My details, in Welsh.
    await page
      .getByRole('button', { name: /Dewislen cyfrif/ })
      .click()
      .catch(() => undefined);
    await page.getByRole('link', { name: 'Fy manylion' }).first().click();
    await expectHeading(page, 'Fy manylion');
    await page.getByText('Cyfeiriad e-bost', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Newid eich manylion' }).click();
    await page.getByLabel('Enw cyntaf').waitFor();
    await context.close();
  });

  it('registers and gets help in Welsh: the steps, labels, validation messages and the help page', async () => {
    const context = await newContext(browser, t);
    const page = await context.newPage();
    await page.goto('/register');
    await page.getByRole('button', { name: 'Cymraeg' }).click();
    await expectHeading(page, 'Eich manylion');
    await page.getByText('Cofrestru am gyfrif newydd – cam 1 o 3').waitFor();
    await page.getByRole('button', { name: 'Parhau' }).click();
    await page.getByRole('link', { name: 'Rhowch eich enw cyntaf' }).waitFor();
    await page.getByLabel('Enw cyntaf').fill('Siân');
    await page.getByLabel('Cyfenw').fill('Llŷr');
    await page.getByLabel('Sefydliad').fill('Ysgol y Cwm');
    await page.getByLabel('Llinell gyntaf y cyfeiriad').fill('1 Stryd Fawr');
    await page.getByLabel('Tref neu ddinas').fill('Caernarfon');
    await page.getByLabel('Cod post').fill('LL55 1AA');
    await page.getByLabel(/Rwy’n cadarnhau/).check();
    await page.getByRole('button', { name: 'Parhau' }).click();
    await expectHeading(page, 'Eich cyfeiriad e-bost a’ch cyfrinair');
    await page.getByLabel('Creu cyfrinair').fill('byr');
    await page.getByRole('button', { name: 'Parhau' }).click();
    await page.getByRole('link', { name: 'Rhowch eich cyfeiriad e-bost gwaith' }).waitFor();
    await expectAccessible(page, 'registration (Welsh)');

    // Registering in Welsh: the code email is in Welsh (the language chosen in the browser).
    const since = t.mail.mark();
    await page.getByLabel('Cyfeiriad e-bost gwaith').fill('sian@ysgol-y-cwm.example');
    await page.getByLabel('Creu cyfrinair').fill(PASSWORD);
    await page.getByLabel('Cadarnhau eich cyfrinair').fill(PASSWORD);
    await page.getByRole('button', { name: 'Parhau' }).click();
    await expectHeading(page, 'Rhowch y cod a anfonwyd gennym');
    const code = await t.mail.waitForMail(
      'sian@ysgol-y-cwm.example',
      'Eich cod dilysu ar gyfer y Porth Gweithwyr Proffesiynol',
      since,
    );
    expect(code.text).toContain('Mae’r cod yn ddilys am 10 munud');

    // Forgotten password, in Welsh.
    await page.goto('/forgotten-password');
    await expectHeading(page, 'Wedi anghofio’ch cyfrinair');
    await page.getByRole('button', { name: 'Parhau' }).click();
    await page.getByRole('link', { name: 'Rhowch eich cyfeiriad e-bost' }).waitFor();

    // Get help, in Welsh.
    await page.goto('/help');
    await expectHeading(page, 'Cael help');
    await page.getByRole('heading', { name: 'Problem dechnegol' }).waitFor();
    await page.locator('main').getByText('desg gymorth Cyngor Gwynedd').waitFor();
    await context.close();
  });
});
