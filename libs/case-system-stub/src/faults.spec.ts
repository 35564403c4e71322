import { startCaseSystemStub, type CaseSystemStub } from './index';
import { contributionBody, postContribution } from './spec-fixtures';

// fetch errors come from Node's realm, not jest's sandbox, so match on name rather than with instanceof.
const NETWORK_ERROR = { name: 'TypeError', message: 'fetch failed', cause: { code: 'ECONNRESET' } };
const receiptOf = async (res: Response): Promise<string> => ((await res.json()) as { receiptId: string }).receiptId;

describe('fault injection on POST /contributions', () => {
  let stub: CaseSystemStub;

  beforeAll(async () => {
    stub = await startCaseSystemStub({ port: 0 });
  });
  afterAll(() => stub.close());
  beforeEach(() => stub.clear());

  it('status with times=3 fails three requests, then behaves normally', async () => {
    stub.setFault({ kind: 'status', status: 503, times: 3 });
    const body = contributionBody();

    for (let attempt = 1; attempt <= 3; attempt++) {
      const res = await postContribution(stub.url, body);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ code: 'injected_fault', status: 503 });
    }
    expect(stub.contributions()).toHaveLength(0);

    const ok = await postContribution(stub.url, body);
    expect(ok.status).toBe(201);
    expect(stub.contributions()).toHaveLength(1);
    expect(stub.requestCount(body.submissionId)).toBe(4);
    expect(stub.bodiesReceived(body.submissionId)).toBe(4);
  });

  it('status without times lasts until cleared, with a custom body', async () => {
    stub.setFault({ kind: 'status', status: 429, body: 'slow down' });
    for (let i = 0; i < 4; i++) {
      const res = await postContribution(stub.url, contributionBody());
      expect(res.status).toBe(429);
      expect(await res.text()).toBe('slow down');
    }
    stub.setFault(null);
    expect((await postContribution(stub.url, contributionBody())).status).toBe(201);
  });

  it('slow makes a client timeout fire; the retry gets a receipt and the late original is not stored twice', async () => {
    stub.setFault({ kind: 'slow', delayMs: 300, times: 1 });
    const body = contributionBody();

    const timedOut = postContribution(stub.url, body, { signal: AbortSignal.timeout(50) });
    await expect(timedOut).rejects.toMatchObject({ name: 'TimeoutError' });

    const retry = await postContribution(stub.url, body);
    expect(retry.status).toBe(201);
    const receiptId = await receiptOf(retry);

    // Let the delayed original finish: it lands on the stored key, so it is a replay, not a second record.
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(stub.contributions()).toHaveLength(1);
    expect(stub.contributions()[0]!.receiptId).toBe(receiptId);
    expect(stub.requestCount(body.submissionId)).toBe(2);
  });

  it('slow still answers normally to a patient client', async () => {
    stub.setFault({ kind: 'slow', delayMs: 100 });
    const started = Date.now();
    const res = await postContribution(stub.url, contributionBody());
    expect(res.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('reset drops the connection: a network error and nothing stored', async () => {
    stub.setFault({ kind: 'reset', times: 1 });
    const body = contributionBody();

    await expect(postContribution(stub.url, body)).rejects.toMatchObject(NETWORK_ERROR);
    expect(stub.contributions()).toHaveLength(0);
    expect(stub.requestCount(body.submissionId)).toBe(1);
    expect(stub.bodiesReceived(body.submissionId)).toBe(0); // cut off before its body was read

    expect((await postContribution(stub.url, body)).status).toBe(201);
    expect(stub.bodiesReceived(body.submissionId)).toBe(1);
  });

  it('accept-then-reset stores the contribution, errors, and the retry gets 200 with the same receipt', async () => {
    stub.setFault({ kind: 'accept-then-reset', times: 1 });
    const body = contributionBody();

    await expect(postContribution(stub.url, body)).rejects.toMatchObject(NETWORK_ERROR);
    const stored = stub.contributions();
    expect(stored).toHaveLength(1);

    const retry = await postContribution(stub.url, body);
    expect(retry.status).toBe(200);
    expect(await receiptOf(retry)).toBe(stored[0]!.receiptId);
    expect(stub.contributions()).toHaveLength(1);
    expect(stub.requestCount(body.submissionId)).toBe(2);
  });

  it('garbage answers 200 with a body that is not JSON, and stores nothing', async () => {
    stub.setFault({ kind: 'garbage', times: 1 });
    const res = await postContribution(stub.url, contributionBody());
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toMatchObject({ name: 'SyntaxError' });
    expect(stub.contributions()).toHaveLength(0);
  });

  it('does not fault the health or control endpoints', async () => {
    stub.setFault({ kind: 'reset' });
    expect((await fetch(`${stub.url}/health`)).status).toBe(200);
    expect((await fetch(`${stub.url}/__stub/stats`)).status).toBe(200);
  });

  it('clear() removes the fault as well as the data', async () => {
    stub.setFault({ kind: 'status', status: 500 });
    await postContribution(stub.url, contributionBody());
    stub.clear();
    expect(stub.requestCount()).toBe(0);
    expect((await postContribution(stub.url, contributionBody())).status).toBe(201);
  });

  it('rejects malformed faults instead of guessing', () => {
    expect(() => stub.setFault({ kind: 'status', status: 99 })).toThrow(TypeError);
    expect(() => stub.setFault({ kind: 'slow', delayMs: -1 })).toThrow(TypeError);
    expect(() => stub.setFault({ kind: 'reset', times: 0 })).toThrow(TypeError);
    expect(() => stub.setFault({ kind: 'nope' } as never)).toThrow(TypeError);
    expect(() => stub.setFault({ kind: 'reset', time: 3 } as never)).toThrow(/unknown fault property/);
  });
});
