import request from 'supertest';
import { RetentionJob } from '../../src/submissions/infrastructure/retention.job';
import { login, PortalClient, registerAndLogin } from '../support/portal-client';
import { startTestApp, TestApp } from '../support/test-app';
import { countStoredFiles, registerAdminHere, sql } from '../support/sql';
import { delegate, delegationBody, publishSampleForms, upload } from '../support/task-fixtures';
import { pdf } from '../support/sample-files';
import {
  deliveryOf,
  downloadPdf,
  educationAnswers,
  readyEducationTask,
  submit,
  waitForDelivery,
} from './support/submission-fixtures';

/**
 * 30 days after submission the portal forgets a contribution, but only once the council has it:
 * an undelivered one is kept and flagged to admins. Time moves by the test clock.
 */
describe('Retention of submitted contributions', () => {
  let t: TestApp;
  let pro: PortalClient;
  let admin: PortalClient;
  const PRO = 'senco@oakfield.example';
  const ADMIN = 'helpdesk@council.example';

  beforeAll(async () => {
    t = await startTestApp();
    await publishSampleForms(t);
    pro = await registerAndLogin(t, PRO);
    admin = await registerAdminHere(t, ADMIN);
  });
  afterAll(() => t.close());

  const job = () => t.app.get(RetentionJob);
  /** Sessions idle out when the clock jumps days: sign in again. */
  async function relogin() {
    pro = await login(t, PRO);
    admin = await login(t, ADMIN);
  }
  const fileIdsOf = async (submissionId: string) => {
    const [row] = await sql<{ pdf_file_id: string | null; attachments: { fileId: string }[] }>(
      t,
      'SELECT pdf_file_id, attachments FROM submissions WHERE id = ?',
      [submissionId],
    );
    return [row.pdf_file_id, ...row.attachments.map((a) => a.fileId)].filter((id): id is string => !!id);
  };
  const filesExist = async (ids: string[]) =>
    (
      await sql<{ n: number }>(
        t,
        `SELECT count(*)::int AS n FROM stored_files WHERE id IN (${ids.map(() => '?').join(',')})`,
        ids,
      )
    )[0].n;

  it('keeps everything at 29 days; at 31 purges what the council has, and keeps (and flags) what it has not', async () => {
    // Delivered.
    const delivered = await readyEducationTask(t, pro);
    const d = await submit(pro, delivered).expect(202);
    await waitForDelivery(t, delivered.externalRef);
    const deliveredFiles = await fileIdsOf(d.body.submissionId);
    expect(deliveredFiles).toHaveLength(3); // the PDF and two attachments

    // Refused by the case system: failed, never delivered.
    t.stub.setFault({ kind: 'status', status: 422 });
    const undelivered = await readyEducationTask(t, pro);
    const u = await submit(pro, undelivered).expect(202);
    await waitForDelivery(t, undelivered.externalRef, 'failed');
    const undeliveredFiles = await fileIdsOf(u.body.submissionId);

    // Day 29: nothing goes.
    t.clock.advanceDays(29);
    await relogin();
    expect(await job().run()).toEqual({ purged: 0, heldUndelivered: 0, withdrawnCleaned: 0 });
    expect(await filesExist(deliveredFiles)).toBe(3);
    await downloadPdf(pro, delivered.id, 200);
    await downloadPdf(pro, undelivered.id, 200);
    const list29 = await pro.get('/tasks?view=recently-submitted').expect(200);
    expect(list29.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([delivered.id, undelivered.id]));

    // Day 31.
    t.clock.advanceDays(2);
    await relogin();
    const report = await job().run();
    expect(report).toEqual({ purged: 1, heldUndelivered: 1, withdrawnCleaned: 0 });

    // The delivered one: answers, prefill, files and PDF gone; the fact of it remains.
    expect(await filesExist(deliveredFiles)).toBe(0);
    const gone = await downloadPdf(pro, delivered.id, 410);
    expect(JSON.parse((gone.body as Buffer).toString('utf8'))).toMatchObject({ status: 410, code: 'gone' });
    const detail = await pro.get(`/tasks/${delivered.id}`).expect(200);
    expect(detail.body).toMatchObject({ status: 'submitted', answers: {}, prefill: {}, attachments: [], message: null });
    expect(detail.body.subject.displayName).toBe('');
    const [purgedRow] = await sql<{
      answers: unknown;
      attachments: unknown[];
      pdf_file_id: string | null;
      purged_at: Date | null;
    }>(t, 'SELECT answers, attachments, pdf_file_id, purged_at FROM submissions WHERE id = ?', [d.body.submissionId]);
    expect(purgedRow).toMatchObject({ answers: null, attachments: [], pdf_file_id: null, purged_at: expect.anything() });
    expect((await deliveryOf(t, delivered.externalRef)).delivery).toMatchObject({ status: 'delivered' });
    const list31 = await pro.get('/tasks?view=recently-submitted').expect(200);
    expect(list31.body.items.map((i: { id: string }) => i.id)).not.toContain(delivered.id);

    // The undelivered one: kept in full for the case system, flagged to admins, but no longer the submitter's to download.
    expect(await filesExist(undeliveredFiles)).toBe(3);
    const [kept] = await sql<{ answers: unknown }>(t, 'SELECT answers FROM submissions WHERE id = ?', [u.body.submissionId]);
    expect(kept.answers).toMatchObject({ setting: 'Oakfield Primary School' });
    expect((await pro.get(`/tasks/${undelivered.id}`).expect(200)).body.answers).toMatchObject({
      setting: 'Oakfield Primary School',
    });
    await downloadPdf(pro, undelivered.id, 410);
    const flagged = await admin.get('/admin/deliveries?status=failed').expect(200);
    expect(flagged.body.items.find((i: { submissionId: string }) => i.submissionId === u.body.submissionId)).toMatchObject({
      heldPastRetention: true,
    });
    const metrics = await request(t.metricsUrl).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/^portal_deliveries_held_past_retention 1$/m);

    // Running again changes nothing.
    expect(await job().run()).toEqual({ purged: 0, heldUndelivered: 1, withdrawnCleaned: 0 });

    // Once the council has it, the next run forgets it too.
    t.stub.setFault(null);
    await admin.post(`/admin/deliveries/${u.body.submissionId}/retry`).expect(202);
    await waitForDelivery(t, undelivered.externalRef);
    const contribution = t.stub.contributions().find((c) => c.idempotencyKey === u.body.submissionId)!;
    expect(contribution.body.answers).toMatchObject({ setting: 'Oakfield Primary School' });
    expect(await job().run()).toEqual({ purged: 1, heldUndelivered: 0, withdrawnCleaned: 0 });
    expect(await filesExist(undeliveredFiles)).toBe(0);
    expect(
      await request(t.metricsUrl)
        .get('/metrics')
        .then((r) => r.text),
    ).toMatch(/^portal_deliveries_held_past_retention 0$/m);
  });

  it('removes whatever a withdrawn task still holds (answers, prefill, names, files)', async () => {
    const task = await delegate(t, delegationBody(PRO));
    await pro.put(`/tasks/${task.id}/answers`, { version: task.version, answers: educationAnswers() }).expect(200);
    await upload(pro.agent, pro.csrf, task.id, pdf(), 'notes.pdf').expect(201);
    const filesBefore = await countStoredFiles(t);
    // A withdrawal that left its content behind (e.g. from before purging at withdrawal existed).
    await sql(t, "UPDATE tasks SET status = 'withdrawn', withdrawn_at = now() WHERE id = ?", [task.id]);

    expect(await job().run()).toMatchObject({ withdrawnCleaned: 1 });
    const [row] = await sql<{ answers: unknown; prefill: unknown; subject_display_name: string | null; message: string | null }>(
      t,
      'SELECT answers, prefill, subject_display_name, message FROM tasks WHERE id = ?',
      [task.id],
    );
    expect(row).toEqual({ answers: {}, prefill: {}, subject_display_name: null, message: null });
    expect((await sql(t, 'SELECT 1 FROM task_attachments WHERE task_id = ?', [task.id])).length).toBe(0);
    expect(await countStoredFiles(t)).toBe(filesBefore - 1);
    expect(await job().run()).toMatchObject({ withdrawnCleaned: 0 });
  });
});
