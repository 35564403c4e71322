import { Browser } from 'playwright-core';
import { delegate, delegationBody, publishSampleForms } from '../support/task-fixtures';
import { registerAndLogin } from '../support/portal-client';
import { startTestApp, TestApp } from '../support/test-app';
import {
  describeWithBrowser,
  ensureWebBuilt,
  expectHeading,
  launchBrowser,
  newContext,
  screenshot,
  signIn,
} from './support/browser';
import { formSection } from './support/form';
import { focusStop, press, tabUntil } from './support/keyboard';

const TITLE = 'Education advice for an EHC needs assessment';

/** A whole form page with the keyboard alone: Tab, Shift+Tab, Space, Enter and the arrow keys. */
describeWithBrowser('Web client: keyboard only', () => {
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

  it('opens a task, answers a page of every kind of control and moves on with Next, focus always visible', async () => {
    const email = 'keys@school.example';
    const api = await registerAndLogin(t, email);
    const task = await delegate(t, delegationBody(email));
    const context = await newContext(browser, t);
    const page = await context.newPage();
    await signIn(page, t, email);
    await expectHeading(page, 'Your tasks');

    // The skip link comes first on a fresh page load, and leads to the main content.
    await page.reload();
    await expectHeading(page, 'Your tasks');
    let stop = await press(page, 'Tab');
    expect(stop).toMatchObject({ tag: 'a', name: 'Skip to main content', visible: true });
    await page.keyboard.press('Enter');
    expect((await focusStop(page)).id).toBe('main-content');

    // Dashboard → the task, by keyboard.
    await tabUntil(page, (s) => s.tag === 'a' && s.name.startsWith(TITLE), { what: 'the task link' });
    await page.keyboard.press('Enter');
    await expectHeading(page, TITLE);
    await formSection(page, 'About the child or young person');
    // After moving to a new page, focus is on its heading (screen readers announce it).
    stop = await focusStop(page);
    expect(stop).toMatchObject({ tag: 'h1', name: TITLE });

    // The read-only prefill is reachable (it can be read and copied) but cannot be changed.
    const readonly = await tabUntil(page, (s) => s.id === 'q-childName', { what: "the child's name" });
    expect(readonly.path.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'About the child or young person',
        'Attendance',
        'Needs and support',
        'Attach supporting documents',
      ]),
    );
    await page.keyboard.type('Changed');
    expect(await page.locator('#q-childName').inputValue()).toBe('Alex Smith');

    // Text, date, select.
    await tabUntil(page, (s) => s.id === 'q-setting', { what: 'Name of educational setting', max: 5 });
    await page.keyboard.type('Riverside Academy');
    stop = await press(page, 'Tab');
    expect(stop).toMatchObject({ id: 'q-startedAtSetting', type: 'date' });
    await page.keyboard.type('09092021'); // day = month: the same in dd/mm and mm/dd locales
    expect(await page.locator('#q-startedAtSetting').inputValue()).toBe('2021-09-09');
    stop = await tabUntil(page, (s) => s.id === 'q-keyStage', { what: 'Current key stage', max: 5 }).then((r) => r.stop);
    expect(stop.tag).toBe('select');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown'); // (none) → EYFS → KS1 → KS2
    expect(await page.locator('#q-keyStage').inputValue()).toBe('ks2');

    // Shift+Tab goes back through the same fields in reverse.
    stop = await press(page, 'Shift+Tab');
    expect(stop.id).toBe('q-startedAtSetting');
    // (a date input has three segments and its calendar button)
    stop = await tabUntil(page, (s) => s.id === 'q-setting', { backwards: true, max: 6 }).then((r) => r.stop);
    expect(stop.visible).toBe(true);
    await screenshot(page, 'keyboard-focus-text');

    // Next (Enter) validates and saves, then focus lands on the next section's heading.
    stop = await tabUntil(page, (s) => s.tag === 'button' && s.name.startsWith('Next'), { what: 'Next', max: 10 }).then(
      (r) => r.stop,
    );
    expect(stop.inView).toBe(true);
    await page.keyboard.press('Enter');
    await formSection(page, 'Attendance');
    stop = await focusStop(page);
    expect(stop).toMatchObject({ id: 'form-page-heading' });
    expect(stop.name).toContain('Attendance');

    // Radios: Tab enters the group, arrows choose; the showIf question appears after the group.
    stop = await tabUntil(page, (s) => s.type === 'radio', { what: 'the attendance radios', max: 5 }).then((r) => r.stop);
    expect(stop).toMatchObject({ name: 'Good (95% or more)', visible: true, inView: true });
    stop = await press(page, 'ArrowDown');
    expect(stop).toMatchObject({ name: 'Some concern (90% to 95%)', checked: true });
    stop = await press(page, 'ArrowDown');
    expect(stop).toMatchObject({ name: 'Persistent absence (below 90%)', checked: true });
    await screenshot(page, 'keyboard-focus-radio');
    stop = await press(page, 'Tab');
    expect(stop.id).toBe('q-absenceReasons');
    await page.keyboard.type('Long-term illness.');
    stop = await press(page, 'Shift+Tab');
    expect(stop).toMatchObject({ type: 'radio', name: 'Persistent absence (below 90%)' });

    // The table: + Add row (Space) moves focus into the new row; − Remove row (Enter) puts it back on + Add row.
    stop = await tabUntil(page, (s) => s.id === 'q-exclusions-add', { what: '+ Add row', max: 5 }).then((r) => r.stop);
    expect(stop.name).toContain('Add row');
    await page.keyboard.press('Space');
    expect((await focusStop(page)).id).toBe('q-exclusions-r0-date');
    await page.keyboard.type('05102026');
    await tabUntil(page, (s) => s.id === 'q-exclusions-r0-days', { what: 'Number of days, row 1', max: 3 });
    await page.keyboard.type('2');
    await tabUntil(page, (s) => s.id === 'q-exclusions-remove-0', { what: 'Remove row 1', max: 4 });
    await page.keyboard.press('Enter');
    stop = await focusStop(page);
    expect(stop.id).toBe('q-exclusions-add');
    expect(await page.locator('#q-exclusions-r0-date').count()).toBe(0);

    // On to the last section with Next; the keyboard user never needed the mouse.
    await tabUntil(page, (s) => s.tag === 'button' && s.name.startsWith('Next'), { what: 'Next', max: 6 });
    await page.keyboard.press('Enter');
    await formSection(page, 'Needs and support');
    stop = await focusStop(page);
    expect(stop.name).toContain('Needs and support');
    // Checkboxes toggle with Space.
    await tabUntil(page, (s) => s.type === 'checkbox', { what: 'Areas of need', max: 3 });
    await page.keyboard.press('Space');
    expect(await focusStop(page)).toMatchObject({ name: 'Cognition and learning', checked: true, visible: true });

    // What the keyboard entered was saved by Next.
    const saved = (await api.get(`/tasks/${task.id}`).expect(200)).body;
    expect(saved.answers).toMatchObject({
      setting: 'Riverside Academy',
      startedAtSetting: '2021-09-09',
      keyStage: 'ks2',
      attendanceLevel: 'poor',
      absenceReasons: 'Long-term illness.',
    });
    expect(saved.answers.exclusions ?? []).toEqual([]);
    expect(saved.answers.childName).toBeUndefined();
    await context.close();
  });
});
