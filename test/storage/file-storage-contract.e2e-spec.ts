/**
 * The FileStorage port's contract, run against both adapters: PostgreSQL rows (the default) and an
 * S3-compatible bucket (s3rver on loopback). Then the portal itself on S3: uploads and downloads go
 * to the bucket, withdrawals and purges delete the objects, and an outage answers 503 and loses
 * nothing already saved.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { FileStorage } from '../../src/tasks/application/task.ports';
import { S3FileStorage, StorageUnavailableError } from '../../src/tasks/infrastructure/s3-file-storage';
import { runInRequestContext } from '../../src/shared/database/request-context';
import { MikroORM } from '@mikro-orm/postgresql';
import { integration, registerAndLogin } from '../support/portal-client';
import { delegate, delegationBody, publishSampleForms, upload } from '../support/task-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { binary } from '../submissions/support/submission-fixtures';
import { pdf } from '../support/sample-files';
import { LocalS3, TEST_BUCKET, useTestAwsCredentials } from './s3-server';

useTestAwsCredentials();

function contract(name: string, setup: () => Promise<{ storage: FileStorage; run: <T>(work: () => Promise<T>) => Promise<T> }>) {
  describe(`FileStorage contract: ${name}`, () => {
    let storage: FileStorage;
    let run: <T>(work: () => Promise<T>) => Promise<T>;
    beforeAll(async () => ({ storage, run } = await setup()));

    it('gives back exactly the bytes it was given (binary, empty, several MB)', async () => {
      for (const content of [
        randomBytes(1024),
        Buffer.alloc(0),
        randomBytes(5 * 1024 * 1024),
        Buffer.from([0, 255, 0, 10, 13]),
      ]) {
        const id = randomUUID();
        await run(() => storage.put(id, content));
        const back = await run(() => storage.get(id));
        expect(back?.equals(content)).toBe(true);
      }
    });

    it('answers null for a file it does not have', async () => {
      expect(await run(() => storage.get(randomUUID()))).toBeNull();
      expect(await run(() => storage.openRead(randomUUID()))).toBeNull();
    });

    it('streams a file out with its size', async () => {
      const id = randomUUID();
      const content = randomBytes(3 * 1024 * 1024 + 17);
      await run(() => storage.put(id, content));
      const chunks = await run(async () => {
        const opened = await storage.openRead(id);
        expect(opened?.size).toBe(content.length);
        const read: Buffer[] = [];
        for await (const chunk of opened!.content) read.push(chunk as Buffer);
        return read;
      });
      expect(Buffer.concat(chunks).equals(content)).toBe(true);
    });

    const collect = async (stream: NodeJS.ReadableStream) => {
      const read: Buffer[] = [];
      for await (const chunk of stream) read.push(chunk as Buffer);
      return Buffer.concat(read);
    };
    /** The content in uneven chunks, as an upload's bytes arrive. */
    async function* arriving(content: Buffer) {
      for (let offset = 0, n = 0; offset < content.length; n++) {
        const size = [1000, 64 * 1024, 300 * 1024, 7][n % 4];
        yield content.subarray(offset, offset + size);
        offset += size;
      }
    }

    it('stages a file as it arrives (over several parts), reads any range of it back, and commits it as the file', async () => {
      const id = randomUUID();
      const content = randomBytes(6 * 1024 * 1024 + 333); // past S3's 5 MiB part and many 256 KiB parts
      expect(await run(() => storage.stage(id, arriving(content)))).toBe(content.length);
      // Staged is not stored: nobody sees it as a file yet.
      expect(await run(() => storage.get(id))).toBeNull();
      for (const [start, end] of [
        [0, 16],
        [content.length - 22, content.length],
        [256 * 1024 - 5, 256 * 1024 + 5],
        [5 * 1024 * 1024 - 1, 5 * 1024 * 1024 + 300 * 1024],
        [0, content.length],
      ]) {
        const back = await run(() => collect(storage.readStaged(id, start, end)));
        expect(back.equals(content.subarray(start, end))).toBe(true);
      }
      await run(() => storage.commitStaged(id));
      expect((await run(() => storage.get(id)))?.equals(content)).toBe(true);
      // Committed: nothing staged remains for the sweep, whatever its age.
      expect(await run(() => storage.sweepStaged(new Date(Date.now() + 60_000)))).toBe(0);
    });

    it('a small and an empty file stage and commit too', async () => {
      for (const content of [Buffer.from('%PDF-1.4 tiny'), Buffer.alloc(0)]) {
        const id = randomUUID();
        expect(await run(() => storage.stage(id, arriving(content)))).toBe(content.length);
        await run(() => storage.commitStaged(id));
        expect((await run(() => storage.get(id)))?.equals(content)).toBe(true);
      }
    });

    it('discards a staged file (never to become one), and sweeps staged files last written before a time', async () => {
      const [discarded, old] = [randomUUID(), randomUUID()];
      for (const id of [discarded, old]) await run(() => storage.stage(id, arriving(randomBytes(300 * 1024))));
      await run(() => storage.discardStaged(discarded));
      await run(() => storage.discardStaged(randomUUID()));
      await expect(run(() => collect(storage.readStaged(discarded, 0, 10)))).rejects.toThrow();
      expect(await run(() => storage.sweepStaged(new Date(Date.now() - 60_000)))).toBe(0);
      expect(await run(() => storage.sweepStaged(new Date(Date.now() + 60_000)))).toBe(1);
      await expect(run(() => collect(storage.readStaged(old, 0, 10)))).rejects.toThrow();
    });

    it('deletes what it is told to, and only that; unknown ids and an empty list are fine', async () => {
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
      for (const id of [a, b, c]) await run(() => storage.put(id, Buffer.from(id)));
      await run(() => storage.delete([a, c, randomUUID()]));
      await run(() => storage.delete([]));
      expect(await run(() => storage.get(a))).toBeNull();
      expect(await run(() => storage.get(c))).toBeNull();
      expect((await run(() => storage.get(b)))?.toString()).toBe(b);
    });
  });
}

