import request from 'supertest';
import { sql, registerAdminHere } from '../support/sql';
import { delegate, delegationBody, publishSampleForms, upload } from '../support/task-fixtures';
import { pdf } from '../support/sample-files';
import { API, INTEGRATION_KEY_HEADER, integrationAuth } from './support/auth';
import { PortalClient, registerAndLogin } from '../support/portal-client';
import { startTestApp, TestApp } from '../support/test-app';
import { FormPdfRenderer } from '../../src/forms';
import type { PdfkitFormPdfRenderer } from '../../src/forms/infrastructure/pdf/pdfkit-form-pdf.renderer';
import {
  downloadPdf,
  educationAnswers,
  educationDelivered,
  flat,
  healthAnswers,
  pdfText,
  readyEducationTask,
  readyHealthTask,
  sha256,
  submit,
  waitForDelivery,
} from './support/submission-fixtures';

const DAY = 86_400_000;

describe('Submitting a contribution', () => {
  let t: TestApp;
  let pro: PortalClient;
  let other: PortalClient;
  let admin: PortalClient;

  beforeAll(async () => {
    t = await startTestApp();
    await publishSampleForms(t);
    pro = await registerAndLogin(t, 'senco@oakfield.example', {
      firstName: 'Priya',
      lastName: 'Shah',
      organisation: 'Oakfield Primary School',
    });
    other = await registerAndLogin(t, 'nosy@elsewhere.example');
    admin = await registerAdminHere(t, 'helpdesk@council.example');
  });
  afterAll(() => t.close());

  it('refuses an incomplete form with 422 validation_failed, every error in form order, and changes nothing', async () => {
    const task = await delegate(t, delegationBody(pro.email));
    const partial = {
      setting: 'Oakfield Primary School',
      attendanceLevel: 'poor',
      areasOfNeed: [],
      support: [{ hoursPerWeek: '2' }],
    };
    const saved = await pro.put(`/tasks/${task.id}/answers`, { version: task.version, answers: partial }).expect(200);

    const r = await submit(pro, { id: task.id, version: saved.body.version }).expect(422);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.body.code).toBe('validation_failed');
    const order = r.body.errors.map((e: { questionId: string; columnId?: string }) => [e.questionId, e.columnId ?? null]);
    expect(order).toEqual([
      ['startedAtSetting', null],
      ['keyStage', null],
      ['absenceReasons', null], // shown because attendance is "poor", and required
      ['areasOfNeed', null],
      ['strengths', null],
      ['support', 'provision'],
    ]);
    expect(r.body.errors[0]).toMatchObject({
      pageId: 'about',
      questionId: 'startedAtSetting',
      code: expect.any(String),
      message: expect.any(String),
    });
    // The same list the whole-form validation gives.
    const validated = await pro.post(`/tasks/${task.id}/validate`, {}).expect(200);
    expect(r.body.errors).toEqual(validated.body.errors);

    const detail = await pro.get(`/tasks/${task.id}`).expect(200);
    expect(detail.body).toMatchObject({
      status: 'in_progress',
      version: saved.body.version,
      submittedAt: null,
      availableUntil: null,
    });
    expect((await sql(t, 'SELECT 1 FROM submissions WHERE task_id = ?', [task.id])).length).toBe(0);
    const toComplete = await pro.get('/tasks?view=to-complete').expect(200);
    expect(toComplete.body.items.map((i: { id: string }) => i.id)).toContain(task.id);
  });

  it('refuses a stale version with 409 version_conflict and changes nothing', async () => {
    const task = await readyEducationTask(t, pro, { files: false });
    const r = await submit(pro, { id: task.id, version: task.version - 1 }).expect(409);
    expect(r.body.code).toBe('version_conflict');
    expect((await pro.get(`/tasks/${task.id}`).expect(200)).body.status).toBe('in_progress');
  });

  it('submits: 202 with the receipt; the case system receives the visible answers, the files and the very PDF the portal keeps', async () => {
    const task = await readyEducationTask(t, pro);
    const before = Date.now();
    const r = await submit(pro, task).expect(202);
    expect(r.body).toEqual({
      submissionId: expect.any(String),
      submittedAt: expect.any(String),
      availableUntil: expect.any(String),
    });
    const submittedAt = Date.parse(r.body.submittedAt);
    expect(submittedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(r.body.availableUntil) - submittedAt).toBe(30 * DAY);

    const state = await waitForDelivery(t, task.externalRef);
    expect(state).toEqual({
      submissionId: r.body.submissionId,
      delivery: { status: 'delivered', attempts: 1, receiptId: expect.stringMatching(/^CS-/), lastError: null },
    });

    const received = t.stub.contributions().filter((c) => c.body.taskExternalRef === task.externalRef);
    expect(received).toHaveLength(1);
    const [contribution] = received;
    expect(contribution.idempotencyKey).toBe(r.body.submissionId);
    expect(contribution.receiptId).toBe(state.delivery!.receiptId);
    expect(t.stub.requestCount(r.body.submissionId)).toBe(1);
    const body = contribution.body;
    expect(body).toMatchObject({
      submissionId: r.body.submissionId,
      taskExternalRef: task.externalRef,
      form: { key: 'education-advice', version: 1 },
      subject: { reference: 'LCS-123456', displayName: 'Alex Smith' },
      submittedAt: r.body.submittedAt,
      submittedBy: {
        accountId: pro.accountId,
        name: 'Priya Shah',
        email: 'senco@oakfield.example',
        organisation: 'Oakfield Primary School',
      },
    });
    // No hidden answer (absenceReasons), no read-only prefill (childName, dateOfBirth, caseWorker).
    expect(body.answers).toEqual(educationDelivered());
    expect(Object.keys(body.answers)).not.toEqual(expect.arrayContaining(['absenceReasons']));
    expect(body.answers).not.toHaveProperty('childName');
    // The files, byte for byte (the stub also verified every sha256 and size).
    expect(body.attachments).toHaveLength(2);
    for (const [i, expected] of task.attachments.entries()) {
      const sent = body.attachments[i];
      expect(sent).toMatchObject({ filename: expected.filename, size: expected.size, sha256: expected.sha256 });
      expect(Buffer.compare(Buffer.from(sent.contentBase64, 'base64'), expected.content)).toBe(0);
    }
    // The PDF delivered is the PDF downloaded.
    const delivered = Buffer.from(body.pdfBase64, 'base64');
    expect(sha256(delivered)).toBe(body.pdfSha256);
    const download = await downloadPdf(pro, task.id);
    expect(sha256(download.body as Buffer)).toBe(body.pdfSha256);
    expect(Buffer.compare(download.body as Buffer, delivered)).toBe(0);
    // ...every time.
    expect(sha256((await downloadPdf(pro, task.id)).body as Buffer)).toBe(body.pdfSha256);

    // The audit says who submitted and that it was delivered; never the answers.
    const audit = await admin.get(`/admin/audit?taskId=${task.id}`).expect(200);
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['task.submitted', 'task.delivered']));
    expect(JSON.stringify(audit.body)).not.toContain('Oakfield Primary School');
    const detail = await pro.get(`/tasks/${task.id}`).expect(200);
    expect(detail.body.history.map((e: { action: string }) => e.action)).toContain('task.submitted');
    // The task page's history (read within its one statement) is the audit trail's, entry for entry.
    expect(detail.body.history).toEqual(audit.body.items);
    // Its files, oldest first, as they were uploaded.
    expect(detail.body.attachments.map((a: { filename: string; sha256: string }) => [a.filename, a.sha256])).toEqual(
      task.attachments.map((a) => [a.filename, a.sha256]),
    );
  });

  it('submits a form without attachments (health contribution), answers of every kind included', async () => {
    const task = await readyHealthTask(t, pro);
    const r = await submit(pro, task).expect(202);
    await waitForDelivery(t, task.externalRef);
    const contribution = t.stub.contributions().find((c) => c.idempotencyKey === r.body.submissionId)!;
    expect(contribution.body.answers).toEqual(healthAnswers());
    expect(contribution.body.attachments).toEqual([]);
  });

  it('renders the PDF with a text layer: title, subject, answers, files; DRAFT before submission only', async () => {
    const task = await readyEducationTask(t, pro);
    const draft = await downloadPdf(pro, task.id);
    expect(draft.headers['content-type']).toBe('application/pdf');
    expect(draft.headers['content-disposition']).toMatch(/^attachment; filename="education-advice-LCS-123456-draft\.pdf"/);
    expect(draft.headers['content-disposition']).not.toMatch(/Alex|Smith/);
    expect(draft.headers['x-content-type-options']).toBe('nosniff');
    expect(draft.headers['cache-control']).toContain('no-store');
    expect((draft.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const draftText = flat(pdfText(draft.body as Buffer));
    for (const expected of [
      'Education advice for an EHC needs assessment',
      'DRAFT',
      'Alex Smith', // the read-only prefill is shown
      'LCS-123456',
      'Oakfield Primary School',
      'Key stage 2',
      'Some concern (90% to 95%)',
      'Communication and interaction',
      'Social, emotional and mental health',
      'Speech and language therapy',
      'Small-group literacy',
      'annual-review.pdf',
      'support-plan.docx',
      'Page 1 of',
    ]) {
      expect(draftText).toContain(expected);
    }
    expect(draftText).not.toContain('Left over from when attendance was marked poor'); // hidden by showIf
    // Drawn on a worker thread (PDF_RENDER_THREADS defaults to at least one), not on the event loop.
    expect(t.config.pdfRenderThreads).toBeGreaterThan(0);
    expect(t.app.get<FormPdfRenderer, PdfkitFormPdfRenderer>(FormPdfRenderer, { strict: false }).threadsStarted).toBeGreaterThan(0);

    const r = await submit(pro, task).expect(202);
    const submitted = await downloadPdf(pro, task.id);
    const day = r.body.submittedAt.slice(0, 10);
    expect(submitted.headers['content-disposition']).toMatch(
      /^attachment; filename="education-advice-LCS-123456-submitted-\d{4}-\d{2}-\d{2}\.pdf"/,
    );
    expect(submitted.headers['content-disposition']).toContain(day.slice(0, 7));
    const text = flat(pdfText(submitted.body as Buffer));
    expect(text).not.toContain('DRAFT');
    expect(text).not.toMatch(/draft/i);
    expect(text).toContain('Submitted');
    expect(text).toContain('Priya Shah');
    expect(text).toContain('Education advice for an EHC needs assessment');
    expect(text).toContain('Reads independently at age-related expectations by the end of Year 5.');
    expect(text).not.toContain('Left over from when attendance was marked poor');
  });

  it('after submission nothing changes: answers 409 task_submitted, uploads and deletes 409, a second submit 409 already_submitted', async () => {
    const task = await readyEducationTask(t, pro);
    await submit(pro, task).expect(202);
    const detail = await pro.get(`/tasks/${task.id}`).expect(200);
    expect(detail.body.status).toBe('submitted');

    const save = await pro
      .put(`/tasks/${task.id}/answers`, { version: detail.body.version, answers: educationAnswers() })
      .expect(409);
    expect(save.body.code).toBe('task_submitted');
    const add = await upload(pro.agent, pro.csrf, task.id, pdf(), 'late.pdf').expect(409);
    expect(add.body.code).toBe('task_submitted');
    const del = await pro.delete(`/tasks/${task.id}/attachments/${task.attachments[0].id}`).expect(409);
    expect(del.body.code).toBe('task_submitted');
    // already_submitted takes precedence over a stale version.
    for (const version of [detail.body.version, task.version, 1]) {
      const again = await submit(pro, { id: task.id, version }).expect(409);
      expect(again.body.code).toBe('already_submitted');
    }
    expect((await sql(t, 'SELECT 1 FROM submissions WHERE task_id = ?', [task.id])).length).toBe(1);
    const after = await pro.get(`/tasks/${task.id}`).expect(200);
    expect(after.body.version).toBe(detail.body.version);
    expect(after.body.attachments).toHaveLength(2);
  });

  it('two simultaneous submits: exactly one 202, the other 409 already_submitted, one submission', async () => {
    const task = await readyEducationTask(t, pro, { files: false });
    const results = await Promise.all([submit(pro, task), submit(pro, task), submit(pro, task)]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([202, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('already_submitted');
    expect((await sql(t, 'SELECT 1 FROM submissions WHERE task_id = ?', [task.id])).length).toBe(1);
  });

  it('lists the task under recently-submitted, newest first, with availableUntil; it leaves to-complete', async () => {
    const first = await readyHealthTask(t, pro);
    const second = await readyHealthTask(t, pro);
    const a = await submit(pro, first).expect(202);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const b = await submit(pro, second).expect(202);

    const list = await pro.get('/tasks?view=recently-submitted').expect(200);
    const ids = list.body.items.map((i: { id: string }) => i.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    const item = list.body.items.find((i: { id: string }) => i.id === second.id);
    expect(item).toMatchObject({
      status: 'submitted',
      submittedAt: b.body.submittedAt,
      availableUntil: b.body.availableUntil,
      overdue: false,
    });
    expect(list.body.items.find((i: { id: string }) => i.id === first.id).availableUntil).toBe(a.body.availableUntil);
    const toComplete = await pro.get('/tasks?view=to-complete').expect(200);
    expect(toComplete.body.items.map((i: { id: string }) => i.id)).not.toContain(second.id);
    // From the list, the PDF downloads.
    await downloadPdf(pro, item.id);
    // Another professional sees none of it.
    const theirs = await other.get('/tasks?view=recently-submitted').expect(200);
    expect(theirs.body.items).toEqual([]);
  });

  describe('authorization', () => {
    let task: Awaited<ReturnType<typeof readyEducationTask>>;
    beforeAll(async () => {
      task = await readyEducationTask(t, pro, { files: false });
    });

    it('another professional gets 404 on submit and on the PDF, before and after submission', async () => {
      expect((await submit(other, task).expect(404)).body.code).toBe('not_found');
      expect((await other.get(`/tasks/${task.id}/pdf`).expect(404)).body.code).toBe('not_found');
      await submit(pro, task).expect(202);
      expect((await submit(other, task).expect(404)).body.code).toBe('not_found');
      expect((await other.get(`/tasks/${task.id}/pdf`).expect(404)).body.code).toBe('not_found');
    });

    it('an admin sees metadata, never the PDF (404), and cannot submit', async () => {
      expect((await admin.get(`/tasks/${task.id}/pdf`).expect(404)).body.code).toBe('not_found');
      await submit(admin, { id: task.id, version: 1 }).expect(404);
    });

    it('no session: 401; the integration key is not a session: 401; a made-up id: 404', async () => {
      await request(t.url).get(`${API}/tasks/${task.id}/pdf`).expect(401);
      await request(t.url).post(`${API}/tasks/${task.id}/submit`).send({ version: 1 }).expect(401);
      await request(t.url).get(`${API}/tasks/${task.id}/pdf`).set(INTEGRATION_KEY_HEADER, integrationAuth).expect(401);
      await request(t.url)
        .post(`${API}/tasks/${task.id}/submit`)
        .set(INTEGRATION_KEY_HEADER, integrationAuth)
        .send({ version: 1 })
        .expect(401);
      await pro.get('/tasks/0190a0a0-0000-7000-8000-000000000000/pdf').expect(404);
      await pro.get('/tasks/not-a-uuid/pdf').expect(404);
    });

    it('a malformed submit body is 400 invalid_request; without CSRF 403', async () => {
      const fresh = await readyEducationTask(t, pro, { files: false });
      expect((await pro.post(`/tasks/${fresh.id}/submit`, { version: '1' }).expect(400)).body.code).toBe('invalid_request');
      expect((await pro.post(`/tasks/${fresh.id}/submit`, {}).expect(400)).body.code).toBe('invalid_request');
      expect((await pro.post(`/tasks/${fresh.id}/submit`, { version: fresh.version, extra: true }).expect(400)).body.code).toBe(
        'invalid_request',
      );
      await pro.agent.post(`${API}/tasks/${fresh.id}/submit`).send({ version: fresh.version }).expect(403);
    });

    it('a work group member before pickup: 403 pickup_required on the PDF and on submit', async () => {
      const group = await admin
        .post('/admin/work-groups', { key: 'oakfield-send', name: 'Oakfield SEND team', organisation: 'Oakfield' })
        .expect(201);
      await admin.post(`/admin/work-groups/${group.body.id}/members`, { email: pro.email }).expect(204);
      const groupTask = await delegate(t, delegationBody('x@x.example', { assignee: { workGroupKey: 'oakfield-send' } }));
      expect((await pro.get(`/tasks/${groupTask.id}/pdf`).expect(403)).body.code).toBe('pickup_required');
      expect((await submit(pro, { id: groupTask.id, version: groupTask.version }).expect(403)).body.code).toBe('pickup_required');
    });
  });

  it('exposes the delivery outbox as metrics', async () => {
    const metrics = await request(t.metricsUrl).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/^portal_deliveries_pending \d+$/m);
    expect(metrics.text).toMatch(/^portal_deliveries_failed \d+$/m);
    expect(metrics.text).toMatch(/^portal_deliveries_held_past_retention \d+$/m);
  });
});
