import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { PASSWORD } from '../../support/portal-client';
import { TestApp } from '../../support/test-app';

export const ROOT = join(__dirname, '..', '..', '..');
export const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const WEB = join(ROOT, 'web');
const INDEX = join(WEB, 'dist', 'index.html');

import { CHROMIUM } from './chromium';

export { CHROMIUM, describeWithBrowser } from './chromium';

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function webBuildIsCurrent(): boolean {
  if (!existsSync(INDEX)) return false;
  const built = statSync(INDEX).mtimeMs;
  const sources = [
    join(WEB, 'src'),
    join(WEB, 'index.html'),
    join(WEB, 'vite.config.mts'),
    join(ROOT, 'libs', 'form-schema', 'src'),
  ];
  return sources.every((source) => !existsSync(source) || newestMtime(source) <= built);
}

/**
 * The app serves web/dist: build it when it is missing or older than its sources (CI builds first,
 * so there this is a no-op). A lock directory keeps parallel suites from building at once.
 */
export async function ensureWebBuilt(): Promise<void> {
  if (webBuildIsCurrent()) return;
  const lock = join(ROOT, 'test-artifacts', '.web-build.lock');
  mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than two minutes was left by a killed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000) rmdirSync(lock);
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lock}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
    if (!webBuildIsCurrent())
      execSync('npm run build:web --silent', { cwd: ROOT, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } });
  } finally {
    rmdirSync(lock);
  }
}

export async function launchBrowser(): Promise<Browser> {
  // Suites call this inside describeWithBrowser, which only runs them when a browser was found.
  if (!CHROMIUM) throw new Error('No Chromium: install it (apt-get install -y chromium) or set CHROMIUM_PATH.');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/** One person's browser: its own cookies, a laptop-sized window, British English and time zone. */
export async function newContext(
  browser: Browser,
  t: TestApp,
  options: { width?: number; height?: number } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: t.url,
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(10_000);
  return context;
}

/** A full-page screenshot kept as a CI artefact (test-artifacts/ is not committed). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** axe-core on the page as it is now: WCAG 2.2 A/AA rules; no serious or critical violation allowed. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  // Legacy mode runs axe in the page itself (the app has no frames) instead of finishing the run in a
  // new blank page each time; only violations are collected. Both keep the checks fast.
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .options({ resultTypes: ['violations'] })
    .setLegacyMode(true)
    .analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`,
  );
  if (report.length) throw new Error(`Accessibility violations on ${what} (${page.url()}):\n  ${report.join('\n  ')}`);
}

/** Waits until the main heading (h1) says `text`. */
export async function expectHeading(page: Page, text: string | RegExp): Promise<Locator> {
  const heading = page.getByRole('heading', { level: 1, name: text });
  await heading.waitFor();
  return heading;
}

/** Polls until `read()` satisfies `check` (for things the browser updates asynchronously). */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/** Signs in through the pages: email and password, then the code from the real email. */
export async function signIn(page: Page, t: TestApp, email: string, password = PASSWORD): Promise<void> {
  if (!/\/login/.test(page.url())) await page.goto('/login');
  await expectHeading(page, 'Sign in to the Professional Portal');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  const since = t.mail.mark();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectHeading(page, 'Enter the code we sent');
  await page.getByLabel('Code', { exact: true }).fill(await t.mail.codeFor(email, since));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The element that has focus, as tag#id plus its accessible-ish text. */
export async function focused(
  page: Page,
): Promise<{ tag: string; id: string; text: string; type: string | null; outline: string; boxShadow: string }> {
  return page.evaluate(() => {
    const el = (globalThis as any).document.activeElement;
    const style = (globalThis as any).getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id ?? '',
      text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 80),
      type: el.getAttribute('type'),
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
      boxShadow: style.boxShadow,
    };
  });
}
