import { request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { startCaseSystemStub, type CaseSystemStub } from './index';
import { MAX_CONTRIBUTION_BYTES } from './contributions-handler';
import { attachment, contributionBody, postContribution, sha256 } from './spec-fixtures';

describe('POST /contributions', () => {
  let stub: CaseSystemStub;

  beforeAll(async () => {
    stub = await startCaseSystemStub({ port: 0 });
  });
  afterAll(() => stub.close());
  beforeEach(() => stub.clear());

  it('answers 201 with a receiptId on first receipt and stores the body verbatim', async () => {
    const body = contributionBody();
    const res = await postContribution(stub.url, body);

    expect(res.status).toBe(201);
    const { receiptId } = (await res.json()) as { receiptId: string };
    expect(typeof receiptId).toBe('string');
    expect(receiptId.length).toBeGreaterThan(0);
    const stored = stub.contributions();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ receiptId, idempotencyKey: body.submissionId, body });
    expect(Number.isNaN(Date.parse(stored[0]!.receivedAt))).toBe(false);
  });

  it('is idempotent: the same key again answers 200 with the same receiptId and stores nothing new', async () => {
    const body = contributionBody();
    const first = await postContribution(stub.url, body);
    const { receiptId } = (await first.json()) as { receiptId: string };

    const again = await postContribution(stub.url, body);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual({ receiptId });
    expect(stub.contributions()).toHaveLength(1);
    expect(stub.requestCount(body.submissionId)).toBe(2);
    expect(stub.requestCount()).toBe(2);
  });

  it('gives different submissions different receipts', async () => {
    const a = await (await postContribution(stub.url, contributionBody())).json();
    const b = await (await postContribution(stub.url, contributionBody())).json();
    expect(a).not.toEqual(b);
    expect(stub.contributions()).toHaveLength(2);
  });

  it('accepts a contribution with no attachments', async () => {
    const res = await postContribution(stub.url, contributionBody({ attachments: [] }));
    expect(res.status).toBe(201);
  });

  it('rejects an attachment whose sha256 does not match its content', async () => {
    const file = attachment('report.pdf', Buffer.from('the real file'));
    const body = contributionBody({ attachments: [{ ...file, sha256: sha256(Buffer.from('another file')) }] });
    const res = await postContribution(stub.url, body);

    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { code: string; errors: { path: string }[] };
    expect(problem.code).toBe('checksum_mismatch');
    expect(problem.errors.map((e) => e.path)).toEqual(['/attachments/0/sha256']);
    expect(stub.contributions()).toHaveLength(0);
  });

  it('rejects a pdfSha256 that does not match the PDF', async () => {
    const res = await postContribution(stub.url, contributionBody({ pdfSha256: sha256(Buffer.from('x')) }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'checksum_mismatch', errors: [{ path: '/pdfSha256' }] });
  });

  it('rejects a declared size that differs from the decoded content', async () => {
    const file = attachment('a.txt', Buffer.from('12345'));
    const res = await postContribution(stub.url, contributionBody({ attachments: [{ ...file, size: 6 }] }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'checksum_mismatch', errors: [{ path: '/attachments/0/size' }] });
  });

  it('rejects a "PDF" that is not a PDF', async () => {
    const notPdf = Buffer.from('hello');
    const res = await postContribution(stub.url, contributionBody({ pdfBase64: notPdf.toString('base64'), pdfSha256: sha256(notPdf) }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid_request', errors: [{ path: '/pdfBase64' }] });
  });

  it('rejects a request without an Idempotency-Key, but still counts it', async () => {
    const res = await postContribution(stub.url, contributionBody(), { key: null });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 400, code: 'missing_idempotency_key' });
    expect(stub.contributions()).toHaveLength(0);
    expect(stub.requestCount()).toBe(1);
  });

  it('rejects a submissionId that differs from the Idempotency-Key', async () => {
    const res = await postContribution(stub.url, contributionBody(), { key: randomUUID() });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'idempotency_key_mismatch', errors: [{ path: '/submissionId' }] });
  });

  it('lists every missing required field', async () => {
    const body = contributionBody();
    for (const field of ['taskExternalRef', 'form', 'subject', 'submittedAt', 'submittedBy', 'answers', 'attachments', 'pdfBase64', 'pdfSha256']) {
      delete body[field];
    }
    const res = await postContribution(stub.url, body);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { code: string; errors: { path: string }[] };
    expect(problem.code).toBe('invalid_request');
    expect(problem.errors.map((e) => e.path).sort()).toEqual(
      ['/answers', '/attachments', '/form', '/pdfBase64', '/pdfSha256', '/subject', '/submittedAt', '/submittedBy', '/taskExternalRef'],
    );
  });

  it('checks nested fields (form version, submitter email, attachment base64)', async () => {
    const body = contributionBody({
      form: { key: 'education-advice', version: '1' },
      submittedBy: { accountId: 'a', name: 'n', email: 'not-an-email' },
      attachments: [{ filename: 'x', contentType: 'text/plain', size: 1, sha256: 'abc', contentBase64: '@@@' }],
    });
    const res = await postContribution(stub.url, body);
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual([
      '/form/version',
      '/submittedBy/email',
      '/submittedBy/organisation',
      '/attachments/0/contentBase64',
      '/attachments/0/sha256',
    ]);
  });

  it('answers 400 invalid_json for a malformed body and 415 for a non-JSON content type', async () => {
    const key = randomUUID();
    const malformed = await postContribution(stub.url, {}, { key, rawBody: '{"submissionId":' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'invalid_json' });

    const body = contributionBody();
    const wrongType = await postContribution(stub.url, body, { contentType: 'text/plain' });
    expect(wrongType.status).toBe(415);
    expect(stub.contributions()).toHaveLength(0);
  });

  it('accepts a multi-megabyte contribution', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 7);
    const res = await postContribution(stub.url, contributionBody({ attachments: [attachment('big.bin', big)] }));
    expect(res.status).toBe(201);
    expect(stub.contributions()[0]!.body.attachments[0].size).toBe(big.length);
  });

  it('refuses a body declared larger than 400 MiB without reading it', async () => {
    expect(MAX_CONTRIBUTION_BYTES).toBe(400 * 1024 * 1024);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${stub.url}/contributions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'k', 'content-length': String(MAX_CONTRIBUTION_BYTES + 1) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('{');
    });
    expect(status).toBe(413);
  });

  it('answers 405 for other methods on /contributions', async () => {
    const res = await fetch(`${stub.url}/contributions`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});
