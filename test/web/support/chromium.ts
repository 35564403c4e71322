/**
 * Where the browser suites find Chromium, and what they do when there is none.
 *
 * `CHROMIUM_PATH` wins when set (an explicit path that does not exist means "no browser": it is
 * never silently replaced by another one). Otherwise the usual install paths of Debian/Ubuntu,
 * Fedora, snap, Homebrew and macOS are tried, then `chromium`/`chromium-browser`/`google-chrome` on
 * PATH. Without a browser each suite is skipped with one line saying how to enable it, except under
 * `CI=true`, where a missing browser fails the run (CI must never pass by skipping them).
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const USUAL_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/homebrew/bin/chromium',
  '/usr/local/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];
const ON_PATH = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium executable to drive, or undefined when this machine has none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.CHROMIUM_PATH?.trim();
  if (explicit) return executable(explicit) ? explicit : undefined;
  const found = USUAL_PATHS.find(executable);
  if (found) return found;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of ON_PATH) {
      if (executable(join(dir, name))) return join(dir, name);
    }
  }
  return undefined;
}

export const CHROMIUM = findChromium();

const HOW_TO_ENABLE =
  'install Chromium (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable';

/** True when the environment says this is CI (`CI=true`, as GitHub Actions and most runners set it). */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(true|1)$/i.test(env.CI ?? '');
}

/**
 * `describe` for a browser suite: runs it when Chromium is found; otherwise skips it with one line
 * on stderr, or (under CI=true) fails the suite so a CI without a browser cannot pass.
 */
export function describeWithBrowser(name: string, body: () => void): void {
  if (CHROMIUM) {
    // A browser journey on a loaded 2-core CI machine (two suites at once) can outlast jest's 60 s.
    jest.setTimeout(180_000);
    describe(name, body);
    return;
  }
  const where = process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist` : 'no Chromium found';
  if (isCi()) {
    throw new Error(`Browser suite "${name}" cannot run under CI=true: ${where}; ${HOW_TO_ENABLE}.`);
  }
  process.stderr.write(`SKIPPED browser suite "${name}": ${where}; to run it, ${HOW_TO_ENABLE}.\n`);
  describe.skip(name, body);
}
