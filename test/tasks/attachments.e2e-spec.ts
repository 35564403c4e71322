import { countStoredFiles, markSubmitted } from '../support/sql';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { API, registerAndLogin, PortalClient } from '../support/portal-client';
import { startTestApp, TestApp } from '../support/test-app';
import { doc, docx, docxBomb, docxDeclaredBomb, exe, jpeg, pdf, pdfOfSize, plainZip, png } from '../support/sample-files';
import { delegate, delegationBody, healthDelegationBody, publishSampleForms, upload } from '../support/task-fixtures';

const MiB = 1024 * 1024;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Collects a binary response body as a Buffer. */
function binary(res: request.Response, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('Attachments', () => {
  let t: TestApp;
  let pro: PortalClient;

  beforeAll(async () => {
    t = await startTestApp();
    await publishSampleForms(t);
    pro = await registerAndLogin(t, 'files@school.example');
  });
  afterAll(() => t.close());

  const newTask = () => delegate(t, delegationBody('files@school.example'));
  const storedFiles = () => countStoredFiles(t);
  const send = (taskId: string, content: Buffer, filename: string) => upload(pro.agent, pro.csrf, taskId, content, filename);

  it.each([
    ['report.pdf', pdf, 'application/pdf'],
    ['scan.PNG', png, 'image/png'],
    ['photo.jpg', jpeg, 'image/jpeg'],
    ['photo.jpeg', jpeg, 'image/jpeg'],
    ['letter.doc', doc, 'application/msword'],
    ['plan.docx', docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ])('accepts %s, stores its sha256, and gives it back byte for byte as a download', async (filename, make, contentType) => {
    const task = await newTask();
    const content = make();
    const r = await send(task.id, content, filename).expect(201);
    expect(r.body).toEqual({
      id: expect.any(String),
      filename,
      contentType,
      size: content.length,
      sha256: sha256(content),
      uploadedAt: expect.any(String),
    });

    const d = await pro.get(`/tasks/${task.id}/attachments/${r.body.id}`).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(d.body as Buffer, content)).toBe(0);
    expect(d.headers['content-type']).toBe(contentType);
    expect(d.headers['content-disposition']).toBe(
      `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    );
    expect(d.headers['x-content-type-options']).toBe('nosniff');
    expect(d.headers['cache-control']).toContain('no-store');

    const detail = await pro.get(`/tasks/${task.id}`).expect(200);
    expect(detail.body.attachments).toEqual([r.body]);
    expect(detail.body.version).toBe(1); // files do not make the answers form stale
  });

  describe('refuses disguised and unsupported files with 415 unsupported_file_type, storing nothing', () => {
    it.each([
      ['an executable named .pdf', exe, 'invoice.pdf'],
      ['a PNG named .pdf', png, 'image.pdf'],
      ['a PDF named .png', pdf, 'image.png'],
      ['a PDF named .docx', pdf, 'letter.docx'],
      ['a Word 97 file named .docx', doc, 'letter.docx'],
      ['a Word document named .doc', docx, 'letter.doc'],
      ['a zip that is not a Word document named .docx', plainZip, 'letter.docx'],
      ['a PDF with a .txt name', pdf, 'notes.txt'],
      ['a PDF with no extension', pdf, 'report'],
      ['an empty file', () => Buffer.alloc(0), 'empty.pdf'],
      ['a damaged zip named .docx', () => docx().subarray(0, 60), 'broken.docx'],
    ])('%s', async (_label, make, filename) => {
      const task = await newTask();
      const before = await storedFiles();
      const r = await send(task.id, make(), filename).expect(415);
      expect(r.body.code).toBe('unsupported_file_type');
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(await storedFiles()).toBe(before);
      expect((await pro.get(`/tasks/${task.id}`).expect(200)).body.attachments).toEqual([]);
    });
  });

  it.each([
    ['packed more than 100 times (20 MiB of zeros in ~20 KB)', docxBomb],
    ['declaring gigabytes once unpacked', docxDeclaredBomb],
  ])('refuses a docx zip bomb %s', async (_label, make) => {
    const task = await newTask();
    const bomb = make();
    expect(bomb.length).toBeLessThan(MiB);
    const r = await send(task.id, bomb, 'innocent.docx').expect(415);
    expect(r.body.code).toBe('unsupported_file_type');
  });

  it('accepts exactly 10 MiB; one byte more is 413 file_too_large and nothing is stored', async () => {
    const task = await newTask();
    await send(task.id, pdfOfSize(10 * MiB), 'big.pdf').expect(201);
    const before = await storedFiles();
    const r = await send(task.id, pdfOfSize(10 * MiB + 1), 'too-big.pdf').expect(413);
    expect(r.body.code).toBe('file_too_large');
    const huge = await send(task.id, pdfOfSize(25 * MiB), 'huge.pdf').expect(413);
    expect(huge.body.code).toBe('file_too_large');
    expect(await storedFiles()).toBe(before);
    expect((await pro.get(`/tasks/${task.id}`).expect(200)).body.attachments).toHaveLength(1);
    // The connection and the app carry on normally.
    await send(task.id, png(), 'after.png').expect(201);
  });

  it('allows at most 20 attachments: the 21st is 422 too_many_attachments; removing one makes room', async () => {
    const task = await newTask();
    const ids: string[] = [];
    for (let i = 1; i <= 20; i++) ids.push((await send(task.id, png(), `scan-${i}.png`).expect(201)).body.id);
    const r = await send(task.id, png(), 'scan-21.png').expect(422);
    expect(r.body.code).toBe('too_many_attachments');
    await pro.delete(`/tasks/${task.id}/attachments/${ids[0]}`).expect(204);
    await send(task.id, png(), 'scan-21.png').expect(201);
  });

  it('a form without attachments refuses them: 422 attachments_not_allowed', async () => {
    const task = await delegate(t, healthDelegationBody('files@school.example'));
    const r = await send(task.id, pdf(), 'report.pdf').expect(422);
    expect(r.body.code).toBe('attachments_not_allowed');
  });

  it('removes an attachment: 204, then gone from the task and from storage', async () => {
    const task = await newTask();
    const a = (await send(task.id, pdf(), 'a.pdf').expect(201)).body;
    const b = (await send(task.id, jpeg(), 'b.jpg').expect(201)).body;
    const before = await storedFiles();
    await pro.delete(`/tasks/${task.id}/attachments/${a.id}`).expect(204);
    await pro.get(`/tasks/${task.id}/attachments/${a.id}`).expect(404);
    await pro.delete(`/tasks/${task.id}/attachments/${a.id}`).expect(404);
    expect(await storedFiles()).toBe(before - 1);
    expect((await pro.get(`/tasks/${task.id}`).expect(200)).body.attachments).toEqual([b]);
  });

  it('after submission files can be neither added nor removed: 409 task_submitted', async () => {
    const task = await newTask();
    const a = (await send(task.id, pdf(), 'a.pdf').expect(201)).body;
    await markSubmitted(t, task.id);
    expect((await send(task.id, pdf(), 'late.pdf').expect(409)).body.code).toBe('task_submitted');
    expect((await pro.delete(`/tasks/${task.id}/attachments/${a.id}`).expect(409)).body.code).toBe('task_submitted');
    await pro.get(`/tasks/${task.id}/attachments/${a.id}`).expect(200);
  });

  describe('filenames are sanitised', () => {
    it.each([
      ['../../etc/passwd.pdf', 'passwd.pdf'],
      ['C:\\Users\\sam\\Desktop\\report.pdf', 'report.pdf'],
      ['re\u0000po\u0007rt\u001b.pdf', 'report.pdf'],
      ['evil\u202Efdp.exe.pdf', 'evilfdp.exe.pdf'],
      ['.hidden.pdf', 'hidden.pdf'],
      ['   .pdf', 'attachment.pdf'],
      ['Résumé – plan d’action.pdf', 'Résumé – plan d’action.pdf'],
      [`${'a'.repeat(300)}.pdf`, `${'a'.repeat(196)}.pdf`],
    ])('%j → %j', async (raw, expected) => {
      const task = await newTask();
      const r = await send(task.id, pdf(), raw).expect(201);
      expect(r.body.filename).toBe(expected);
      expect(r.body.filename.length).toBeLessThanOrEqual(200);
      const d = await pro.get(`/tasks/${task.id}/attachments/${r.body.id}`).expect(200);
      const disposition = d.headers['content-disposition'] as string;
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%!#$&+\-.^_`|~]+$/);
      expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe(expected);
    });
  });

  it('needs a multipart body with one file in the field "file"', async () => {
    const task = await newTask();
    const wrongField = await upload(pro.agent, pro.csrf, task.id, pdf(), 'a.pdf', 'document').expect(400);
    expect(wrongField.body.code).toBe('invalid_request');
    const noFile = await pro.agent
      .post(`${API}/tasks/${task.id}/attachments`)
      .set('X-CSRF-Token', pro.csrf)
      .field('note', 'hello')
      .expect(400);
    expect(noFile.body.code).toBe('invalid_request');
    const json = await pro.post(`/tasks/${task.id}/attachments`, { file: 'JVBERi0=' });
    expect(json.status).toBe(415);
    expect((await pro.get(`/tasks/${task.id}`).expect(200)).body.attachments).toEqual([]);
  });
});
