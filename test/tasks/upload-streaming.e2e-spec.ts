import { randomUUID } from 'node:crypto';
import { ClientRequest, request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { API, PortalClient, registerAndLogin } from '../support/portal-client';
import { countStagedFiles, sql } from '../support/sql';
import { pdf, pdfOfSize } from '../support/sample-files';
import { delegate, delegationBody, publishSampleForms, upload } from '../support/task-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { FileStorage } from '../../src/tasks/application/task.ports';
import { UploadSlots } from '../../src/tasks/application/upload-slots';
import { AbandonedUploadsSweepJob } from '../../src/tasks/infrastructure/abandoned-uploads-sweep.job';

/**
 * Issue 21: uploads stream into storage as staged parts, never whole in memory. What a refused or
 * abandoned upload staged is removed; an instance receives a few uploads at once, lets a bounded
 * line wait (unread) and refuses the rest with 503 uploads_busy and Retry-After.
 */

const BOUNDARY = '----streaming-test';

function multipartHead(filename: string): Buffer {
  return Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
}
const multipartTail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

/** An upload whose body the test sends piece by piece; `response` settles with the status and body (or the socket error). */
function openUpload(t: TestApp, client: PortalClient, taskId: string, contentLength: number) {
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  let req!: ClientRequest;
  const response = new Promise<{ status: number; headers: Record<string, unknown>; body: string } | { error: string }>((resolve) => {
    req = httpRequest(
      `http://127.0.0.1:${port}${API}/tasks/${taskId}/attachments`,
      {
        method: 'POST',
        headers: {
          'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
          'content-length': String(contentLength),
          cookie: `portal_session=${encodeURIComponent(client.sessionToken)}`,
          'x-csrf-token': client.csrf,
        },
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
  });
  return { req, response };
}

async function until(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; ) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('Uploads stream into storage', () => {
  let t: TestApp;
  let pro: PortalClient;

  beforeAll(async () => {
    t = await startTestApp();
    await publishSampleForms(t);
    pro = await registerAndLogin(t, 'streamer@school.example');
  });
  afterAll(() => t.close());

  const newTask = async () => (await delegate(t, delegationBody('streamer@school.example'))).id as string;

  it('a file of many parts becomes one stored file, byte for byte, and leaves no staged parts behind', async () => {
    const taskId = await newTask();
    const content = pdfOfSize(3 * 1024 * 1024 + 123);
    const r = await upload(pro.agent, pro.csrf, taskId, content, 'big.pdf').expect(201);
    expect(r.body.size).toBe(content.length);
    const [row] = await sql<{ size: number }>(
      t,
      'SELECT octet_length(f.content)::int AS size FROM stored_files f JOIN task_attachments a ON a.file_id = f.id WHERE a.id = ?',
      [r.body.id],
    );
    expect(row.size).toBe(content.length);
    expect(await countStagedFiles(t)).toBe(0);
  });

  it('a client that gives up mid-upload leaves no staged bytes and no file', async () => {
    const taskId = await newTask();
    const content = pdfOfSize(4 * 1024 * 1024);
    const upload = openUpload(t, pro, taskId, multipartHead('gone.pdf').length + content.length + multipartTail.length);
    upload.req.write(multipartHead('gone.pdf'));
    upload.req.write(content.subarray(0, 2 * 1024 * 1024));
    // Parts are written as the bytes arrive: the first ones are in storage before the upload ends.
    await until(async () => (await countStagedFiles(t)) > 0, 'the first parts to be staged');
    upload.req.destroy();
    await upload.response;
    await until(async () => (await countStagedFiles(t)) === 0, 'the staged parts to be removed');
    const detail = await pro.get(`/tasks/${taskId}`).expect(200);
    expect(detail.body.attachments).toEqual([]);
  });

  it('the sweep removes staged parts of uploads that died mid-way, and leaves those still arriving', async () => {
    const storage = t.app.get(FileStorage);
    const [abandoned, arriving] = [randomUUID(), randomUUID()];
    // What an instance killed mid-upload leaves: parts staged, nothing committed, nobody to discard them.
    for (const id of [abandoned, arriving]) {
      const died = (async function* () {
        yield Buffer.alloc(600 * 1024, 1);
        throw new Error('the instance died');
      })();
      await expect(storage.stage(id, died)).rejects.toThrow('the instance died');
    }
    await sql(t, `UPDATE stored_file_parts SET created_at = now() - interval '2 hours' WHERE file_id = ?`, [abandoned]);

    expect(await t.app.get(AbandonedUploadsSweepJob).run()).toBe(1);

    const left = await sql<{ file_id: string }>(t, 'SELECT DISTINCT file_id FROM stored_file_parts');
    expect(left.map((r) => r.file_id)).toEqual([arriving]);
    await storage.discardStaged(arriving);
    expect(await countStagedFiles(t)).toBe(0);
  });
});

describe('Uploads received a few at a time (UPLOADS_AT_ONCE=1, UPLOADS_WAITING=1)', () => {
  let t: TestApp;
  let pro: PortalClient;

  beforeAll(async () => {
    t = await startTestApp({ env: { UPLOADS_AT_ONCE: '1', UPLOADS_WAITING: '1' } });
    await publishSampleForms(t);
    pro = await registerAndLogin(t, 'queue@school.example');
  });
  afterAll(() => t.close());

  it('one is received, one waits unread, the next is 503 uploads_busy with Retry-After; then both in hand succeed', async () => {
    const slots = t.app.get(UploadSlots);
    const tasks = [];
    for (let i = 0; i < 3; i++) tasks.push((await delegate(t, delegationBody('queue@school.example'))).id as string);
    const content = pdf();
    const length = multipartHead('a.pdf').length + content.length + multipartTail.length;

    // The first holds the only slot: its body is not finished yet.
    const first = openUpload(t, pro, tasks[0], length);
    first.req.write(Buffer.concat([multipartHead('a.pdf'), content.subarray(0, 10)]));
    await until(() => slots.load.running === 1, 'the first upload to be received');

    // The second waits in line, its bytes unread.
    const second = openUpload(t, pro, tasks[1], length);
    second.req.end(Buffer.concat([multipartHead('a.pdf'), content, multipartTail]));
    await until(() => slots.load.waiting === 1, 'the second upload to wait');

    // The line is full: refused at once, as problem+json with Retry-After.
    const third = await upload(pro.agent, pro.csrf, tasks[2], content, 'a.pdf').expect(503);
    expect(third.headers['content-type']).toContain('application/problem+json');
    expect(third.body.code).toBe('uploads_busy');
    expect(third.headers['retry-after']).toBe('5');

    first.req.end(Buffer.concat([content.subarray(10), multipartTail]));
    const [a, b] = await Promise.all([first.response, second.response]);
    expect(a).toMatchObject({ status: 201 });
    expect(b).toMatchObject({ status: 201 });
    expect(slots.load).toEqual({ running: 0, waiting: 0 });

    // With the line free again, the refused one goes through.
    await upload(pro.agent, pro.csrf, tasks[2], content, 'a.pdf').expect(201);
  });
});
