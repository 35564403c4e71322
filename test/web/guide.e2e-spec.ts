import { readFileSync } from 'node:fs';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { pdf } from '../support/sample-files';
import { registerAdminHere } from '../support/sql';
import { delegate, delegationBody, publishSampleForms, upload } from '../support/task-fixtures';
import { integration, PortalClient, registerAndLogin } from '../support/portal-client';
import { startTestApp, TestApp } from '../support/test-app';
import {
  describeWithBrowser,
  ensureWebBuilt,
  eventually,
  expectAccessible,
  expectHeading,
  focused,
  launchBrowser,
  newContext,
  screenshot,
  signIn,
} from './support/browser';
import { formSection, sideNav } from './support/form';
import { focusStop } from './support/keyboard';

const TITLE = 'Education advice for an EHC needs assessment';
const SUPPORT = { email: 'lcs.helpdesk@council.example', phone: '0117 922 2000', hours: 'Monday to Friday, 9am to 5pm "except" <bank holidays> & weekends' };

/** A complete, valid set of answers to the education form (for tasks submitted through the API). */
const COMPLETE_ANSWERS = {
  setting: 'Example Primary School',
  startedAtSetting: '2021-09-01',
  keyStage: 'ks2',
  attendanceLevel: 'good',
  areasOfNeed: ['cognition'],
  strengths: 'Kind to others.',
  support: [{ provision: 'Small-group literacy' }],
};

/** HH:MM as the browser (Europe/London) shows an instant. */
function londonTime(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' });
}

/**
 * The council's user guide, followed in Chromium: Save that stays on the form, the helpdesk on every
 * page, Recently Submitted downloads, tables that fit, a safe Submit, the resend countdown, the
 * helpdesk's search, and GOV.UK focus on every control.
 */
