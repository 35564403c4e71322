// First: the auth routes' limit is read when their module loads (see the support file).
import { AUTH_LIMIT } from '../platform/support/low-auth-rate-limit';
import { connect, Socket } from 'node:net';
import request from 'supertest';
import { API, register } from '../support/portal-client';
import { settleMail } from '../support/task-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The second outside assessment (issue 19), platform findings: the metrics oracle (3), the rate
 * limiter's 500 (6), connections held by slow clients (7). Each test failed before its fix.
 */
describe('Assessment II: metrics off the public listener (finding 3)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { METRICS_TOKEN: 'scrape-token-0123456789' } });
  });
  afterAll(() => t.close());

  it('the public port serves no metrics, so the mail backlog cannot tell a registered address', async () => {
    await register(t, 'known@school.example');
    await settleMail(t);
    await request(t.url).post(`${API}/password-resets`).send({ email: 'known@school.example' }).expect(202);
    const publicAnswer = await request(t.url).get('/metrics');
    expect(publicAnswer.text).not.toContain('portal_mail_backlog');
    expect(publicAnswer.text).not.toContain('portal_http_request_duration_seconds');
    expect((await request(t.url).get(`${API}/metrics`)).status).toBe(404);
  });

  it('serves them on a loopback listener of its own, behind the bearer token when one is set', async () => {
    expect(t.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(t.metricsUrl).not.toBe(t.url);
    await request(t.metricsUrl).get('/metrics').expect(401);
    await request(t.metricsUrl).get('/metrics').set('Authorization', 'Bearer wrong-token-0123456789').expect(401);
    const scraped = await request(t.metricsUrl).get('/metrics').set('Authorization', 'Bearer scrape-token-0123456789').expect(200);
    expect(scraped.text).toMatch(/^portal_mail_backlog \d+$/m);
    await request(t.metricsUrl).get('/api/v1/auth/session').set('Authorization', 'Bearer scrape-token-0123456789').expect(404);
  });
});

describe('Assessment II: a reached rate limit (finding 6)', () => {
  let t: TestApp;
  const logs: string[] = [];
  // The default connection timeouts: the slow-client suite below shortens them to 1-1.5 s, and a
  // flood of requests beside those on a loaded 2-core CI machine measured the machine, not the limiter.
  beforeAll(async () => {
    t = await startTestApp({ logStream: { write: (line: string) => void logs.push(line) } });
  });
  afterAll(() => t.close());

  it('a reached rate limit is 429 rate_limited with Retry-After, not a 500 (finding 6)', async () => {
    const path = `${API}/registrations/01900000-0000-7000-8000-00000000abcd/verify`;
    let limited: request.Response | undefined;
    // The auth routes allow AUTH_LIMIT a minute from one address (the lowest setting; 1000 by
    // default, which a loaded CI machine once failed to send within one minute); ten at a time, and
    // on past the limit, so a window that closes midway is followed by one that fills.
    for (let sent = 0; sent < 3 * AUTH_LIMIT && !limited; sent += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, () => request(t.url).post(path).send({ code: '00000000' })));
      expect(batch.filter((r) => r.status >= 500)).toEqual([]);
      limited = batch.find((r) => r.status === 429);
    }
    expect(limited).toBeDefined();
    expect(limited!.headers['content-type']).toContain('application/problem+json');
    expect(limited!.body).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain('[object Object]');
  }, 180_000);
});

