import { createHash } from 'node:crypto';
import { ContributionFileStream, ContributionPayload } from '../application/submission.ports';

/**
 * The outbound JSON body (API.md, "Outbound"), written as a stream: the envelope as JSON text, each
 * file read from storage and base64-encoded on the fly, then the PDF. Memory stays at one storage
 * slice and its base64 whatever the contribution's size (20 × 10 MiB once took 1.5 GB as strings).
 *
 * The length is known before the first byte (base64 of n bytes is 4·⌈n/3⌉ characters), so the body
 * goes with a Content-Length as before, and a file that yields more or fewer bytes than it declared,
 * or bytes whose SHA-256 is not the one in the snapshot, stops the body before its end: the case
 * system never receives a complete but wrong contribution.
 */
export interface EncodedContribution {
  length: number;
  chunks: AsyncIterable<Buffer>;
}

export class ContributionContentError extends Error {}

export function encodeContribution(payload: ContributionPayload): EncodedContribution {
  const { attachments, pdf, ...envelope } = payload;
  // JSON.stringify of the envelope, its closing brace replaced by the streamed rest (key order as in API.md).
  const head = Buffer.from(`${JSON.stringify(envelope).slice(0, -1)},"attachments":[`);
  const parts: (Buffer | { file: ContributionFileStream; sha256: string | null; label: string })[] = [head];
  attachments.forEach((a, index) => {
    const meta = JSON.stringify({ filename: a.filename, contentType: a.contentType, size: a.size, sha256: a.sha256 });
    if (a.file.size !== a.size)
      throw new ContributionContentError(`attachment ${index + 1} is ${a.file.size} bytes in storage, ${a.size} in the snapshot`);
    parts.push(Buffer.from(`${index ? ',' : ''}${meta.slice(0, -1)},"contentBase64":"`));
    parts.push({ file: a.file, sha256: a.sha256, label: `attachment ${index + 1}` });
    parts.push(Buffer.from('"}'));
  });
  parts.push(Buffer.from('],"pdfBase64":"'));
  const pdfHash = { value: pdf.sha256 };
  parts.push({ file: pdf.file, sha256: pdf.sha256, label: 'the PDF' });
  // The PDF's hash closes the body: when the snapshot has none it is the one computed while sending.
  const tail = () => Buffer.from(`","pdfSha256":"${pdfHash.value}"}`);
  const tailLength = Buffer.byteLength('","pdfSha256":""}') + 64;

  const length =
    parts.reduce((sum, part) => sum + (Buffer.isBuffer(part) ? part.length : base64Length(part.file.size)), 0) + tailLength;

  async function* chunks(): AsyncGenerator<Buffer> {
    for (const part of parts) {
      if (Buffer.isBuffer(part)) {
        yield part;
        continue;
      }
      const digest = yield* base64Of(part.file, part.label, part.sha256);
      if (part.file === pdf.file) pdfHash.value = digest;
    }
    yield tail();
  }
  return { length, chunks: chunks() };
}

export function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

/** Base64 of a stream, three bytes at a time across chunk edges; returns the hex SHA-256 of what it read. */
async function* base64Of(
  file: ContributionFileStream,
  label: string,
  expectedSha256: string | null,
): AsyncGenerator<Buffer, string> {
  const hash = createHash('sha256');
  let carry = Buffer.alloc(0);
  let read = 0;
  for await (const raw of file.content as AsyncIterable<Buffer>) {
    const chunk = carry.length ? Buffer.concat([carry, raw]) : raw;
    read += raw.length;
    if (read > file.size) throw new ContributionContentError(`${label} is longer than its ${file.size} bytes`);
    hash.update(raw);
    const whole = chunk.length - (chunk.length % 3);
    carry = Buffer.from(chunk.subarray(whole));
    if (whole) yield Buffer.from(chunk.subarray(0, whole).toString('base64'), 'latin1');
  }
  if (read !== file.size) throw new ContributionContentError(`${label} ended after ${read} of its ${file.size} bytes`);
  const digest = hash.digest('hex');
  if (expectedSha256 && digest !== expectedSha256.toLowerCase())
    throw new ContributionContentError(`${label} does not match its SHA-256 (the stored bytes changed)`);
  if (carry.length) yield Buffer.from(carry.toString('base64'), 'latin1');
  return digest;
}
