/** Builders shared by this library's specs (not exported from index: the portal sends real data). */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** The smallest thing that passes the stub's "is this a PDF" check. */
export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

export function attachment(filename: string, content: Buffer, contentType = 'application/octet-stream') {
  return { filename, contentType, size: content.length, sha256: sha256(content), contentBase64: content.toString('base64') };
}

/** A valid contribution body; override any field to make it invalid. */
export function contributionBody(overrides: Record<string, unknown> = {}): Record<string, any> {
  const submissionId = (overrides.submissionId as string | undefined) ?? randomUUID();
  return {
    submissionId,
    taskExternalRef: `CASE-${submissionId.slice(0, 8)}`,
    form: { key: 'education-advice', version: 1 },
    subject: { reference: 'C-1001', displayName: 'Sam Example' },
    submittedAt: '2026-11-28T10:00:00.000Z',
    submittedBy: { accountId: randomUUID(), name: 'Pat Teacher', email: 'pat@school.example', organisation: 'Example School' },
    answers: { summary: 'Doing well', needs: ['literacy'] },
    attachments: [attachment('report.txt', Buffer.from('school report')), attachment('scan.bin', randomBytes(2048))],
    pdfBase64: TINY_PDF.toString('base64'),
    pdfSha256: sha256(TINY_PDF),
    ...overrides,
  };
}

/** POSTs a contribution the way the portal does; `key: null` omits the Idempotency-Key header. */
export function postContribution(
  baseUrl: string,
  body: unknown,
  options: { key?: string | null; signal?: AbortSignal; contentType?: string; rawBody?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
  const key = options.key === undefined ? (body as { submissionId?: string }).submissionId : options.key;
  if (key !== null && key !== undefined) headers['idempotency-key'] = key;
  return fetch(`${baseUrl}/contributions`, {
    method: 'POST',
    headers,
    body: options.rawBody ?? JSON.stringify(body),
    signal: options.signal ?? null,
  });
}
