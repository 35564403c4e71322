import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CaseSystemStub, startCaseSystemStub } from '../../../libs/case-system-stub/src';
import { AppConfig } from '../../config/app-config';
import { ContributionPayload } from '../application/submission.ports';
import { HttpCaseSystemGateway } from './http-case-system.gateway';

const pdf = Buffer.from('%PDF-1.7 a contribution');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function payload(id: string): ContributionPayload {
  return {
    submissionId: id,
    taskExternalRef: 'LCS-1',
    form: { key: 'health-contribution', version: 1 },
    subject: { reference: 'LCS-123456', displayName: 'Alex Smith' },
    submittedAt: '2026-11-28T10:00:00.000Z',
    submittedBy: { accountId: 'acc-1', name: 'Sam Taylor', email: 'sam@x.example', organisation: 'Oakfield' },
    answers: { role: 'gp' },
    attachments: [],
    pdfBase64: pdf.toString('base64'),
    pdfSha256: sha(pdf),
  };
}

/** The gateway's reading of the case system's answers, against the stub over real HTTP. */
describe('HttpCaseSystemGateway', () => {
  let stub: CaseSystemStub;
  let gateway: HttpCaseSystemGateway;
  let n = 0;
  const id = () => `0190a0a0-0000-7000-8000-${String(++n).padStart(12, '0')}`;

  beforeAll(async () => {
    stub = await startCaseSystemStub();
    gateway = new HttpCaseSystemGateway({ caseSystemUrl: stub.url, deliveryTimeoutMs: 300 } as AppConfig);
  });
  afterAll(() => stub.close());
  afterEach(() => stub.setFault(null));

  it('accepted with the receipt, the submission id as Idempotency-Key; a replay gets the same receipt', async () => {
    const key = id();
    const first = await gateway.deliver(payload(key));
    expect(first).toEqual({ kind: 'accepted', receiptId: expect.stringMatching(/^CS-/) });
    expect(await gateway.deliver(payload(key))).toEqual(first);
    expect(stub.contributions().filter((c) => c.idempotencyKey === key)).toHaveLength(1);
  });

  it.each([500, 502, 503, 504, 429, 408])('HTTP %i is retryable', async (status) => {
    stub.setFault({ kind: 'status', status, times: 1 });
    expect(await gateway.deliver(payload(id()))).toEqual({ kind: 'retryable', error: expect.stringContaining(`HTTP ${status}`) });
  });

  it.each([400, 401, 403, 404, 409, 413, 422])('HTTP %i is a refusal, with what the case system said', async (status) => {
    stub.setFault({ kind: 'status', status, times: 1, body: '{"code":"nope"}' });
    expect(await gateway.deliver(payload(id()))).toEqual({ kind: 'refused', error: `HTTP ${status}: {"code":"nope"}` });
  });

  it('a body the stub finds invalid is refused (a portal bug an admin must see)', async () => {
    const bad = { ...payload(id()), pdfSha256: '0'.repeat(64) };
    expect(await gateway.deliver(bad)).toEqual({ kind: 'refused', error: expect.stringContaining('checksum_mismatch') });
  });

  it('timeouts, resets, garbage and 2xx without a receipt are retryable', async () => {
    stub.setFault({ kind: 'slow', delayMs: 1000, times: 1 });
    expect(await gateway.deliver(payload(id()))).toEqual({
      kind: 'retryable',
      error: expect.stringContaining('timed out after 300 ms'),
    });
    stub.setFault({ kind: 'reset', times: 1 });
    expect((await gateway.deliver(payload(id()))).kind).toBe('retryable');
    stub.setFault({ kind: 'accept-then-reset', times: 1 });
    expect((await gateway.deliver(payload(id()))).kind).toBe('retryable');
    stub.setFault({ kind: 'garbage', times: 1 });
    expect(await gateway.deliver(payload(id()))).toEqual({ kind: 'retryable', error: 'HTTP 200 without a receipt id' });
    stub.setFault({ kind: 'status', status: 200, times: 1, body: '{}' });
    expect((await gateway.deliver(payload(id()))).kind).toBe('retryable');
  });

  it('nobody listening is retryable; a redirect is not followed (refused for a person to look at)', async () => {
    const closed = new HttpCaseSystemGateway({ caseSystemUrl: 'http://127.0.0.1:1', deliveryTimeoutMs: 300 } as AppConfig);
    expect(await closed.deliver(payload(id()))).toEqual({
      kind: 'retryable',
      error: expect.stringContaining('no answer from the case system'),
    });

    let followed = 0;
    const redirecting = createServer((req, res) => {
      if (req.url === '/elsewhere') followed += 1;
      res.writeHead(307, { location: '/elsewhere' }).end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    try {
      const port = (redirecting.address() as AddressInfo).port;
      const redirected = new HttpCaseSystemGateway({
        caseSystemUrl: `http://127.0.0.1:${port}`,
        deliveryTimeoutMs: 300,
      } as AppConfig);
      expect(await redirected.deliver(payload(id()))).toEqual({ kind: 'refused', error: expect.stringContaining('HTTP 307') });
      expect(followed).toBe(0);
    } finally {
      redirecting.closeAllConnections();
      await new Promise((resolve) => redirecting.close(resolve));
    }
  });
});
