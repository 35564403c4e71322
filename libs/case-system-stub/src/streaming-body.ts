import { createHash, type Hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import Parser from 'stream-json/Parser';
import { ClientGoneError, PayloadTooLargeError } from './http-io';

/**
 * A contribution's body parsed as it arrives, the way a real gateway must take 270 MB contributions:
 * a streaming JSON tokenizer (stream-json), the tree built here, and every string under the keys
 * that carry files (`contentBase64`, `pdfBase64`) decoded on the fly into a `ReceivedFile` — its
 * size, SHA-256, first bytes and (when kept) the bytes — never held as base64 text.
 */

/** Keys whose string values are files in base64. */
const FILE_KEYS = new Set(['contentBase64', 'pdfBase64']);
/** Base64 text decoded at a time (a multiple of 4). */
const DECODE_BATCH = 64 * 1024;
const BASE64_TEXT = /^[A-Za-z0-9+/]*={0,2}$/;

/** A file field after decoding. `valid` is false for anything but canonical padded base64. */
export class ReceivedFile {
  constructor(
    readonly valid: boolean,
    readonly size: number,
    readonly sha256: string,
    /** The first bytes (enough to check a PDF's `%PDF-` header). */
    readonly head: Buffer,
    /** The bytes, when the stub keeps them (see CaseSystemStubOptions.retainFiles). */
    readonly content: Buffer | undefined,
  ) {}

  /** For a body built in memory (the validator's own tests). */
  static fromBase64(text: string, retain = true): ReceivedFile {
    const sink = new Base64Sink(retain);
    sink.write(text);
    return sink.end();
  }
}

/** Base64 text in, bytes hashed (and kept) out; tolerant of any split of the text into chunks. */
class Base64Sink {
  private pending = '';
  private valid = true;
  private padded = false;
  private size = 0;
  private readonly hash: Hash = createHash('sha256');
  private head = Buffer.alloc(0);
  private readonly kept: Buffer[] = [];

  constructor(private readonly retain: boolean) {}

  write(text: string): void {
    if (!this.valid) return;
    this.pending += text;
    if (this.pending.length >= DECODE_BATCH) {
      const whole = this.pending.length - (this.pending.length % 4);
      this.decode(this.pending.slice(0, whole));
      this.pending = this.pending.slice(whole);
    }
  }

  end(): ReceivedFile {
    if (this.pending.length % 4 !== 0) this.valid = false;
    else if (this.pending) this.decode(this.pending);
    this.pending = '';
    const content = this.retain && this.valid ? Buffer.concat(this.kept, this.size) : undefined;
    return new ReceivedFile(this.valid, this.size, this.hash.digest('hex'), this.head, content);
  }

  private decode(text: string): void {
    // Padding only at the very end; Buffer.from skips bad characters silently, hence the round trip.
    if (!this.valid || this.padded || !BASE64_TEXT.test(text)) {
      this.valid = false;
      return;
    }
    if (text.endsWith('=')) this.padded = true;
    const bytes = Buffer.from(text, 'base64');
    if (bytes.toString('base64') !== text) {
      this.valid = false;
      return;
    }
    this.size += bytes.length;
    this.hash.update(bytes);
    if (this.head.length < 8) this.head = Buffer.concat([this.head, bytes.subarray(0, 8 - this.head.length)]);
    if (this.retain) this.kept.push(bytes);
  }
}

export class InvalidJsonError extends Error {}

type Container = { kind: 'object'; value: Record<string, unknown>; key?: string } | { kind: 'array'; value: unknown[] };
interface Token {
  name: string;
  value?: string;
}

/** Builds the value from stream-json's tokens (keys and numbers packed, strings streamed). */
class Assembler {
  root: unknown;
  done = false;
  private readonly stack: Container[] = [];
  private text: string | undefined;
  private file: Base64Sink | undefined;

  constructor(private readonly retainFiles: boolean) {}

  consume(token: Token): void {
    switch (token.name) {
      case 'startObject':
        this.stack.push({ kind: 'object', value: {} });
        return;
      case 'startArray':
        this.stack.push({ kind: 'array', value: [] });
        return;
      case 'endObject':
      case 'endArray':
        this.add(this.stack.pop()!.value);
        return;
      case 'keyValue': {
        const top = this.stack[this.stack.length - 1];
        if (top?.kind === 'object') top.key = token.value;
        return;
      }
      case 'startString': {
        const top = this.stack[this.stack.length - 1];
        if (top?.kind === 'object' && top.key !== undefined && FILE_KEYS.has(top.key))
          this.file = new Base64Sink(this.retainFiles);
        else this.text = '';
        return;
      }
      case 'stringChunk':
        if (this.file) this.file.write(token.value!);
        else this.text += token.value!;
        return;
      case 'endString':
        if (this.file) {
          const file = this.file.end();
          this.file = undefined;
          this.add(file);
        } else {
          const text = this.text!;
          this.text = undefined;
          this.add(text);
        }
        return;
      case 'numberValue':
        this.add(Number(token.value));
        return;
      case 'trueValue':
        this.add(true);
        return;
      case 'falseValue':
        this.add(false);
        return;
      case 'nullValue':
        this.add(null);
        return;
      default:
        return;
    }
  }

  private add(value: unknown): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.root = value;
      this.done = true;
    } else if (top.kind === 'array') top.value.push(value);
    else top.value[top.key!] = value;
  }
}

/**
 * Reads and parses the request body, refusing more than `limit` bytes. File fields become
 * ReceivedFile; everything else is plain JSON. Throws PayloadTooLargeError, ClientGoneError or
 * InvalidJsonError.
 */
export function parseContributionStream(req: IncomingMessage, limit: number, retainFiles: boolean): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new PayloadTooLargeError(limit));
      return;
    }
    const assembler = new Assembler(retainFiles);
    const parser = new Parser({ packKeys: true, streamKeys: false, packNumbers: true, streamNumbers: false, packStrings: false });
    let total = 0;
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      req.removeListener('data', onData);
      parser.destroy();
      // Keep draining (not destroying) the request, so memory stays bounded and an answer can still go out.
      req.resume();
      reject(error);
    };
    const onData = (chunk: Buffer): void => {
      total += chunk.length;
      if (total > limit) return fail(new PayloadTooLargeError(limit));
      // Backpressure: the socket waits while the parser catches up.
      if (!parser.write(chunk)) {
        req.pause();
        parser.once('drain', () => req.resume());
      }
    };
    parser.on('data', (token: Token) => assembler.consume(token));
    parser.once('error', (error: Error) => fail(new InvalidJsonError(error.message)));
    parser.once('end', () => {
      if (settled) return;
      if (!assembler.done) return fail(new InvalidJsonError('the body ended before the JSON did'));
      settled = true;
      resolve(assembler.root);
    });
    req.on('data', onData);
    req.once('end', () => {
      if (!settled) parser.end();
    });
    req.once('error', (error) => fail(new ClientGoneError(error.message)));
    req.once('close', () => {
      if (!req.complete) fail(new ClientGoneError('client closed the connection before sending the whole body'));
    });
  });
}