describe('file storage', () => {
  let s3: LocalS3;
  let postgresApp: TestApp;

  beforeAll(async () => {
    s3 = new LocalS3();
    await s3.start();
  });
  afterAll(async () => {
    await postgresApp?.close();
    await s3?.dispose();
  });

  contract('PostgreSQL (default)', async () => {
    postgresApp = await startTestApp();
    const orm = postgresApp.app.get(MikroORM);
    return {
      storage: postgresApp.app.get(FileStorage),
      run: <T>(work: () => Promise<T>) =>
        new Promise<T>((resolve, reject) => runInRequestContext(orm.em, () => work().then(resolve, reject))),
    };
  });

  contract('S3-compatible (s3rver)', async () => ({
    storage: new S3FileStorage({
      bucket: TEST_BUCKET,
      endpoint: s3.endpoint,
      region: 'eu-west-2',
      forcePathStyle: true,
      keyPrefix: 'contract/',
    }),
    run: <T>(work: () => Promise<T>) => work(),
  }));

  it('the default is PostgreSQL; FILE_STORAGE=s3 binds the S3 adapter', async () => {
    expect(postgresApp.app.get(FileStorage)).not.toBeInstanceOf(S3FileStorage);
  });

  it('an unreachable store is StorageUnavailableError (503 storage_unavailable), not a crash', async () => {
    const dead = new S3FileStorage({
      bucket: TEST_BUCKET,
      endpoint: 'http://127.0.0.1:1',
      region: 'eu-west-2',
      forcePathStyle: true,
      keyPrefix: '',
    });
    await expect(dead.put(randomUUID(), Buffer.from('x'))).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(dead.get(randomUUID())).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(dead.delete([randomUUID()])).rejects.toBeInstanceOf(StorageUnavailableError);
  });

  describe('the portal on S3', () => {
    let t: TestApp;
    const prefix = `run-${randomBytes(4).toString('hex')}/`;
    let objects: S3FileStorage;
    beforeAll(async () => {
      t = await startTestApp({ env: s3.env(prefix) });
      await publishSampleForms(t);
      objects = new S3FileStorage({
        bucket: TEST_BUCKET,
        endpoint: s3.endpoint,
        region: 'eu-west-2',
        forcePathStyle: true,
        keyPrefix: prefix,
      });
    });
    afterAll(async () => t?.close());

    it('binds the S3 adapter', () => {
      expect(t.app.get(FileStorage)).toBeInstanceOf(S3FileStorage);
    });

    it('keeps attachments in the bucket, serves them back, and deletes the objects when the task is withdrawn', async () => {
      const pro = await registerAndLogin(t, 'objects@school.example');
      const task = await delegate(t, delegationBody(pro.email));
      const content = pdf();
      const uploaded = await upload(pro.agent, pro.csrf, task.id, content, 'report.pdf').expect(201);
      const fileId = await t.app
        .get(MikroORM)
        .em.fork()
        .getConnection()
        .execute<{ file_id: string }[]>('SELECT file_id FROM task_attachments WHERE id = ?', [uploaded.body.id]);
      const objectId = fileId[0].file_id;
      expect((await objects.get(objectId))?.equals(content)).toBe(true);
      const download = await pro.get(`/tasks/${task.id}/attachments/${uploaded.body.id}`).buffer(true).parse(binary).expect(200);
      expect((download.body as Buffer).equals(content)).toBe(true);
      // Nothing of it in PostgreSQL.
      const rows = await t.app
        .get(MikroORM)
        .em.fork()
        .getConnection()
        .execute<{ n: string }[]>('SELECT count(*) AS n FROM stored_files WHERE id = ?', [objectId]);
      expect(Number(rows[0].n)).toBe(0);

      await integration(t).post(`/integration/tasks/${task.externalRef}/withdraw`).expect(204);
      expect(await objects.get(objectId)).toBeNull();
    });

    it('an outage answers 503 storage_unavailable; what was saved stays and is served again once it is back', async () => {
      const pro = await registerAndLogin(t, 'outage@school.example');
      const task = await delegate(t, delegationBody(pro.email));
      const kept = pdf();
      const first = await upload(pro.agent, pro.csrf, task.id, kept, 'kept.pdf').expect(201);

      await s3.stop();
      try {
        const refused = await upload(pro.agent, pro.csrf, task.id, pdf(), 'refused.pdf');
        expect(refused.status).toBe(503);
        expect(refused.body.code).toBe('storage_unavailable');
        const unreadable = await pro.get(`/tasks/${task.id}/attachments/${first.body.id}`);
        expect(unreadable.status).toBe(503);
        expect(unreadable.body.code).toBe('storage_unavailable');
        // The task and its saved attachment list are untouched (they live in PostgreSQL).
        const page = await pro.get(`/tasks/${task.id}`).expect(200);
        expect(JSON.stringify(page.body)).toContain(first.body.id);
        expect(JSON.stringify(page.body)).not.toContain('refused.pdf');
      } finally {
        await s3.start();
      }
      const back = await pro.get(`/tasks/${task.id}/attachments/${first.body.id}`).buffer(true).parse(binary).expect(200);
      expect((back.body as Buffer).equals(kept)).toBe(true);
    });
  });
});
