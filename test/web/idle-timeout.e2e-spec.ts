import { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { delegate, delegationBody, publishSampleForms } from '../support/task-fixtures';
import { API, login, registerAndLogin } from '../support/portal-client';
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
import { formSection } from './support/form';

const TITLE = 'Education advice for an EHC needs assessment';
const MINUTE = 60_000;

/**
 * The server's clock is the test's AdjustableClock, so its `Date` header must follow it as a real
 * server's does (the client works out clock skew from it). Responses that set cookies pass as they are.
 */
async function serverDateFollowsClock(context: BrowserContext, t: TestApp): Promise<void> {
  await context.route('**/api/v1/**', async (route) => {
    try {
      const response = await route.fetch();
      const headers = response.headers();
      if (headers['set-cookie']) return await route.fulfill({ response });
      await route.fulfill({ response, headers: { ...headers, date: t.clock.now().toUTCString() } });
    } catch (error) {
      // The page gave the request up while it was on its way (it navigated, or the client aborted
      // a poll it no longer needs): there is nothing left to answer. Anything else is a failure.
      if (!/disposed|closed|aborted/i.test(String(error))) throw error;
    }
  });
}

/** Time passes for both the server and the browser (whose timers fire as they would have). */
async function timePasses(page: Page, t: TestApp, ms: number): Promise<void> {
  t.clock.advance(ms);
  await page.clock.fastForward(ms);
}

describeWithBrowser('Web client: idle timeout', () => {
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
  afterEach(() => t.clock.reset());

  async function openForm(email: string): Promise<{ page: Page; context: BrowserContext; taskId: string; session: string }> {
    await registerAndLogin(t, email);
    const task = await delegate(t, delegationBody(email));
    const context = await newContext(browser, t);
    await serverDateFollowsClock(context, t);
    const page = await context.newPage();
    await page.clock.install();
    await signIn(page, t, email);
    await expectHeading(page, 'Your tasks');
    await page.getByRole('link', { name: TITLE }).click();
    await formSection(page, 'About the child or young person');
    const session = (await context.cookies()).find((c) => c.name === 'portal_session')?.value;
    if (!session) throw new Error('no session cookie after signing in');
    return { page, context, taskId: task.id as string, session };
  }

  it('warns, can stay signed in, then saves the unsaved draft and lands on sign in with the expiry message', async () => {
    const email = 'idle@school.example';
    const { page, context, taskId, session } = await openForm(email);
    await page.getByLabel('Name of educational setting').fill('Typed before the break');
    await page.getByText('You have changes that are not saved.').waitFor();

    // 26 minutes without a request: the warning, with a way to stay signed in.
    await timePasses(page, t, 26 * MINUTE);
    const warning = page.getByRole('alertdialog', { name: 'You will be signed out soon' });
    await warning.waitFor();
    await warning.getByText('We will save any answers you have not saved yet.').waitFor();
    await screenshot(page, 'idle-warning');
    await expectAccessible(page, 'the idle warning');
    await warning.getByRole('button', { name: 'Stay signed in' }).click();
    await warning.waitFor({ state: 'detached' });

    // Another 29m40s: 56 minutes since the form was opened, but not 30 since "Stay signed in", so the
    // server still accepts the save the client makes before it signs the person out.
    await timePasses(page, t, 29 * MINUTE + 40_000);
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('expired') === '1');
    await page.getByText('You have been signed out').waitFor();
    await page.getByText('we signed you out because you had not done anything for 30 minutes').waitFor();
    await expectHeading(page, 'Sign in to the Professional Portal');
    await screenshot(page, 'idle-signed-out');

    // The client ended the session (the browser holds no session cookie any more) and, 31 minutes on
    // the server's clock after "Stay signed in", it would be over anyway.
    expect((await context.cookies()).map((c) => c.name)).not.toContain('portal_session');
    t.clock.advance(31 * MINUTE - (29 * MINUTE + 40_000));
    await request(t.url).get(`${API}/auth/session`).set('Cookie', `portal_session=${session}`).expect(401);

    // The draft typed before expiry was saved (checked through the API).
    const api = await login(t, email);
    const saved = (await api.get(`/tasks/${taskId}`).expect(200)).body;
    expect(saved.answers.setting).toBe('Typed before the break');
    expect(saved.status).toBe('in_progress');

    // Signing in again goes straight back to the form, answers in place.
    await signIn(page, t, email);
    await formSection(page, 'About the child or young person');
    expect(await page.getByLabel('Name of educational setting').inputValue()).toBe('Typed before the break');
    await context.close();
  });

  it('a session that ended while the computer slept: back to sign in with the message, saved answers kept', async () => {
    const email = 'asleep@school.example';
    const { page, context, taskId, session } = await openForm(email);
    await page.getByLabel('Name of educational setting').fill('Saved before the lid closed');
    await page.getByRole('button', { name: 'Next' }).click(); // saves (and stays: the page has missing answers)
    await page.getByText(/^Saved at /).waitFor();

    // The lid closes for 31 minutes: the server ended the session; the browser's timers fire once on waking.
    await timePasses(page, t, 31 * MINUTE);
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('expired') === '1');
    await page.getByText('we signed you out because you had not done anything for 30 minutes').waitFor();
    const dead = await request(t.url).get(`${API}/auth/session`).set('Cookie', `portal_session=${session}`).expect(401);
    expect(dead.body.code).toBe('session_expired');

    const api = await login(t, email);
    expect((await api.get(`/tasks/${taskId}`).expect(200)).body.answers.setting).toBe('Saved before the lid closed');
    await context.close();
  });
});
