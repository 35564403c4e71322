import { startCaseSystemStub, type CaseSystemStub } from './index';
import { contributionBody, postContribution } from './spec-fixtures';

describe('HTTP control surface', () => {
  let stub: CaseSystemStub;

  const control = (path: string, init?: RequestInit): Promise<Response> => fetch(`${stub.url}${path}`, init);
  const putFault = (fault: unknown): Promise<Response> =>
    control('/__stub/fault', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });

  beforeAll(async () => {
    stub = await startCaseSystemStub({ port: 0 });
  });
  afterAll(() => stub.close());
  beforeEach(() => stub.clear());

  it('GET /health answers 200', async () => {
    const res = await control('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /__stub/contributions lists summaries without base64', async () => {
    const body = contributionBody();
    const receipt = (await (await postContribution(stub.url, body)).json()) as { receiptId: string };

    const res = await control('/__stub/contributions');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(body.pdfBase64);
    expect(text).not.toMatch(/contentBase64|pdfBase64/);
    const { items } = JSON.parse(text) as { items: unknown[] };
    expect(items).toEqual([
      {
        receiptId: receipt.receiptId,
        idempotencyKey: body.submissionId,
        submissionId: body.submissionId,
        taskExternalRef: body.taskExternalRef,
        form: body.form,
        attachments: body.attachments.map((a: { filename: string; contentType: string; size: number }) => ({
          filename: a.filename, contentType: a.contentType, size: a.size,
        })),
        pdfSize: Buffer.from(body.pdfBase64, 'base64').length,
        receivedAt: expect.any(String),
      },
    ]);
  });

  it('GET /__stub/contributions/:submissionId returns the full body, or 404', async () => {
    const body = contributionBody();
    await postContribution(stub.url, body);

    const res = await control(`/__stub/contributions/${body.submissionId}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ idempotencyKey: body.submissionId, body });

    expect((await control('/__stub/contributions/unknown')).status).toBe(404);
  });

  it('GET /__stub/stats counts contributions and requests, overall or for one key', async () => {
    const body = contributionBody();
    await postContribution(stub.url, body);
    await postContribution(stub.url, body);
    await postContribution(stub.url, contributionBody(), { key: null });

    expect(await (await control('/__stub/stats')).json()).toEqual({ contributions: 1, requests: 3, fault: null });
    const forKey = await (await control(`/__stub/stats?key=${body.submissionId}`)).json();
    expect(forKey).toMatchObject({ contributions: 1, requests: 2 });
  });

  it('PUT /__stub/fault sets a fault that then applies, and null clears it', async () => {
    const set = await putFault({ kind: 'status', status: 503, times: 2 });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ fault: { kind: 'status', status: 503, times: 2 } });

    expect((await postContribution(stub.url, contributionBody())).status).toBe(503);
    // The remaining count is visible, so another process can tell when the fault is used up.
    expect(await (await control('/__stub/fault')).json()).toEqual({ fault: { kind: 'status', status: 503, times: 1 } });

    expect((await putFault(null)).status).toBe(200);
    expect((await postContribution(stub.url, contributionBody())).status).toBe(201);
  });

  it('PUT /__stub/fault rejects invalid faults and bad JSON with 400', async () => {
    const invalid = await putFault({ kind: 'slow' });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ code: 'invalid_fault' });

    const badJson = await control('/__stub/fault', { method: 'PUT', body: '{' });
    expect(badJson.status).toBe(400);
    expect(await (await control('/__stub/fault')).json()).toEqual({ fault: null });
  });

  it('DELETE /__stub/fault clears the fault', async () => {
    await putFault({ kind: 'reset' });
    expect((await control('/__stub/fault', { method: 'DELETE' })).status).toBe(204);
    expect((await postContribution(stub.url, contributionBody())).status).toBe(201);
  });

  it('POST /__stub/clear forgets contributions, counts and faults', async () => {
    await postContribution(stub.url, contributionBody());
    await putFault({ kind: 'garbage' });

    const res = await control('/__stub/clear', { method: 'POST' });
    expect(res.status).toBe(204);
    expect(await (await control('/__stub/stats')).json()).toEqual({ contributions: 0, requests: 0, fault: null });
    expect(stub.contributions()).toEqual([]);
  });

  it('answers 404 for unknown paths and 405 for wrong methods', async () => {
    expect((await control('/nope')).status).toBe(404);
    expect((await control('/__stub/nope')).status).toBe(404);
    const wrong = await control('/__stub/clear');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });
});
