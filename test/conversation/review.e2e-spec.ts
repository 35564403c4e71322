import { PortalClient, registerAndLogin } from '../support/portal-client';
import { registerAdminHere } from '../support/sql';
import { delegate, delegationBody, publishSampleForms, settleMail } from '../support/task-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { educationAnswers, submit } from '../submissions/support/submission-fixtures';
import { eventTypes, groupWith, waitUntil } from './support';

describe('Review before submit', () => {
  let t: TestApp;
  let author: PortalClient;
  let manager: PortalClient;
  let outsider: PortalClient;
  let admin: PortalClient;
  let group: { id: string; key: string };

  beforeAll(async () => {
    t = await startTestApp();
    await publishSampleForms(t);
    author = await registerAndLogin(t, 'teacher@oakfield.example', { firstName: 'Tia', lastName: 'Teacher' });
    manager = await registerAndLogin(t, 'head@oakfield.example', { firstName: 'Hal', lastName: 'Head' });
    outsider = await registerAndLogin(t, 'other@elsewhere.example');
    admin = await registerAdminHere(t, 'helpdesk@council.example');
    group = await groupWith(admin, 'oak-sen', [author.email, manager.email]);
  });
  afterAll(() => t.close());

  /** A group task the author picked up and completed. */
  async function completedTask(): Promise<{ id: string; externalRef: string; version: number }> {
    const task = await delegate(t, delegationBody(author.email, { assignee: { workGroupKey: group.key } }));
    await author.post(`/tasks/${task.id}/pickup`).expect(200);
    const saved = await author.put(`/tasks/${task.id}/answers`, { version: task.version + 1, answers: educationAnswers() }).expect(200);
    return { id: task.id, externalRef: task.externalRef, version: saved.body.version };
  }

  it('the author sends a completed form for review; the reviewer sees "Ready for review", returns it with a comment; the author sends it again and the reviewer submits', async () => {
    const task = await completedTask();
    const since = t.mail.mark();
    const sent = await author.post(`/tasks/${task.id}/review`, { reviewerAccountId: manager.accountId, note: 'Please check section 2.', version: task.version }).expect(200);
    expect(sent.body).toMatchObject({
      assignee: { type: 'account', accountId: manager.accountId },
      review: { state: 'ready_for_review', by: { accountId: author.accountId, name: 'Tia Teacher' }, note: 'Please check section 2.' },
    });
    // The reviewer's list says so; the author's no longer has it.
    const managerList = await manager.get('/tasks?view=to-complete').expect(200);
    expect(managerList.body.items.find((i: { id: string }) => i.id === task.id)?.review?.state).toBe('ready_for_review');
    expect((await author.get('/tasks?view=to-complete').expect(200)).body.items.map((i: { id: string }) => i.id)).not.toContain(task.id);
    await author.get(`/tasks/${task.id}`).expect(404);
    await settleMail(t);
    expect(t.mail.to(manager.email).filter((m) => m.receivedAt >= since).map((m) => m.subject)).toContain('A form has been sent to you for review');

    const page = await manager.get(`/tasks/${task.id}`).expect(200);
    const returned = await manager.post(`/tasks/${task.id}/review/return`, { comment: 'Add the spring term figures.', version: page.body.version }).expect(200);
    expect(returned.body).toMatchObject({
      assignee: { type: 'account', accountId: author.accountId },
      review: { state: 'returned', by: { accountId: manager.accountId, name: 'Hal Head' }, note: 'Add the spring term figures.' },
    });
    await settleMail(t);
    expect(t.mail.to(author.email).map((m) => m.subject)).toContain('A form has been returned to you after review');
    expect((await manager.post(`/tasks/${task.id}/review/return`, { comment: 'again' }).expect(404)).body.code).toBe('not_found');

    const again = await author.get(`/tasks/${task.id}`).expect(200);
    await author.post(`/tasks/${task.id}/review`, { reviewerAccountId: manager.accountId, version: again.body.version }).expect(200);
    const final = await manager.get(`/tasks/${task.id}`).expect(200);
    await submit(manager, { id: task.id, version: final.body.version }).expect(202);

    const history = (await manager.get(`/tasks/${task.id}`).expect(200)).body.history.map((h: { action: string; actor: { id?: string } }) => [h.action, h.actor.id]);
    expect(history.slice(0, 4)).toEqual([
      ['task.submitted', manager.accountId],
      ['task.review_requested', author.accountId],
      ['task.review_returned', manager.accountId],
      ['task.review_requested', author.accountId],
    ]);
    const audit = await admin.get(`/admin/audit?taskId=${task.id}&action=task.review_returned`).expect(200);
    expect(audit.body.items[0]).toMatchObject({ actor: { type: 'account', id: manager.accountId }, accountId: author.accountId });
    expect(JSON.stringify(audit.body)).not.toContain('spring term');
    await waitUntil('the submitted event', () => eventTypes(t, task.externalRef).includes('submitted'));
    // The reviewer's first look is the task's first opening; each hand-over is a re-assignment.
    expect(eventTypes(t, task.externalRef)).toEqual(['picked_up', 'reassigned', 'opened', 'reassigned', 'reassigned', 'submitted']);
  });

  it('refuses what is not a review: incomplete forms, outsiders, strangers, bad input', async () => {
    const task = await completedTask();
    expect(
      (await author.post(`/tasks/${task.id}/review`, { reviewerAccountId: outsider.accountId, version: task.version }).expect(422)).body.code,
    ).toBe('invalid_reviewer');
    expect((await author.post(`/tasks/${task.id}/review`, { reviewerAccountId: author.accountId, version: task.version }).expect(422)).body.code).toBe(
      'invalid_reviewer',
    );
    expect((await author.post(`/tasks/${task.id}/review`, { reviewerAccountId: 'nope', version: task.version }).expect(422)).body.code).toBe('invalid_reviewer');
    expect((await author.post(`/tasks/${task.id}/review`, { reviewerAccountId: manager.accountId, version: task.version - 1 }).expect(409)).body.code).toBe(
      'version_conflict',
    );
    expect((await author.post(`/tasks/${task.id}/review`, { reviewerAccountId: manager.accountId }).expect(400)).body.code).toBe('invalid_request');
    expect((await outsider.post(`/tasks/${task.id}/review`, { reviewerAccountId: manager.accountId, version: task.version }).expect(404)).body.code).toBe('not_found');
    expect((await author.post(`/tasks/${task.id}/review/return`, { comment: 'x' }).expect(409)).body.code).toBe('not_in_review');
    expect((await outsider.post(`/tasks/${task.id}/review/return`, { comment: 'x' }).expect(404)).body.code).toBe('not_found');

    const empty = await delegate(t, delegationBody(author.email, { assignee: { workGroupKey: group.key } }));
    // A member before pickup gets nothing.
    expect((await manager.post(`/tasks/${empty.id}/review`, { reviewerAccountId: author.accountId, version: empty.version }).expect(403)).body.code).toBe('pickup_required');
    const picked = await author.post(`/tasks/${empty.id}/pickup`).expect(200);
    const incomplete = await author.post(`/tasks/${empty.id}/review`, { reviewerAccountId: manager.accountId, version: picked.body.version }).expect(422);
    expect(incomplete.body.code).toBe('validation_failed');
    expect(incomplete.body.errors.length).toBeGreaterThan(0);

    const direct = await delegate(t, delegationBody(author.email));
    expect((await author.post(`/tasks/${direct.id}/review`, { reviewerAccountId: manager.accountId, version: direct.version }).expect(422)).body.code).toBe(
      'invalid_reviewer',
    );
  });
});
