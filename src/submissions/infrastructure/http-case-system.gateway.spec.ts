import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
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
    pdf: { sha256: sha(pdf), file: { size: pdf.length, content: Readable.from([pdf]) } },
  };
}

const file = (text: string) => ({ size: Buffer.byteLength(text), content: Readable.from([Buffer.from(text)]) });

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
    const bad = payload(id());
    bad.pdf = { sha256: sha(Buffer.from('not a pdf')), file: file('not a pdf') };
    expect(await gateway.deliver(bad)).toEqual({ kind: 'refused', error: expect.stringContaining('no %PDF- header') });
  });

  it('streams files of any size, base64 across chunk edges, the PDF hash computed when the snapshot has none', async () => {
    const key = id();
    const big = Buffer.alloc(3 * 1024 * 1024 + 1, 7);
    for (let i = 0; i < big.length; i += 4093) big[i] = i % 251;
    const p = payload(key);
    // Odd chunk sizes: the encoder must carry 1-2 bytes across every edge.
    const pieces = [big.subarray(0, 1), big.subarray(1, 65_537), big.subarray(65_537)];
    p.attachments = [
      {
        filename: 'big.pdf',
        contentType: 'application/pdf',
        size: big.length,
        sha256: sha(big),
        file: { size: big.length, content: Readable.from(pieces) },
      },
    ];
    p.pdf = { sha256: null, file: { size: pdf.length, content: Readable.from([pdf.subarray(0, 2), pdf.subarray(2)]) } };
    // Not a timeout test: 300 ms without progress is too little for 4 MiB of base64 on a loaded CI machine.
    const patient = new HttpCaseSystemGateway({ caseSystemUrl: stub.url, deliveryTimeoutMs: 30_000 } as AppConfig);
    expect((await patient.deliver(p)).kind).toBe('accepted');
    const [stored] = stub.contributions().filter((c) => c.idempotencyKey === key);
    expect(stored.body.attachments[0]).toMatchObject({ size: big.length, sha256: sha(big) });
    expect(Buffer.from(stored.body.attachments[0].contentBase64, 'base64').equals(big)).toBe(true);
    expect(stored.body.pdfSha256).toBe(sha(pdf));
  });

  it("stored bytes that are not the snapshot's stop the body before its end: refused, nothing received", async () => {
    const key = id();
    const p = payload(key);
    p.attachments = [
      { filename: 'a.pdf', contentType: 'application/pdf', size: 4, sha256: sha(Buffer.from('abcd')), file: file('abce') },
    ];
    expect(await gateway.deliver(p)).toEqual({ kind: 'refused', error: expect.stringContaining('does not match its SHA-256') });
    const short = payload(id());
    short.attachments = [
      {
        filename: 'a.pdf',
        contentType: 'application/pdf',
        size: 4,
        sha256: sha(Buffer.from('abcd')),
        file: { size: 4, content: Readable.from([Buffer.from('abc')]) },
      },
    ];
    expect(await gateway.deliver(short)).toEqual({
      kind: 'refused',
      error: expect.stringContaining('ended after 3 of its 4 bytes'),
    });
    expect(stub.contributions().filter((c) => c.idempotencyKey === key)).toHaveLength(0);
  });

  it('a storage read failing mid-body is retryable and named as such', async () => {
    const p = payload(id());
    async function* failing() {
      yield Buffer.from('ab');
      throw new Error('connection terminated');
    }
    p.attachments = [
      {
        filename: 'a.pdf',
        contentType: 'application/pdf',
        size: 4,
        sha256: sha(Buffer.from('abcd')),
        file: { size: 4, content: Readable.from(failing()) },
      },
    ];
    expect(await gateway.deliver(p)).toEqual({
      kind: 'retryable',
      error: expect.stringContaining("could not read the contribution's files: connection terminated"),
    });
  });

  it('the timeout is time without progress: a body that keeps moving may take longer than it', async () => {
    const p = payload(id());
    const content = Buffer.alloc(3000, 1);
    async function* trickle() {
      // 10 pieces 100 ms apart: a second in all, three times the 300 ms timeout, never 300 ms idle.
      for (let i = 0; i < 10; i++) {
        await new Promise((r) => setTimeout(r, 100));
        yield content.subarray(i * 300, (i + 1) * 300);
      }
    }
    p.attachments = [
      {
        filename: 'a.pdf',
        contentType: 'application/pdf',
        size: content.length,
        sha256: sha(content),
        file: { size: content.length, content: Readable.from(trickle()) },
      },
    ];
    expect((await gateway.deliver(p)).kind).toBe('accepted');
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

  it('shutdown stops an attempt in flight: retryable, named as such, without waiting for the timeout', async () => {
    const patient = new HttpCaseSystemGateway({ caseSystemUrl: stub.url, deliveryTimeoutMs: 10_000 } as AppConfig);
    stub.setFault({ kind: 'slow', delayMs: 5000, times: 1 });
    const stop = new AbortController();
    const started = Date.now();
    setTimeout(() => stop.abort(), 200);
    expect(await patient.deliver(payload(id()), stop.signal)).toEqual({
      kind: 'retryable',
      error: expect.stringContaining('shut down before the case system answered'),
    });
    // Well before the stub's 5 s answer and the 10 s timeout: what stopped it was the signal.
    expect(Date.now() - started).toBeLessThan(4000);
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
