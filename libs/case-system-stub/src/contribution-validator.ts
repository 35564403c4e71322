import { ReceivedFile } from './streaming-body';

/**
 * Validation of a `POST /contributions` body against the outbound contract. The stub is
 * deliberately strict about the parts that prove the portal did its job (every required field,
 * the files really being the files) and tolerant of extra properties, as a real gateway would be.
 */

export type IssueCode = 'invalid_request' | 'idempotency_key_mismatch' | 'checksum_mismatch';

export interface ValidationIssue {
  path: string;
  message: string;
  code: IssueCode;
}

export interface ValidationFailure {
  // The most fundamental problem found: a malformed body outranks a key mismatch, which outranks a checksum.
  code: IssueCode;
  errors: ValidationIssue[];
}

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** A file field as received: decoded while streaming (see streaming-body.ts), or text in a body built in memory. */
function received(value: unknown): ReceivedFile | undefined {
  if (value instanceof ReceivedFile) return value;
  if (typeof value === 'string') return ReceivedFile.fromBase64(value, false);
  return undefined;
}

class IssueList {
  readonly items: ValidationIssue[] = [];

  add(path: string, message: string, code: IssueCode = 'invalid_request'): void {
    this.items.push({ path, message, code });
  }

  requireString(parent: Json, key: string, path: string): void {
    if (!isNonEmptyString(parent[key])) this.add(path, 'must be a non-empty string');
  }
}

function checkSubmittedBy(value: unknown, issues: IssueList): void {
  if (!isObject(value)) {
    issues.add('/submittedBy', 'must be an object { accountId, name, email, organisation }');
    return;
  }
  issues.requireString(value, 'accountId', '/submittedBy/accountId');
  issues.requireString(value, 'name', '/submittedBy/name');
  if (!isNonEmptyString(value.email) || !value.email.includes('@')) {
    issues.add('/submittedBy/email', 'must be an email address');
  }
  // Not every professional belongs to an organisation, but the property must be sent (null if none).
  if (!('organisation' in value) || (value.organisation !== null && typeof value.organisation !== 'string')) {
    issues.add('/submittedBy/organisation', 'must be a string or null');
  }
}

/** Checks one base64 file against its declared checksum (and size, when known). */
function checkFile(
  issues: IssueList,
  path: string,
  base64: unknown,
  base64Key: string,
  sha256: unknown,
  shaKey: string,
  expectedSize?: number,
): ReceivedFile | undefined {
  const file = received(base64);
  const data = file?.valid ? file : undefined;
  if (data === undefined) issues.add(`${path}/${base64Key}`, 'must be a padded standard base64 string');
  const shaOk = typeof sha256 === 'string' && SHA256_HEX.test(sha256);
  if (!shaOk) issues.add(`${path}/${shaKey}`, 'must be the hex SHA-256 of the content (64 hex digits)');
  if (data === undefined || !shaOk) return undefined;
  if (expectedSize !== undefined && data.size !== expectedSize) {
    issues.add(`${path}/size`, `is ${expectedSize} but the content decodes to ${data.size} bytes`, 'checksum_mismatch');
  }
  if (data.sha256 !== sha256.toLowerCase()) {
    issues.add(`${path}/${shaKey}`, `does not match the content (content hashes to ${data.sha256})`, 'checksum_mismatch');
  }
  return data;
}

function checkAttachments(value: unknown, issues: IssueList): void {
  if (!Array.isArray(value)) {
    issues.add('/attachments', 'must be an array (empty when there are no attachments)');
    return;
  }
  value.forEach((item: unknown, index) => {
    const path = `/attachments/${index}`;
    if (!isObject(item)) {
      issues.add(path, 'must be an object { filename, contentType, size, sha256, contentBase64 }');
      return;
    }
    issues.requireString(item, 'filename', `${path}/filename`);
    if (typeof item.contentType !== 'string' || !MEDIA_TYPE.test(item.contentType)) {
      issues.add(`${path}/contentType`, 'must be a media type such as application/pdf');
    }
    const size = item.size;
    const sizeOk = typeof size === 'number' && Number.isInteger(size) && size >= 0;
    if (!sizeOk) issues.add(`${path}/size`, 'must be a non-negative integer (bytes)');
    checkFile(issues, path, item.contentBase64, 'contentBase64', item.sha256, 'sha256', sizeOk ? size : undefined);
  });
}

function checkPdf(body: Json, issues: IssueList): void {
  const pdf = checkFile(issues, '', body.pdfBase64, 'pdfBase64', body.pdfSha256, 'pdfSha256');
  // The portal renders a real PDF; an empty or non-PDF payload means it sent a placeholder.
  if (pdf !== undefined && pdf.head.subarray(0, 5).toString('latin1') !== '%PDF-') {
    issues.add('/pdfBase64', 'does not decode to a PDF document (no %PDF- header)');
  }
}

/** Returns null when the body is a valid contribution for this Idempotency-Key. */
export function validateContribution(body: unknown, idempotencyKey: string): ValidationFailure | null {
  const issues = new IssueList();
  if (!isObject(body)) {
    issues.add('', 'body must be a JSON object');
  } else {
    if (!isNonEmptyString(body.submissionId)) {
      issues.add('/submissionId', 'must be a non-empty string');
    } else if (body.submissionId !== idempotencyKey) {
      // The key *is* the submission id; a mismatch would break exactly-once delivery.
      issues.add('/submissionId', 'must equal the Idempotency-Key header', 'idempotency_key_mismatch');
    }
    issues.requireString(body, 'taskExternalRef', '/taskExternalRef');
    if (!isObject(body.form)) {
      issues.add('/form', 'must be an object { key, version }');
    } else {
      issues.requireString(body.form, 'key', '/form/key');
      const version = body.form.version;
      if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
        issues.add('/form/version', 'must be a positive integer');
      }
    }
    if (!isObject(body.subject)) issues.add('/subject', 'must be an object');
    if (typeof body.submittedAt !== 'string' || !ISO_INSTANT.test(body.submittedAt) || Number.isNaN(Date.parse(body.submittedAt))) {
      issues.add('/submittedAt', 'must be an ISO-8601 date-time such as 2026-11-28T10:00:00.000Z');
    }
    checkSubmittedBy(body.submittedBy, issues);
    if (!isObject(body.answers)) issues.add('/answers', 'must be an object keyed by question id');
    checkAttachments(body.attachments, issues);
    checkPdf(body, issues);
  }
  if (issues.items.length === 0) return null;
  const rank: IssueCode[] = ['invalid_request', 'idempotency_key_mismatch', 'checksum_mismatch'];
  const code = rank.find((c) => issues.items.some((issue) => issue.code === c)) ?? 'invalid_request';
  return { code, errors: issues.items };
}
