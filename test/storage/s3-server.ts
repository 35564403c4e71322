import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- s3rver ships no types
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
};

export const TEST_BUCKET = 'portal-files';

/**
 * An S3-compatible server (s3rver, pure JavaScript from npm) on loopback, with its objects in a
 * directory of its own; `stop()` then `start()` again is an outage the data survives.
 */
export class LocalS3 {
  readonly directory = mkdtempSync(join(tmpdir(), 's3rver-'));
  private server?: { close(): Promise<void> };
  port = 0;

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new S3rver({
      address: '127.0.0.1',
      port: this.port,
      silent: true,
      directory: this.directory,
      configureBuckets: [{ name: TEST_BUCKET }],
    });
    const address = await server.run();
    this.port = address.port;
    this.server = server;
  }

  async stop(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.directory, { recursive: true, force: true });
  }

  /** The portal's environment for this store (credentials are the standard AWS variables). */
  env(prefix = ''): Record<string, string> {
    return {
      FILE_STORAGE: 's3',
      S3_BUCKET: TEST_BUCKET,
      S3_ENDPOINT: this.endpoint,
      S3_REGION: 'eu-west-2',
      S3_FORCE_PATH_STYLE: 'true',
      S3_KEY_PREFIX: prefix,
    };
  }
}

/** s3rver accepts any key pair; the SDK needs one to sign with. */
export function useTestAwsCredentials(): void {
  process.env.AWS_ACCESS_KEY_ID ??= 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'S3RVER';
}
