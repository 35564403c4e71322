import { educationAdvice } from '../../../libs/form-schema/test-fixtures/sample-forms';
import { contentAccess, MAX_ATTACHMENTS, Task } from './task';

const now = new Date('2026-11-28T10:00:00.000Z');
const later = new Date('2026-11-28T11:00:00.000Z');

function delegated(assignee: Parameters<typeof Task.delegate>[0]['assignee'] = { kind: 'account', accountId: 'acc-1' }): Task {
  return Task.delegate({
    id: 'task-1',
    externalRef: 'REF-1',
    requestHash: 'hash-1',
    form: { key: 'education-advice', version: 1, title: 'Education advice' },
    subject: { reference: 'LCS-1', displayName: 'Alex Smith' },
    prefill: { childName: 'Alex Smith' },
    assignee,
    dueDate: '2026-12-01',
    message: null,
    now,
  });
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('Task', () => {
  it('starts open at version 1, held by its assignee', () => {
    const task = delegated();
    expect(task).toMatchObject({
      status: 'open',
      version: 1,
      assigneeKind: 'account',
      assigneeAccountId: 'acc-1',
      workGroupId: null,
    });
    expect(task.assignee()).toEqual({ kind: 'account', accountId: 'acc-1' });
  });

  it('a task delegated to a group remembers the group it came through', () => {
    const task = delegated({ kind: 'work_group', workGroupId: 'grp-1' });
    expect(task).toMatchObject({
      assigneeKind: 'work_group',
      holderWorkGroupId: 'grp-1',
      workGroupId: 'grp-1',
      assigneeAccountId: null,
    });
  });

  describe('who may see the content', () => {
    const viewer = (accountId: string, workGroupIds: string[] = []) => ({ accountId, workGroupIds });
    it('the individual assignee only', () => {
      const task = delegated();
      expect(task.contentAccessFor(viewer('acc-1'))).toBe('full');
      expect(task.contentAccessFor(viewer('acc-2'))).toBe('none');
      expect(codeOf(() => task.assertContentVisibleTo(viewer('acc-2')))).toBe('not_found');
    });
    it('a member of the holding group must pick it up first; others see nothing', () => {
      const task = delegated({ kind: 'work_group', workGroupId: 'grp-1' });
      expect(contentAccess(task, viewer('acc-9', ['grp-1']))).toBe('pickup_required');
      expect(codeOf(() => task.assertContentVisibleTo(viewer('acc-9', ['grp-1'])))).toBe('pickup_required');
      expect(contentAccess(task, viewer('acc-9', ['grp-2']))).toBe('none');
    });
    it('nobody, once withdrawn; nobody while the assignee has not registered', () => {
      const task = delegated();
      task.withdraw(later);
      expect(task.contentAccessFor(viewer('acc-1'))).toBe('none');
      expect(delegated({ kind: 'email', email: 'a@b.example' }).contentAccessFor(viewer('acc-1'))).toBe('none');
    });
  });

  describe('saving answers', () => {
    it('replaces the draft, bumps the version and moves open → in_progress once', () => {
      const task = delegated();
      task.saveAnswers(educationAdvice, { setting: 'Oakfield', childName: null }, 1, later);
      expect(task).toMatchObject({
        status: 'in_progress',
        version: 2,
        answers: { setting: 'Oakfield' },
        savedAt: later,
        updatedAt: later,
      });
      task.saveAnswers(educationAdvice, { keyStage: 'ks2' }, 2, later);
      expect(task).toMatchObject({ status: 'in_progress', version: 3, answers: { keyStage: 'ks2' } });
    });
    it('refuses stale versions, type errors, read-only writes and unknown ids, changing nothing', () => {
      const task = delegated();
      expect(codeOf(() => task.saveAnswers(educationAdvice, {}, 2, later))).toBe('version_conflict');
      expect(codeOf(() => task.saveAnswers(educationAdvice, { setting: 1 }, 1, later))).toBe('invalid_answers');
      expect(codeOf(() => task.saveAnswers(educationAdvice, { childName: 'x', setting: 1 }, 1, later))).toBe('read_only');
      expect(codeOf(() => task.saveAnswers(educationAdvice, { nope: 'x', setting: 1 }, 1, later))).toBe('unknown_question');
      expect(task).toMatchObject({ status: 'open', version: 1, answers: {} });
    });
    it('after submission: task_submitted before any version check', () => {
      const task = delegated();
      task.status = 'submitted';
      expect(codeOf(() => task.saveAnswers(educationAdvice, {}, 99, later))).toBe('task_submitted');
    });
  });

  it('attachments: only when the form allows them, at most 20, never after submission', () => {
    const task = delegated();
    expect(codeOf(() => task.assertCanAddAttachment(false, 0))).toBe('attachments_not_allowed');
    expect(codeOf(() => task.assertCanAddAttachment(true, MAX_ATTACHMENTS - 1))).toBeUndefined();
    expect(codeOf(() => task.assertCanAddAttachment(true, MAX_ATTACHMENTS))).toBe('too_many_attachments');
    task.status = 'submitted';
    expect(codeOf(() => task.assertCanAddAttachment(true, 0))).toBe('task_submitted');
    expect(codeOf(() => task.assertCanRemoveAttachment())).toBe('task_submitted');
  });

  it('a waiting task follows the account registered with its email', () => {
    const task = delegated({ kind: 'email', email: 'new@school.example' });
    task.attachToAccount('acc-7', later);
    expect(task).toMatchObject({ assigneeKind: 'account', assigneeAccountId: 'acc-7', assigneeEmail: null, version: 2 });
    task.attachToAccount('acc-8', later);
    expect(task.assigneeAccountId).toBe('acc-7');
  });

  it('withdrawal purges the content, is repeatable, and is refused after submission', () => {
    const task = delegated();
    task.saveAnswers(educationAdvice, { setting: 'Oakfield' }, 1, now);
    expect(task.withdraw(later)).toBe(true);
    expect(task).toMatchObject({
      status: 'withdrawn',
      answers: {},
      prefill: {},
      message: null,
      subjectDisplayName: null,
      withdrawnAt: later,
    });
    expect(task.withdraw(later)).toBe(false);
    const submitted = delegated();
    submitted.status = 'submitted';
    expect(codeOf(() => submitted.withdraw(later))).toBe('already_submitted');
  });

  it('is overdue when due before today and not submitted; available 30 days after submission', () => {
    const task = delegated();
    expect(task.isOverdue('2026-12-01')).toBe(false);
    expect(task.isOverdue('2026-12-02')).toBe(true);
    task.status = 'submitted';
    task.submittedAt = now;
    expect(task.isOverdue('2027-01-01')).toBe(false);
    expect(task.availableUntil()?.toISOString()).toBe('2026-12-28T10:00:00.000Z');
  });
});
