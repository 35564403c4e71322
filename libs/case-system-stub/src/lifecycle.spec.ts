import { createServer } from 'node:net';
import { startCaseSystemStub } from './index';
import { contributionBody, postContribution } from './spec-fixtures';

/** Resolves once something else can listen on the port, i.e. the stub really let go of it. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('stub lifecycle', () => {
  it('listens on 127.0.0.1 with a free port when given port 0', async () => {
    const stub = await startCaseSystemStub({ port: 0 });
    try {
      expect(stub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(Number(new URL(stub.url).port)).toBeGreaterThan(0);
    } finally {
      await stub.close();
    }
  });

  it('close frees the port, even with keep-alive connections and a request held by a slow fault', async () => {
    const stub = await startCaseSystemStub({ port: 0 });
    const port = Number(new URL(stub.url).port);
    expect((await postContribution(stub.url, contributionBody())).status).toBe(201);
    expect(await canListen(port)).toBe(false);

    stub.setFault({ kind: 'slow', delayMs: 60_000 });
    const held = postContribution(stub.url, contributionBody()).catch((error: unknown) => error);
    // Wait until the held request has reached the stub before closing.
    while (stub.requestCount() < 2) await new Promise((resolve) => setTimeout(resolve, 5));

    const started = Date.now();
    await stub.close();
    expect(Date.now() - started).toBeLessThan(1000);
    // fetch errors come from Node's realm, not jest's sandbox, so match on name rather than with instanceof.
    expect(await held).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    expect(await canListen(port)).toBe(true);
    expect(stub.contributions()).toHaveLength(1);
  });

  it('close is idempotent', async () => {
    const stub = await startCaseSystemStub({ port: 0 });
    await stub.close();
    await expect(stub.close()).resolves.toBeUndefined();
  });

  it('rejects when the port is taken', async () => {
    const first = await startCaseSystemStub({ port: 0 });
    try {
      await expect(startCaseSystemStub({ port: Number(new URL(first.url).port) })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });
});