describe('Assessment II: slow clients (finding 7)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: {
        HTTP_REQUEST_TIMEOUT_MS: '1500',
        HTTP_HEADERS_TIMEOUT_MS: '1000',
        HTTP_IDLE_TIMEOUT_MS: '1500',
        HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000',
      },
    });
  });
  afterAll(() => t.close());

  /** Writes `head` at once, then `trickle` one byte every 100 ms until the server closes the socket. */
  function slowClient(head: string, trickle: string): Promise<{ closed: boolean; answer: string; bytesTrickled: number }> {
    return new Promise((resolve) => {
      const socket: Socket = connect(Number(new URL(t.url).port), '127.0.0.1');
      let answer = '';
      let sent = 0;
      let timer: NodeJS.Timeout | undefined;
      const finish = (closed: boolean) => {
        clearInterval(timer);
        socket.destroy();
        resolve({ closed, answer, bytesTrickled: sent });
      };
      socket.on('data', (d) => (answer += d.toString()));
      socket.on('close', () => finish(true));
      socket.on('error', () => undefined);
      socket.on('connect', () => {
        socket.write(head);
        timer = setInterval(() => {
          // 20 s of trickling without being cut is the failure.
          if (sent >= trickle.length) return finish(false);
          socket.write(trickle[sent]);
          sent += 1;
        }, 100);
      });
    });
  }

  it('a client that declares a body and trickles it is cut with 408 (finding 7)', async () => {
    const body = `{"email":"${'a'.repeat(180)}@school.example","password":"x"}`;
    const head = `POST ${API}/auth/login HTTP/1.1\r\nHost: portal.test\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const result = await slowClient(head, body);
    expect(result.closed).toBe(true);
    expect(result.bytesTrickled).toBeLessThan(body.length);
    expect(result.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(result.answer).toContain('"code":"request_timeout"');
  });

  it('a client that trickles its headers is cut too', async () => {
    const headers = `X-Slow: ${'b'.repeat(195)}\r\n\r\n`;
    const result = await slowClient(`GET /health/live HTTP/1.1\r\nHost: portal.test\r\n`, headers);
    expect(result.closed).toBe(true);
    expect(result.bytesTrickled).toBeLessThan(headers.length);
  });

  /** Resolves true when the server closes the socket (its answer, if any, read), false after 20 s. */
  function closedByServer(firstBytes?: string): Promise<{ closed: boolean; answer: string }> {
    return new Promise((resolve) => {
      const socket = connect(Number(new URL(t.url).port), '127.0.0.1');
      let answer = '';
      const guard = setTimeout(() => {
        socket.destroy();
        resolve({ closed: false, answer });
      }, 20_000);
      socket.on('data', (d) => (answer += d.toString()));
      socket.on('close', () => {
        clearTimeout(guard);
        resolve({ closed: true, answer });
      });
      socket.on('error', () => undefined);
      if (firstBytes) socket.on('connect', () => socket.write(firstBytes));
    });
  }

  it('a connection that never sends a request is closed', async () => {
    expect((await closedByServer()).closed).toBe(true);
  });

  it('a kept-alive connection that goes quiet after an answer is closed', async () => {
    const result = await closedByServer('GET /health/live HTTP/1.1\r\nHost: portal.test\r\nConnection: keep-alive\r\n\r\n');
    expect(result.answer).toMatch(/^HTTP\/1\.1 200/);
    expect(result.closed).toBe(true);
  });

  /**
   * A CI run lost answers to "other side closed": the portal closed a kept-alive connection at about
   * the time it announced, while the client, trusting that time (and its timer of one-second grain),
   * sent its next request on it. The portal now keeps it a second longer (KEEP_ALIVE_BUFFER_MS):
   * here the request comes half that second after the announced time.
   */
  it('a kept-alive connection reused just after the announced keep-alive time is still answered', async () => {
    const ask = 'GET /health/live HTTP/1.1\r\nHost: portal.test\r\nConnection: keep-alive\r\n\r\n';
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(t.url).port), '127.0.0.1');
      let received = '';
      let askedAgain = false;
      socket.on('data', (d) => {
        received += d.toString();
        if (!askedAgain) {
          askedAgain = true;
          setTimeout(() => socket.write(ask), 1_500);
        } else if ((received.match(/HTTP\/1\.1 /g) ?? []).length >= 2) socket.destroy();
      });
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
      socket.on('connect', () => socket.write(ask));
    });
    // One answer per status line (an answer may arrive in more than one chunk).
    const answers = text.split(/(?=HTTP\/1\.1 )/);
    expect(answers[0]).toContain('Keep-Alive: timeout=1');
    expect(answers).toHaveLength(2);
    expect(answers[1]).toMatch(/^HTTP\/1\.1 200/);
  });
});
