import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
  UploadPartCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { S3Settings } from '../../config/config-slices';
import { DomainError } from '../../shared/errors/domain-error';
import { FileStorage, StoredFileStream } from '../application/task.ports';

/** The object store did not answer (down, unreachable, refusing our credentials): 503, nothing saved is touched. */
export class StorageUnavailableError extends DomainError {
  constructor(cause: string) {
    super('storage_unavailable', 'unavailable', 'Files cannot be stored or read right now', {
      detail: 'Nothing you saved is lost. Try again in a few minutes.',
    });
    this.stack = `${this.stack ?? ''}\ncause: ${cause}`;
  }
}

/** S3 allows at most 1000 keys per DeleteObjects request. */
const DELETE_BATCH = 1000;
/**
 * S3's smallest part of a multipart upload (all but the last): an upload holds at most one such
 * part in memory while it is sent. Bounded by the number of uploads processed at once.
 */
export const S3_PART_BYTES = 5 * 1024 * 1024;
/** Where uploads are staged until they passed their checks, under the key prefix. */
const STAGING = 'staging/';

/**
 * Files as objects in an S3-compatible bucket (AWS S3, MinIO, Ceph, an Azure gateway), key =
 * prefix + file id. Private objects only: the portal streams downloads after its own checks.
 * Credentials come from the AWS SDK's standard chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY,
 * AWS_PROFILE, web identity, instance roles). Checksums are only sent where S3 requires them, so
 * S3-compatible stores without the newer checksum headers work too.
 *
 * Unlike PostgreSQL rows, objects do not join the use case's transaction: an object is written before
 * the row that names it (a rolled-back upload leaves an unreferenced object, never a row without
 * bytes), and a failed delete fails the use case (its rows stay, so nothing is half-removed).
 */
export class S3FileStorage extends FileStorage {
  private readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    super();
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // A store that does not answer must not hold a request (or a delivery lane) for long.
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 3000, requestTimeout: 30_000 },
    });
  }

  private key(id: string): string {
    return `${this.settings.keyPrefix}${id}`;
  }

  async put(id: string, content: Buffer): Promise<void> {
    await this.putStream(id, Readable.from([content]), content.length);
  }

  /** Writes `length` bytes from `body` without holding them in memory. */
  async putStream(id: string, body: Readable, length: number): Promise<void> {
    await this.call(() =>
      this.client.send(
        new PutObjectCommand({ Bucket: this.settings.bucket, Key: this.key(id), Body: body, ContentLength: length }),
      ),
    );
  }

  async get(id: string): Promise<Buffer | null> {
    const opened = await this.openRead(id);
    if (!opened) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of opened.content) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** The object's size and its bytes as a stream (never held whole), or null when there is no such object. */
  async openRead(id: string): Promise<StoredFileStream | null> {
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.key(id) }));
      return { size: Number(result.ContentLength ?? 0), content: result.Body as Readable };
    } catch (error) {
      if (error instanceof NoSuchKey || (error as S3ServiceException).name === 'NoSuchKey') return null;
      throw this.unavailable(error);
    }
  }

  private stagedKey(id: string): string {
    return `${this.settings.keyPrefix}${STAGING}${id}`;
  }

  /**
   * A multipart upload of S3_PART_BYTES parts (a file that ends within the first part is one plain
   * PUT). If reading or sending fails the multipart upload is aborted, so S3 keeps no parts of it; an
   * instance that dies mid-upload leaves one for the bucket's AbortIncompleteMultipartUpload rule.
   */
  async stage(id: string, content: AsyncIterable<Buffer>): Promise<number> {
    const Bucket = this.settings.bucket;
    const Key = this.stagedKey(id);
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let size = 0;
    let uploadId: string | undefined;
    const parts: { ETag?: string; PartNumber: number }[] = [];
    const sendPart = async (body: Buffer) => {
      if (!uploadId) {
        const created = await this.call(() => this.client.send(new CreateMultipartUploadCommand({ Bucket, Key })));
        uploadId = created.UploadId;
      }
      const PartNumber = parts.length + 1;
      const sent = await this.call(() =>
        this.client.send(new UploadPartCommand({ Bucket, Key, UploadId: uploadId, PartNumber, Body: body, ContentLength: body.length })),
      );
      parts.push({ ETag: sent.ETag, PartNumber });
    };
    try {
      for await (const chunk of content) {
        size += chunk.length;
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= S3_PART_BYTES) {
          await sendPart(Buffer.concat(pending, pendingBytes));
          pending = [];
          pendingBytes = 0;
        }
      }
      const rest = Buffer.concat(pending, pendingBytes);
      if (!uploadId) {
        await this.putStream(`${STAGING}${id}`, Readable.from([rest]), rest.length);
        return size;
      }
      if (rest.length) await sendPart(rest);
      await this.call(() =>
        this.client.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId: uploadId, MultipartUpload: { Parts: parts } })),
      );
      return size;
    } catch (error) {
      if (uploadId) {
        const UploadId = uploadId;
        await this.client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId })).catch(() => undefined);
      }
      throw error;
    }
  }

  readStaged(id: string, start: number, end: number): Readable {
    if (end <= start) return Readable.from([]);
    const Range = `bytes=${start}-${end - 1}`;
    const client = this.client;
    const Bucket = this.settings.bucket;
    const Key = this.stagedKey(id);
    const call = <T>(send: () => Promise<T>) => this.call(send);
    return Readable.from(
      (async function* () {
        const result = await call(() => client.send(new GetObjectCommand({ Bucket, Key, Range })));
        for await (const chunk of result.Body as Readable) yield chunk as Buffer;
      })(),
      { objectMode: false },
    );
  }

  /** A copy within the bucket (no byte passes through the portal), then the staged object goes. */
  async commitStaged(id: string): Promise<void> {
    const Bucket = this.settings.bucket;
    await this.call(() =>
      this.client.send(
        new CopyObjectCommand({ Bucket, Key: this.key(id), CopySource: `${Bucket}/${encodeURIComponent(this.stagedKey(id)).replace(/%2F/g, '/')}` }),
      ),
    );
    await this.discardStaged(id);
  }

  async discardStaged(id: string): Promise<void> {
    await this.call(() => this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.stagedKey(id) })));
  }

  async sweepStaged(before: Date): Promise<number> {
    const Prefix = `${this.settings.keyPrefix}${STAGING}`;
    let swept = 0;
    let ContinuationToken: string | undefined;
    do {
      const page = await this.call(() =>
        this.client.send(new ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix, ContinuationToken })),
      );
      const old = (page.Contents ?? []).filter((o) => o.Key && o.LastModified && o.LastModified < before);
      for (const object of old) {
        await this.call(() => this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: object.Key })));
        swept += 1;
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return swept;
  }

  async delete(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += DELETE_BATCH) {
      const batch = ids.slice(i, i + DELETE_BATCH);
      const result = await this.call(() =>
        this.client.send(
          new DeleteObjectsCommand({
            Bucket: this.settings.bucket,
            Delete: { Objects: batch.map((id) => ({ Key: this.key(id) })), Quiet: true },
          }),
        ),
      );
      // A key that does not exist is not an error in S3; anything listed here was not deleted.
      if (result.Errors?.length)
        throw this.unavailable(new Error(`${result.Errors.length} object(s) not deleted: ${result.Errors[0].Code}`));
    }
  }

  private async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  private unavailable(error: unknown): StorageUnavailableError {
    return new StorageUnavailableError((error as Error)?.message ?? String(error));
  }
}