describeWithBrowser('Web client: what the user guide promises', () => {
  let t: TestApp;
  let browser: Browser;
  let pro: PortalClient;
  const PRO = 'robin.gray@school.example';

  beforeAll(async () => {
    await ensureWebBuilt();
    [t, browser] = await Promise.all([
      startTestApp({ env: { SUPPORT_EMAIL: SUPPORT.email, SUPPORT_PHONE: SUPPORT.phone, SUPPORT_HOURS: SUPPORT.hours } }),
      launchBrowser(),
    ]);
    await publishSampleForms(t);
    pro = await registerAndLogin(t, PRO, { firstName: 'Robin', lastName: 'Gray' });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedIn(options: { width?: number; clock?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newContext(browser, t, { width: options.width });
    const page = await context.newPage();
    if (options.clock) await page.clock.install();
    await signIn(page, t, PRO);
    return { context, page };
  }

  async function openTask(page: Page, taskId: string): Promise<void> {
    await page.goto(`/tasks/${taskId}`);
    await expectHeading(page, TITLE);
    await formSection(page, 'About the child or young person');
  }

  const saveStatus = (page: Page) => page.locator('#save-status');
  const draft = async (taskId: string) => (await pro.get(`/tasks/${taskId}`).expect(200)).body;

  describe('1. Save', () => {
    it('Save saves and stays on the form, and says "Saved at HH:MM" in a live region', async () => {
      const task = await delegate(t, delegationBody(PRO));
      const { context, page } = await signedIn();
      await openTask(page, task.id);
      await page.getByLabel('Name of educational setting').fill('Example Primary School');
      expect(await saveStatus(page).innerText()).toBe('You have changes that are not saved.');
      const save = page.getByRole('button', { name: 'Save', exact: true });
      // Beside Save and Close at the bottom of the form, as the guide says.
      const group = page.locator('.app-form-actions .govuk-button-group').first();
      expect(await group.getByRole('button').allInnerTexts()).toEqual(['Submit Contribution', 'Save', 'Save and Close']);
      await save.click();
      await eventually(() => saveStatus(page).innerText(), (text) => text.startsWith('Saved at'), 'the save');
      const saved = await draft(task.id);
      expect(saved.answers.setting).toBe('Example Primary School');
      expect(saved.status).toBe('in_progress');
      expect(await saveStatus(page).innerText()).toBe(`Saved at ${londonTime(saved.updatedAt)}`);
      expect(await saveStatus(page).getAttribute('role')).toBe('status');
      expect(await saveStatus(page).getAttribute('aria-live')).toBe('polite');
      // Still on the form, focus still on Save (a keyboard user can carry on).
      expect(new URL(page.url()).pathname).toBe(`/tasks/${task.id}`);
      expect((await focused(page)).text).toBe('Save');
      await screenshot(page, 'guide-save-saved');
      await expectAccessible(page, 'the form after Save');
      // Save with nothing changed still saves (and says so).
      await page.keyboard.press('Enter');
      await eventually(async () => (await draft(task.id)).version, (v) => v === saved.version + 1, 'a second save');
      await context.close();
    });

    it('moving between pages saves the draft, and so do two minutes of unsaved changes', async () => {
      const task = await delegate(t, delegationBody(PRO));
      const { context, page } = await signedIn({ clock: true });
      await openTask(page, task.id);
      await page.getByLabel('Name of educational setting').fill('Moved School');
      await sideNav(page).getByRole('button', { name: 'Attendance' }).click();
      await formSection(page, 'Attendance');
      expect((await draft(task.id)).answers.setting).toBe('Moved School');

      // Two minutes after the first unsaved change, not before.
      await page.getByRole('radio', { name: 'Good (95% or more)' }).check();
      await page.clock.fastForward(60_000);
      await page.getByRole('radio', { name: /^Some concern/ }).check(); // more typing does not put it off
      await page.clock.fastForward(55_000);
      expect((await draft(task.id)).answers.attendanceLevel).toBeUndefined();
      await page.clock.fastForward(6_000);
      await eventually(async () => (await draft(task.id)).answers.attendanceLevel, (v) => v === 'concern', 'the autosave');
      await eventually(() => saveStatus(page).innerText(), (text) => /^Saved at \d\d:\d\d$/.test(text), 'the saved time');
      await context.close();
    });

    it('a save from another tab is explained, never overwritten', async () => {
      const task = await delegate(t, delegationBody(PRO));
      const { context, page: first } = await signedIn();
      await openTask(first, task.id);
      const second = await context.newPage();
      await openTask(second, task.id);

      await first.getByLabel('Name of educational setting').fill('Typed in the first tab');
      await first.getByRole('button', { name: 'Save', exact: true }).click();
      await eventually(() => saveStatus(first).innerText(), (text) => text.startsWith('Saved at'), 'the first save');

      await second.bringToFront();
      await second.getByLabel('Name of educational setting').fill('Typed in the second tab');
      await second.getByRole('button', { name: 'Save', exact: true }).click();
      const banner = second.locator('.govuk-error-summary', { hasText: 'This form has been changed somewhere else' });
      await banner.waitFor();
      expect(await banner.innerText()).toContain('perhaps you in another browser tab');
      expect((await draft(task.id)).answers.setting).toBe('Typed in the first tab');
      // Nothing more can be saved over it from this tab until it is reloaded.
      expect(await second.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);
      await screenshot(second, 'guide-save-conflict');
      await expectAccessible(second, 'the save conflict');
      await second.getByRole('button', { name: 'Reload the form' }).click();
      await eventually(() => second.getByLabel('Name of educational setting').inputValue(), (v) => v === 'Typed in the first tab', 'the reloaded answers');
      await context.close();
    });
  });

  describe('2. Support', () => {
    it("every page's footer names the helpdesk (sign in and registration too), and Get help mirrors the guide", async () => {
      const context = await newContext(browser, t);
      const page = await context.newPage();
      for (const [path, heading] of [
        ['/login', 'Sign in to the Professional Portal'],
        ['/register', 'Your details'],
        ['/forgotten-password', /password/i],
      ] as const) {
        await page.goto(path);
        await expectHeading(page, heading);
        const footer = page.getByRole('contentinfo');
        expect(await footer.getByRole('link', { name: SUPPORT.email }).getAttribute('href')).toBe(`mailto:${SUPPORT.email}`);
        expect(await footer.getByRole('link', { name: SUPPORT.phone }).getAttribute('href')).toBe('tel:01179222000');
        await footer.getByText(SUPPORT.hours).waitFor();
      }
      await page.goto('/login');
      await expectAccessible(page, 'sign in with the helpdesk footer');
      await page.getByRole('contentinfo').getByRole('link', { name: 'What to include when you contact the helpdesk' }).click();
      await expectHeading(page, 'Get help');
      const main = page.getByRole('main');
      await main.getByText('contact the case worker for the form').waitFor();
      for (const item of ['your name', 'your phone number and email address', 'the name of your organisation or establishment', 'screenshots, if you can', 'your work email address has changed']) {
        await main.getByRole('listitem').filter({ hasText: item }).first().waitFor();
      }
      expect(await main.getByRole('link', { name: SUPPORT.email }).first().getAttribute('href')).toBe(`mailto:${SUPPORT.email}`);
      await screenshot(page, 'guide-get-help');
      await expectAccessible(page, 'Get help');

      // Signed in, the footer is the same.
      await signIn(page, t, PRO);
      await expectHeading(page, 'Your tasks');
      await page.getByRole('contentinfo').getByRole('link', { name: SUPPORT.email }).waitFor();
      await page.goto('/help');
      await expectHeading(page, 'Get help');
      await context.close();
    });
  });

  describe('3. Recently Submitted', () => {
    it('the form name downloads the submitted PDF; the read-only page lists the files sent and offers the PDF', async () => {
      const task = await delegate(t, delegationBody(PRO, { subject: { reference: 'LCS-777001', displayName: 'Jamie Submitted' } }));
      const { version } = (await pro.put(`/tasks/${task.id}/answers`, { version: task.version, answers: COMPLETE_ANSWERS }).expect(200)).body;
      await upload(pro.agent, pro.csrf, task.id, pdf(), 'school-report.pdf').expect(201);
      await pro.post(`/tasks/${task.id}/submit`, { version }).expect(202);

      const { context, page } = await signedIn();
      await page.goto('/?view=recently-submitted');
      const row = page.getByRole('tabpanel', { name: 'Recently submitted tasks' }).getByRole('row').filter({ hasText: 'LCS-777001' });
      const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: new RegExp(`^${TITLE}`) }).click()]);
      expect(readFileSync((await download.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await expectAccessible(page, 'Recently submitted with a form-name link');

      await row.getByRole('link', { name: /^View answers and files/ }).click();
      await expectHeading(page, TITLE);
      await page.getByText('It can no longer be changed.').waitFor();
      const files = page.getByRole('region', { name: 'Supporting documents' });
      const file = files.getByRole('link', { name: 'school-report.pdf' });
      expect(await file.getAttribute('href')).toMatch(new RegExp(`/api/v1/tasks/${task.id}/attachments/[0-9a-f-]{36}$`));
      expect(await files.locator('dd').innerText()).toMatch(/^(\d+ bytes|\d+KB)$/);
      const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF of your contribution' }).click()]);
      expect(readFileSync((await pdfDownload.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await screenshot(page, 'guide-submitted-view-files');
      await expectAccessible(page, 'the submitted form with its files');
      await context.close();
    });
  });

  describe('4. Tables that fit', () => {
    /**
     * Nothing of the table is cut off: every header and cell shows all of its content, every control
     * lies inside its cell, and the table either fits its column or scrolls inside a labelled,
     * focusable region with a visible cue.
     */
    async function measureTable(
      page: Page,
      width: number,
      label = 'Support currently in place',
    ): Promise<{ mode: string; clipped: string[]; overflow: boolean; cue: boolean }> {
      return page.evaluate(([viewport, name]) => {
        const d = (globalThis as any).document;
        const w = globalThis as any;
        const region = d.querySelector(`[role="region"][aria-label="${name} (table)"]`);
        const table = region.querySelector('table');
        const clipped: string[] = [];
        const stacked = w.getComputedStyle(table).display === 'block';
        const regionBox = region.getBoundingClientRect();
        const overflow = region.scrollWidth > region.clientWidth + 1;
        const visibleCells = [...table.querySelectorAll('th, td')].filter((c: any) => c.getClientRects().length > 0);
        for (const cell of visibleCells as any[]) {
          const name = `${cell.tagName} "${cell.innerText.replace(/\s+/g, ' ').trim().slice(0, 30)}"`;
          if (cell.scrollWidth > cell.clientWidth + 1) clipped.push(`${name}: content ${cell.scrollWidth}px in ${cell.clientWidth}px`);
          const box = cell.getBoundingClientRect();
          for (const part of cell.querySelectorAll('input, select, textarea, button, label, .app-input-table__cell-label')) {
            const r = part.getBoundingClientRect();
            // GOV.UK draws radios and checkboxes on the label; the native input is an invisible hit area.
            if (r.width === 0 || w.getComputedStyle(part).opacity === '0') continue;
            if (r.left < box.left - 1 || r.right > box.right + 1) clipped.push(`${name}: ${part.tagName} ${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(box.left)}–${Math.round(box.right)}`);
          }
          // Without sideways scrolling, everything is inside the region and the window.
          if (!overflow && (box.right > regionBox.right + 1 || box.right > viewport)) clipped.push(`${name}: beyond the edge at ${Math.round(box.right)}px`);
        }
        // Headers show their whole text (no "Impa", no lone "*"): every visible piece of text lies
        // inside its header, and no word is broken across lines.
        for (const th of table.querySelectorAll('thead th') as any) {
          if (th.getClientRects().length === 0) continue;
          const box = th.getBoundingClientRect();
          const walker = d.createTreeWalker(th, 4 /* NodeFilter.SHOW_TEXT */);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.textContent.trim() || node.parentElement.closest('.govuk-visually-hidden')) continue;
            const range = d.createRange();
            range.selectNodeContents(node);
            for (const r of range.getClientRects() as any) {
              if (r.left < box.left - 1 || r.right > box.right + 1) clipped.push(`header text "${node.textContent.trim()}" outside its header`);
            }
            for (const word of node.textContent.trim().split(/\s+/)) {
              const at = node.textContent.indexOf(word);
              const wordRange = d.createRange();
              wordRange.setStart(node, at);
              wordRange.setEnd(node, at + word.length);
              if (wordRange.getClientRects().length > 1) clipped.push(`header word "${word}" is broken across lines`);
            }
          }
        }
        const cue = !!d.querySelector('.app-scroll-cue') && region.getAttribute('tabindex') === '0' && !!region.getAttribute('aria-describedby');
        return { mode: stacked ? 'stacked' : 'table', clipped, overflow, cue };
      }, [width, label] as const);
    }

    it('the "Needs and support" table at 320, 768, 1024 and 1280 px: stacked with headers when narrow, never clipped; rows added and removed keep headers', async () => {
      const task = await delegate(t, delegationBody(PRO));
      const { context, page } = await signedIn();
      await openTask(page, task.id);
      await sideNav(page).getByRole('button', { name: 'Needs and support' }).click();
      await formSection(page, 'Needs and support');
      await page.getByLabel('Provision, row 1 (required)').fill('Speech and language therapy with a long description that wraps');
      await page.getByRole('radio', { name: 'None yet' }).check();

      const results: Record<number, { mode: string; overflow: boolean }> = {};
      for (const width of [320, 768, 1024, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        for (const step of ['as loaded', 'after adding a row', 'after removing a row']) {
          if (step === 'after adding a row') {
            await page.getByRole('button', { name: 'Add row to Support currently in place' }).click();
            await page.getByLabel('Provision, row 2 (required)').waitFor();
          }
          if (step === 'after removing a row') {
            await page.getByRole('button', { name: 'Remove row 2' }).click();
            await page.getByLabel('Provision, row 2 (required)').waitFor({ state: 'detached' });
          }
          if (step === 'as loaded') await screenshot(page, `guide-table-${width}`);
          const measured = await measureTable(page, width);
          if (measured.clipped.length) throw new Error(`At ${width}px ${step}, clipped: ${measured.clipped.join('; ')}`);
          if (measured.overflow && !measured.cue) throw new Error(`At ${width}px ${step}, the table scrolls with no cue`);
          if (measured.mode === 'stacked') {
            // Each cell carries its column's heading.
            const labels = await page.locator('.app-input-table tbody tr').first().locator('.app-input-table__cell-label').allInnerTexts();
            expect(labels.map((l) => l.replace(/\s+/g, ' ').trim())).toEqual(['Provision *', 'Hours per week', 'Start date', 'Impact']);
          } else {
            const headers = await page.locator('.app-input-table thead th').allInnerTexts();
            expect(headers.map((h) => h.replace(/\s+/g, ' ').trim())).toEqual(['Row', 'Provision * (required)', 'Hours per week', 'Start date', 'Impact', 'Actions']);
          }
          results[width] = { mode: measured.mode, overflow: measured.overflow };
        }
        await expectAccessible(page, `the Needs and support table at ${width}px`);
        expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      }
      // Narrow screens stack; the widest fits without scrolling.
      expect(results[320].mode).toBe('stacked');
      expect(results[1280]).toEqual({ mode: 'table', overflow: false });
      await context.close();
    });

    it('a table too wide for the page scrolls inside a labelled, focusable region with a visible cue, and stacks when narrow', async () => {
      const columns = [
        ...['Service', 'Contact', 'Team', 'Funding'].map((label, i) => ({ id: `t${i}`, type: 'text', label, maxLength: 20 })),
        ...['Referred', 'Assessed', 'Started', 'Reviewed'].map((label, i) => ({ id: `d${i}`, type: 'date', label })),
      ];
      const form = {
        key: 'wide-table',
        version: 1,
        title: 'Services involved',
        pages: [{ id: 'services', title: 'Services involved', questions: [{ id: 'services', type: 'table', label: 'Services involved with the family', columns }] }],
      };
      const published = await integration(t).put('/integration/form-definitions/wide-table/versions/1', form);
      expect([200, 201]).toContain(published.status);
      const task = await delegate(t, delegationBody(PRO, { form: { key: 'wide-table', version: 1 }, prefill: undefined }));
      const { context, page } = await signedIn();
      await page.goto(`/tasks/${task.id}`);
      await expectHeading(page, 'Services involved');
      await page.getByRole('button', { name: 'Add row to Services involved with the family' }).click();
      const label = 'Services involved with the family';
      const region = page.getByRole('region', { name: `${label} (table)` });

      const wide = await measureTable(page, 1280, label);
      expect(wide).toEqual({ mode: 'table', clipped: [], overflow: true, cue: true });
      const cue = page.getByText('This table is wider than the page. Scroll sideways to see every column, or use Full Screen.');
      expect(await cue.isVisible()).toBe(true);
      expect(await region.getAttribute('aria-describedby')).toBe(await cue.getAttribute('id'));
      // The region takes focus (GOV.UK's yellow) and scrolls with the arrow keys.
      await region.focus();
      expect((await focusStop(page)).visible).toBe(true);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await eventually(() => region.evaluate((el) => (el as any).scrollLeft as number), (left) => left > 0, 'the region to scroll');
      await screenshot(page, 'guide-table-wide-scroll-cue');
      await expectAccessible(page, 'a wide table with its scroll cue');

      await page.setViewportSize({ width: 320, height: 900 });
      await cue.waitFor({ state: 'detached' }); // the cue follows the width (a ResizeObserver)
      const narrow = await measureTable(page, 320, label);
      expect(narrow).toEqual({ mode: 'stacked', clipped: [], overflow: false, cue: false });
      await context.close();
    });
  });

  describe('5. Submit', () => {
    it('the confirmation starts on the safe choice: Enter twice on Submit Contribution does not submit; one submission however fast Enter is pressed', async () => {
      const task = await delegate(t, delegationBody(PRO, { subject: { reference: 'LCS-555005', displayName: 'Kit Safe' } }));
      await pro.put(`/tasks/${task.id}/answers`, { version: task.version, answers: COMPLETE_ANSWERS }).expect(200);
      const { context, page } = await signedIn();
      const submits: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith(`/tasks/${task.id}/submit`)) submits.push(r.url());
      });
      await openTask(page, task.id);
      const submit = page.getByRole('button', { name: 'Submit Contribution' });
      await submit.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('alertdialog', { name: 'Submit your contribution?' });
      await dialog.waitFor();
      expect((await focused(page)).text).toBe('No, go back to the form');
      expect((await focusStop(page)).visible).toBe(true);
      await expectAccessible(page, 'the submit confirmation');
      await screenshot(page, 'guide-submit-confirmation');
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      expect((await focused(page)).text).toBe('Submit Contribution');
      expect((await draft(task.id)).status).toBe('in_progress');
      expect(submits).toHaveLength(0);

      // The deliberate choice: Tab to Yes, then Enter pressed twice quickly.
      await page.keyboard.press('Enter');
      await dialog.waitFor();
      await page.keyboard.press('Shift+Tab');
      expect((await focused(page)).text).toBe('Yes, submit contribution');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await expectHeading(page, 'Contribution submitted');
      await page.getByRole('heading', { name: 'What happens next' }).waitFor();
      await page.getByText('The case worker will read it').waitFor();
      expect(submits).toHaveLength(1);
      expect((await draft(task.id)).status).toBe('submitted');
      await eventually(async () => t.stub.contributions().filter((c) => c.body.taskExternalRef === task.externalRef).length, (n) => n === 1, 'one delivery');
      await screenshot(page, 'guide-submitted-what-next');
      await expectAccessible(page, 'the result page');
      await context.close();
    });
  });

  describe('6. Resend code', () => {
    it('a live countdown says when a new code can be asked for, then the link works', async () => {
      const context = await newContext(browser, t);
      const page = await context.newPage();
      await page.clock.install();
      await page.goto('/login');
      await page.getByLabel('Email address').fill(PRO);
      await page.getByLabel('Password', { exact: true }).fill('a long and unusual passphrase 42');
      await page.getByRole('button', { name: 'Continue' }).click();
      await expectHeading(page, 'Enter the code we sent');
      const resend = page.getByRole('button', { name: 'Send a new code' });
      const countdown = page.locator('.app-countdown');
      expect(await countdown.innerText()).toBe('1:00');
      expect(await resend.isDisabled()).toBe(true);
      await page.getByText('You can ask for a new code in one minute.').waitFor();
      await expectAccessible(page, 'the code page while counting down');
      // The browser's clock runs on (the page's own time passes too), and jumps when moved.
      const seconds = (text: string) => Number(text.split(':')[0]) * 60 + Number(text.split(':')[1]);
      const before = seconds(await countdown.innerText());
      // The server's clock moves with the browser's: it is the server that refuses an early resend.
      t.clock.advance(15_000);
      await page.clock.fastForward(15_000);
      await eventually(() => countdown.innerText(), (text) => seconds(text) <= before - 15 && seconds(text) > 0, 'the countdown');
      expect(await resend.isDisabled()).toBe(true);
      t.clock.advance(61_000);
      await page.clock.fastForward(61_000);
      await eventually(() => resend.isDisabled(), (disabled) => !disabled, 'the link to be enabled');
      await page.getByText('You can now ask for a new code.').waitFor();
      expect(await countdown.count()).toBe(0);
      await screenshot(page, 'guide-resend-enabled');

      const since = t.mail.mark();
      await resend.click();
      await page.getByText(`We have sent a new code to ${PRO}`).waitFor();
      const code = await t.mail.codeFor(PRO, since);
      await eventually(() => countdown.innerText(), (text) => /^(1:00|0:5\d)$/.test(text), 'a new countdown');
      await page.getByLabel('Code', { exact: true }).fill(code);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expectHeading(page, 'Your tasks');
      await context.close();
      t.clock.reset();
    });
  });

  describe('7. Helpdesk search', () => {
    it("the admin Tasks page finds tasks by case reference, child's name, professional's email and form, page by page", async () => {
      const admin = await registerAdminHere(t, 'search.helpdesk@council.example');
      for (let i = 0; i < 27; i++) {
        await delegate(t, delegationBody(PRO, { subject: { reference: `LCS-88${String(i).padStart(4, '0')}`, displayName: `Quinn Searchable ${i}` } }));
      }
      await delegate(t, delegationBody('waiting.person@gp.example', { subject: { reference: 'LCS-990099', displayName: 'Nico Waiting' } }));
      expect(admin.email).toBe('search.helpdesk@council.example');

      const context = await newContext(browser, t);
      const page = await context.newPage();
      await signIn(page, t, 'search.helpdesk@council.example');
      await page.goto('/admin/tasks');
      await expectHeading(page, 'Tasks');
      const search = page.getByRole('search', { name: 'Find a task' });
      const rows = page.locator('table tbody tr');

      await search.getByLabel('Case reference').fill('lcs-990099');
      await search.getByRole('button', { name: 'Search', exact: true }).click();
      await eventually(() => rows.allInnerTexts(), (list) => list.length === 1 && list[0].includes('LCS-990099'), 'the one task');
      expect(await rows.first().innerText()).toContain('waiting.person@gp.example');
      await expectAccessible(page, 'admin task search results');

      await search.getByRole('button', { name: 'Clear search' }).click();
      await search.getByLabel("Child's name").fill('quinn searchable');
      await search.getByLabel("Professional's email").fill(PRO.toUpperCase());
      await search.getByLabel('Form').selectOption({ label: TITLE });
      await search.getByRole('button', { name: 'Search', exact: true }).click();
      // The rows of the search, not just as many rows: the list from before the search (cleared
      // above) also has 25 on its first page, and paging from it gave 9 in a loaded run.
      const searched = (n: number) => (list: string[]) => list.length === n && list.every((row) => /\bLCS-88\d{4}\b/.test(row));
      await eventually(() => rows.allInnerTexts(), searched(25), 'the first page');
      await page.getByRole('button', { name: 'Next page' }).click();
      await eventually(() => rows.allInnerTexts(), searched(2), 'the second page');
      await page.getByRole('button', { name: 'Previous page' }).click();
      await eventually(() => rows.allInnerTexts(), searched(25), 'back to the first page');
      // Metadata only: no answers, no files, no PDFs anywhere on the page.
      expect(await page.getByRole('link', { name: /PDF/ }).count()).toBe(0);

      await search.getByLabel("Professional's email").fill('not an email');
      await search.getByRole('button', { name: 'Search', exact: true }).click();
      const summary = page.locator('.govuk-error-summary');
      await summary.getByRole('link', { name: 'Enter an email address in the correct format, like name@example.com' }).click();
      expect((await focused(page)).id).toBe('search-email');
      await screenshot(page, 'guide-admin-search-error');
      await expectAccessible(page, 'admin task search with an error');
      // The search form reflows at 320 px (no sideways scrolling).
      await page.setViewportSize({ width: 320, height: 900 });
      await eventually(
        () => page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number),
        (scrollWidth) => scrollWidth <= 320,
        'no sideways scrolling at 320 px',
      );
      await context.close();
    });
  });

  describe('8. Focus', () => {
    /** GOV.UK's focus: the yellow (#ffdd00) outline, box shadow or background, never the browser's thin ring. */
    async function govukFocus(page: Page): Promise<boolean> {
      return page.evaluate(() => {
        const w = globalThis as any;
        const el = w.document.activeElement;
        const yellow = 'rgb(255, 221, 0)';
        const styled = (s: any) =>
          (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && s.outlineColor === yellow) ||
          s.backgroundColor === yellow ||
          (s.boxShadow !== 'none' && s.boxShadow.includes(yellow)) ||
          (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 3 && s.boxShadow !== 'none');
        if (styled(w.getComputedStyle(el))) return true;
        const label = el.labels?.[0];
        return !!label && (styled(w.getComputedStyle(label, '::before')) || styled(w.getComputedStyle(label, '::after')));
      });
    }

    it('date inputs (and their calendar button) and every other control on the form show the GOV.UK focus style', async () => {
      const task = await delegate(t, delegationBody(PRO));
      const { context, page } = await signedIn();
      await openTask(page, task.id);
      await sideNav(page).getByRole('button', { name: 'Needs and support' }).click();
      await formSection(page, 'Needs and support');
      const misses: string[] = [];
      let dateStops = 0;
      let pickerStops = 0;
      // Every stop from the section heading to Submit Contribution, the date pickers' buttons included.
      await page.locator('#form-page-heading').focus();
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const stop = await focusStop(page);
        const onPicker = await page.evaluate(() => {
          const el = (globalThis as any).document.activeElement;
          return el.type === 'date' && !el.matches(':focus');
        });
        if (stop.type === 'date') dateStops += 1;
        if (onPicker) pickerStops += 1;
        if (!(await govukFocus(page))) misses.push(`${stop.tag}#${stop.id}[${stop.type}] "${stop.name}"${onPicker ? ' (calendar button)' : ''}`);
        if (stop.name === 'Submit Contribution') break;
      }
      expect(dateStops).toBeGreaterThan(0);
      expect(pickerStops).toBeGreaterThan(0);
      expect(misses).toEqual([]);
      await context.close();
    });

    it('every stop on the other pages (header, tabs, lists, footer, Get help, My details, sign in, registration) shows the GOV.UK focus style', async () => {
      const { context, page } = await signedIn();
      const misses: string[] = [];
      const walk = async (path: string, heading: string | RegExp) => {
        await page.goto(path);
        await expectHeading(page, heading);
        const seen = new Set<string>();
        for (let i = 0; i < 60; i++) {
          await page.keyboard.press('Tab');
          const stop = await focusStop(page);
          if (stop.tag === 'body') break;
          const key = `${stop.tag}#${stop.id}"${stop.name}"`;
          if (seen.has(key)) break; // wrapped round
          seen.add(key);
          if (!(await govukFocus(page))) misses.push(`${path}: ${key}`);
        }
        expect(seen.size).toBeGreaterThan(3);
      };
      await walk('/', 'Your tasks');
      await walk('/?view=recently-submitted', 'Your tasks');
      await walk('/help', 'Get help');
      await walk('/my-details', 'My details');
      await context.close();
      const anonymous = await newContext(browser, t);
      const signedOut = await anonymous.newPage();
      const walkSignedOut = async (path: string, heading: string | RegExp) => {
        await signedOut.goto(path);
        await expectHeading(signedOut, heading);
        for (let i = 0; i < 30; i++) {
          await signedOut.keyboard.press('Tab');
          const stop = await focusStop(signedOut);
          if (stop.tag === 'body') break;
          if (!(await govukFocus(signedOut))) misses.push(`${path}: ${stop.tag}#${stop.id} "${stop.name}"`);
        }
      };
      await walkSignedOut('/login', 'Sign in to the Professional Portal');
      await walkSignedOut('/register', 'Your details');
      expect(misses).toEqual([]);
      await anonymous.close();
    });
  });
});
