/**
 * Suites that need a service `npm test` cannot assume on a fresh machine (Redis): they run when it
 * answers, are skipped with one line saying how to enable them when it does not, and fail under
 * CI=true, where .ci/run starts every service and a skip would hide a regression.
 */
import { spawnSync } from 'node:child_process';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** True when a Redis answers PING at `url` within a second (checked in a child: describe is synchronous). */
export function redisAnswers(url = TEST_REDIS_URL): boolean {
  const { hostname, port } = new URL(url);
  const probe = `
    const socket = require('node:net').connect(${Number(port) || 6379}, ${JSON.stringify(hostname || '127.0.0.1')});
    socket.setTimeout(1000, () => process.exit(1));
    socket.on('error', () => process.exit(1));
    socket.on('connect', () => socket.write('PING\\r\\n'));
    socket.on('data', (d) => process.exit(String(d).startsWith('+PONG') ? 0 : 1));`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 3000, env: { PATH: process.env.PATH } }).status === 0;
}

function isCi(): boolean {
  return /^(true|1)$/i.test(process.env.CI ?? '');
}

/** `describe` that needs a service: runs, skips with one line, or (CI=true) fails when it is missing. */
export function describeWithService(
  service: { name: string; available: boolean; howTo: string },
  name: string,
  body: () => void,
): void {
  if (service.available) {
    describe(name, body);
    return;
  }
  if (isCi()) throw new Error(`Suite "${name}" cannot run under CI=true: ${service.name} is not reachable; ${service.howTo}.`);
  process.stderr.write(`SKIPPED suite "${name}": ${service.name} is not reachable; to run it, ${service.howTo}.\n`);
  describe.skip(name, body);
}

export const redis = (): { name: string; available: boolean; howTo: string } => ({
  name: `Redis at ${TEST_REDIS_URL}`,
  available: redisAnswers(),
  howTo: 'start one (apt-get install -y redis-server; redis-server --daemonize yes) or set TEST_REDIS_URL',
});
